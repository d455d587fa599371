package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityMatcher;
import org.lujing.identity.KeyRotationService;
import org.lujing.ledger.LedgerRepository;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-validates a file's rejected rows after an admin extended a vocabulary or a mapping: the rows now valid join
 * the ledger exactly once (a row's provenance is unique, and a resolved reject is never retried again), the rest
 * keep their (possibly new) reason. Reads the file as kept in the archive.
 */
@Service
public class RejectRetryService {

    private static final Logger log = LoggerFactory.getLogger(RejectRetryService.class);

    private final FileRegistry files;
    private final LedgerRepository ledger;
    private final SourceCatalog sources;
    private final AgencyDirectory agencies;
    private final IdentityCipher cipher;
    private final IdentityMatcher matcher;
    private final KeyRotationService keyRotation;
    private final boolean keepDamagedIds;

    public RejectRetryService(
            FileRegistry files,
            LedgerRepository ledger,
            SourceCatalog sources,
            AgencyDirectory agencies,
            IdentityCipher cipher,
            IdentityMatcher matcher,
            KeyRotationService keyRotation,
            org.lujing.identity.IdentityMatchProperties matching) {
        this.keepDamagedIds = matching.keepDamagedIds();
        this.files = files;
        this.ledger = ledger;
        this.sources = sources;
        this.agencies = agencies;
        this.cipher = cipher;
        this.matcher = matcher;
        this.keyRotation = keyRotation;
    }

    /** What a retry did: rows now accepted or merged into existing records, and rows still rejected. */
    public record Result(long fileId, int accepted, int merged, int skipped, int stillRejected, String outcome) {}

    @Transactional
    public Result retry(long fileId) {
        keyRotation.requireNoRotationInProgress();
        IngestedFile file = files.find(fileId)
                .orElseThrow(() -> new IllegalArgumentException("there is no file #" + fileId + " (see `files`)"));
        FileOutcome outcome = FileOutcome.valueOf(file.outcome());
        if (outcome != FileOutcome.LOADED && outcome != FileOutcome.LOADED_WITH_REJECTS) {
            throw new IllegalArgumentException(
                    "file #" + fileId + " is " + outcome + ": only a loaded file has rows to retry");
        }
        Path stored = Path.of(file.storedPath());
        if (!Files.isRegularFile(stored)) {
            throw new IllegalStateException(
                    "file #" + fileId + " is no longer at " + stored + "; restore it from a backup to retry");
        }
        sources.reload();
        SourceDefinition source = sources.get(file.sourceId());
        Map<String, RejectedRow> open = new HashMap<>();
        for (RejectedRow r : files.openRejects(fileId)) {
            open.put(key(r.sheet(), r.rowNo()), r);
        }
        int accepted = 0;
        int merged = 0;
        int skipped = 0;
        int still = 0;
        if (!open.isEmpty()) {
            RowNormaliser normaliser = new RowNormaliser(source, agencies, cipher, new ReadingNotes(), keepDamagedIds);
            try (TableReader reader =
                    PartnerFileReaders.open(stored, file.fileName(), IngestSettings.readSettings(source))) {
                for (SourceRow row; (row = reader.next()) != null && !open.isEmpty(); ) {
                    RejectedRow reject = open.remove(key(row.sheet(), row.rowNumber()));
                    if (reject == null) {
                        continue;
                    }
                    RowResult result = normaliser.process(row);
                    if (result instanceof RowResult.Rejected r) {
                        files.updateReject(reject.id(), r);
                        still++;
                        continue;
                    }
                    if (result instanceof RowResult.NewRecord r) {
                        if (ledger.addRecord(r.draft(), fileId, source.id(), r.sheet(), r.row())
                                == LedgerRepository.Effect.MERGED) {
                            merged++;
                        } else {
                            accepted++;
                        }
                    } else if (result instanceof RowResult.RosterEntry r) {
                        ledger.upsertSubject(r.draft(), fileId);
                        accepted++;
                    } else {
                        skipped++;
                    }
                    files.resolveReject(reject.id());
                }
                // the headers of the sheets read so far: a file loaded before they were kept gains them here
                files.saveSheetHeaders(fileId, reader.headers());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + stored, e);
            }
            still += open.size();
        }
        int fixed = accepted + merged + skipped;
        files.addCounts(fileId, new FileAccounting(0, accepted, merged, -fixed, skipped));
        if (accepted + merged > 0) {
            matcher.rematch();
        }
        FileOutcome now = still == 0 ? FileOutcome.LOADED : FileOutcome.LOADED_WITH_REJECTS;
        files.setOutcome(fileId, now);
        files.forgetMappedWords(
                source.id(), word -> source.vocabulary().lookup(word).isPresent());
        log.info(
                "retry of file #{} ({}): {} accepted, {} merged, {} skipped, {} still rejected",
                fileId,
                file.fileName(),
                accepted,
                merged,
                skipped,
                still);
        return new Result(fileId, accepted, merged, skipped, still, now.name());
    }

    private static String key(String sheet, int row) {
        return sheet + '\u0000' + row;
    }
}
