package org.lujing.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.ResumedIngestFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pull whose ingest did not complete (the process stopped or died in it, the database failed) marks nothing: the
 * pull gave up on its file. The file is finished later all the same, under its own claim — by {@code serve} at its
 * next start, by another node, by {@code jobs restart} — and then its records are settled here as the pull would have
 * settled them: the ids it counted taken, the refused ones kept by their content. Before, the next pull took every
 * record of it again: the accepted ones merged into themselves, and each refused one was refused a second time,
 * leaving the first file's reject open with nothing to answer it. The records are read from the file's archived copy,
 * in its row order.
 */
@Component
class FeedResumedPulls {

    private static final Logger log = LoggerFactory.getLogger(FeedResumedPulls.class);

    private final FileRegistry files;
    private final FeedPull pull;
    private final FeedRejects refused;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    FeedResumedPulls(FileRegistry files, FeedPull pull, FeedRejects refused) {
        this.files = files;
        this.pull = pull;
        this.refused = refused;
    }

    @EventListener
    void finished(ResumedIngestFinished event) {
        if (pull.ingestingOwnPull()) {
            // a pull whose file's content was claimed by an earlier, unfinished pull: it settles when its ingest
            // returns
            return;
        }
        IngestedFile file = files.find(event.fileId()).orElse(null);
        if (file == null
                || !"json".equalsIgnoreCase(file.format())
                || !FeedPull.SUCCESS.contains(file.outcome())
                || file.storedPath() == null
                || !pull.settings(file.sourceId()).configured()) {
            return;
        }
        Path archived = Path.of(file.storedPath());
        if (!Files.isRegularFile(archived)) {
            log.warn(
                    "file #{} finished by execution #{}: its archived copy {} is gone, so the {} feed sends its"
                            + " records again",
                    file.id(),
                    event.executionId(),
                    archived,
                    file.sourceId());
            return;
        }
        String sourceId = file.sourceId();
        Map<String, String> records = new LinkedHashMap<>();
        boolean[] repeated = {false};
        PulledFile.forEachRecord(archived, mapper, record -> {
            if (records.putIfAbsent(FeedPage.recordId(record), FeedPage.fingerprint(record)) != null) {
                repeated[0] = true;
            }
        });
        if (repeated[0]) {
            // a pull keeps a record once: this file was dropped by hand, and its rows are not one per record id
            return;
        }
        // every refusal the source has kept is read by the settling, in one query: none was seen by pages here
        refused.settle(sourceId, file, records, Map.of(), java.time.Instant.EPOCH, pull.repository(sourceId));
        // the pull that wrote the file was killed before it could delete its copy: the archive keeps the file now
        pull.deletePulledCopy(sourceId, file.fileName());
        log.info(
                "file #{} finished by execution #{}: its {} record(s) settled with the {} feed as its pull would have",
                file.id(),
                event.executionId(),
                records.size(),
                sourceId);
    }
}
