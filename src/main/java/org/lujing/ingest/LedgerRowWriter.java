package org.lujing.ingest;

import org.lujing.ledger.LedgerRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of row results — records (merged by identity), roster upserts, rejects — and the chunk's
 * accounting, all in the chunk's transaction.
 */
class LedgerRowWriter implements ItemWriter<RowResult> {

    private final LedgerRepository ledger;
    private final FileRegistry files;
    private final long fileId;
    private final String sourceId;

    LedgerRowWriter(LedgerRepository ledger, FileRegistry files, long fileId, String sourceId) {
        this.ledger = ledger;
        this.files = files;
        this.fileId = fileId;
        this.sourceId = sourceId;
    }

    @Override
    public void write(Chunk<? extends RowResult> chunk) {
        int[] counts = ledger.inSession(session -> {
            int accepted = 0;
            int merged = 0;
            int rejected = 0;
            int skipped = 0;
            for (RowResult result : chunk) {
                if (result instanceof RowResult.NewRecord r) {
                    if (session.addRecord(r.draft(), fileId, sourceId, r.sheet(), r.row())
                            == LedgerRepository.Effect.MERGED) {
                        merged++;
                    } else {
                        accepted++;
                    }
                } else if (result instanceof RowResult.RosterEntry r) {
                    session.upsertSubject(r.draft(), fileId);
                    accepted++;
                } else if (result instanceof RowResult.Rejected r) {
                    files.reject(fileId, sourceId, r);
                    rejected++;
                } else {
                    RowResult.Skipped skip = (RowResult.Skipped) result;
                    if (skip.text() != null) {
                        files.controlTotal(fileId, skip);
                    }
                    skipped++;
                }
            }
            return new int[] {accepted, merged, rejected, skipped};
        });
        files.addCounts(fileId, new FileAccounting(chunk.size(), counts[0], counts[1], counts[2], counts[3]));
    }
}
