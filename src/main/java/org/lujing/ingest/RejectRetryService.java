package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityMatcher;
import org.lujing.identity.KeyRotationService;
import org.lujing.ledger.Bilingual;
import org.lujing.read.FileOutcome;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.SourceRow;
import org.lujing.read.TableReader;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-validates a file's rejected rows after an admin extended a vocabulary or a mapping: the rows now valid join
 * the ledger exactly once (a row's provenance is unique, and a resolved reject is never retried again), the rest
 * keep their (possibly new) reason. Reads the file as kept in the archive.
 */
@Service
public class RejectRetryService {

    private static final Logger log = LoggerFactory.getLogger(RejectRetryService.class);

    private final FileRegistry files;
    private final RejectedRows rejects;
    private final SlicePublishers publishers;
    private final SourceCatalog sources;
    private final AgencyDirectory agencies;
    private final IdentityCipher cipher;
    private final IdentityMatcher matcher;
    private final KeyRotationService keyRotation;
    private final boolean keepDamagedIds;
    private final TransactionTemplate transactions;

    public RejectRetryService(
            FileRegistry files,
            RejectedRows rejects,
            SlicePublishers publishers,
            SourceCatalog sources,
            AgencyDirectory agencies,
            IdentityCipher cipher,
            IdentityMatcher matcher,
            KeyRotationService keyRotation,
            org.lujing.identity.IdentityMatchProperties matching,
            PlatformTransactionManager transactionManager) {
        this.keepDamagedIds = matching.keepDamagedIds();
        this.transactions = new TransactionTemplate(transactionManager);
        this.files = files;
        this.rejects = rejects;
        this.publishers = publishers;
        this.sources = sources;
        this.agencies = agencies;
        this.cipher = cipher;
        this.matcher = matcher;
        this.keyRotation = keyRotation;
    }

    /** What a retry did: rows now accepted or merged into existing records, and rows still rejected. */
    public record Result(long fileId, int accepted, int merged, int skipped, int stillRejected, String outcome) {}

    /**
     * Retries the file's open rejected rows, {@link #SLICE} rows to a transaction: each slice writes its rows'
     * records, its rejects' new state and its share of the file's accounting together, so a retry stopped halfway
     * (a crash, a kill) leaves every row either retried or still open and the accounting balanced, and a second retry
     * takes up the rest. A row is taken by resolving its reject ({@code status = 'OPEN'} in the update), so a retry
     * running beside this one never adds it twice.
     */
    public Result retry(long fileId) {
        keyRotation.requireNoRotationInProgress();
        IngestedFile file = files.find(fileId)
                .orElseThrow(() -> new IllegalArgumentException("没有编号为 #" + fileId + " 的文件（见 `files`）"
                        + Bilingual.SEPARATOR + "there is no file #" + fileId + " (see `files`)"));
        FileOutcome outcome = FileOutcome.valueOf(file.outcome());
        if (outcome != FileOutcome.LOADED && outcome != FileOutcome.LOADED_WITH_REJECTS) {
            throw new IllegalArgumentException(
                    "文件 #" + fileId + " 是" + outcome.zh() + "（" + outcome + "）：只有已载入的文件才有可重新处理的行"
                            + Bilingual.SEPARATOR + "file #" + fileId + " is " + outcome
                            + ": only a loaded file has rows to retry");
        }
        Path stored = Path.of(file.storedPath());
        if (!Files.isRegularFile(stored)) {
            throw new IllegalStateException("文件 #" + fileId + " 已不在 " + stored + "；请从备份恢复后再重新处理"
                    + Bilingual.SEPARATOR + "file #" + fileId + " is no longer at " + stored
                    + "; restore it from a backup to retry");
        }
        sources.reload();
        SourceDefinition source = sources.get(file.sourceId());
        // the open rows' numbers, a bit per row of each sheet: a file whose every row was refused has a million
        Map<String, BitSet> open = new HashMap<>();
        long[] remaining = {0};
        rejects.forEachOpenPlace(fileId, (sheet, row) -> {
            open.computeIfAbsent(sheet, k -> new BitSet()).set(row);
            remaining[0]++;
        });
        FileAccounting done = new FileAccounting(0, 0, 0, 0, 0);
        if (remaining[0] > 0) {
            RowNormaliser normaliser = new RowNormaliser(source, agencies, cipher, new ReadingNotes(), keepDamagedIds);
            try (TableReader reader =
                    PartnerFileReaders.open(stored, file.fileName(), IngestSettings.readSettings(source))) {
                StagedRowsPublisher publisher = publishers.forSlices(fileId, source.id());
                IdentitySeen seen = new IdentitySeen();
                List<Retried> slice = new ArrayList<>();
                for (SourceRow row; remaining[0] > 0 && (row = reader.next()) != null; ) {
                    BitSet rows = open.get(row.sheet());
                    if (rows == null || row.rowNumber() < 0 || !rows.get(row.rowNumber())) {
                        continue;
                    }
                    rows.clear(row.rowNumber());
                    remaining[0]--;
                    slice.add(new Retried(row.sheet(), row.rowNumber(), normaliser.process(row)));
                    if (slice.size() == SLICE) {
                        done = plus(done, write(publisher, seen, slice));
                        slice.clear();
                    }
                }
                done = plus(done, write(publisher, seen, slice));
                // the headers of the sheets read so far: a file loaded before they were kept gains them here
                transactions.executeWithoutResult(t -> files.saveSheetHeaders(fileId, reader.headers()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + stored, e);
            }
        }
        if (done.accepted() + done.merged() > 0) {
            matcher.rematch();
        }
        // still rejected: refused again, and rows the file no longer holds where they were rejected
        long still = rejects.count(fileId, true);
        // rows closed as handled otherwise are still rows this file rejected: its outcome stays what it was
        FileOutcome now = rejects.unresolved(fileId) == 0 ? FileOutcome.LOADED : FileOutcome.LOADED_WITH_REJECTS;
        transactions.executeWithoutResult(t -> {
            files.setOutcome(fileId, now);
            files.forgetMappedWords(
                    source.id(), word -> source.vocabulary().lookup(word).isPresent());
        });
        log.info(
                "retry of file #{} ({}): {} accepted, {} merged, {} skipped, {} still rejected",
                fileId,
                file.fileName(),
                done.accepted(),
                done.merged(),
                done.skipped(),
                still);
        return new Result(fileId, done.accepted(), done.merged(), done.skipped(), (int) still, now.name());
    }

    /** Rows whose retry one transaction writes. */
    static final int SLICE = 2_000;

    /** A rejected row read again, and what the normaliser now makes of it. */
    private record Retried(String sheet, int row, RowResult result) {}

    /**
     * Writes a slice of retried rows in one transaction: those refused again keep their (possibly new) reason, the
     * others join the ledger as their reject is resolved, through the ingest's set-based publication (one insert of
     * the new identities, merges through the identity index, provenance and rollups); the file's accounting moves by
     * what joined. A row that repeats the identity of a row joined before it in this retry is marked a repeat, as
     * staging marks a file's repeats. Returns what joined (accepted, merged, skipped; rejected as the negative of
     * their sum).
     */
    private FileAccounting write(StagedRowsPublisher publisher, IdentitySeen seen, List<Retried> slice) {
        if (slice.isEmpty()) {
            return new FileAccounting(0, 0, 0, 0, 0);
        }
        long fileId = publisher.fileId();
        return transactions.execute(t -> {
            List<RowResult.Rejected> refused = new ArrayList<>();
            List<RowResult> joining = new ArrayList<>();
            for (Retried x : slice) {
                if (x.result() instanceof RowResult.Rejected r) {
                    refused.add(r);
                } else {
                    joining.add(x.result());
                }
            }
            files.updateRejects(fileId, refused);
            // taken by resolving its reject: a row another retry resolved first is not added again
            boolean[] taken = files.resolveRejects(fileId, joining);
            List<StagingFile.Staged> rows = new ArrayList<>();
            int skipped = 0;
            for (int i = 0; i < taken.length; i++) {
                RowResult r = joining.get(i);
                if (!taken[i]) {
                    continue;
                }
                if (r instanceof RowResult.NewRecord n) {
                    rows.add(new StagingFile.Staged(rows.size(), n, !seen.add(n.draft())));
                } else if (r instanceof RowResult.RosterEntry) {
                    rows.add(new StagingFile.Staged(rows.size(), r, false));
                } else {
                    skipped++;
                }
            }
            FileAccounting published = rows.isEmpty() ? new FileAccounting(0, 0, 0, 0, 0) : publisher.publish(rows);
            int accepted = published.accepted();
            int merged = published.merged();
            FileAccounting joined = new FileAccounting(0, accepted, merged, -(accepted + merged + skipped), skipped);
            files.addCounts(fileId, joined);
            return joined;
        });
    }

    private static FileAccounting plus(FileAccounting a, FileAccounting b) {
        return new FileAccounting(
                0,
                a.accepted() + b.accepted(),
                a.merged() + b.merged(),
                a.rejected() + b.rejected(),
                a.skipped() + b.skipped());
    }
}
