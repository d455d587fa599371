package org.lujing.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.FileWithdrawal;
import org.lujing.ingest.IngestedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pulled file an admin withdrew ({@code files withdraw}): the ids of its records are no longer taken, so the next
 * pull brings them again — after the mapping that loaded them wrongly was mended, under the source they belong to.
 * Before, their ids stayed marked and the feed never sent them again: a withdrawn feed file lost its records for
 * good. The ids are read from the file's archived copy (the pull's own file, one object a record, streamed), and
 * unmarked in the withdrawal's last transaction.
 */
@Component
class FeedWithdrawals {

    private static final Logger log = LoggerFactory.getLogger(FeedWithdrawals.class);

    private final FileRegistry files;
    private final JdbcClient jdbc;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    FeedWithdrawals(FileRegistry files, JdbcClient jdbc) {
        this.files = files;
        this.jdbc = jdbc;
    }

    @EventListener
    void withdrawn(FileWithdrawal.Withdrawn event) {
        // the refusals it holds go with it: whatever became of them (taken in by a retry, closed by an admin), their
        // records are no longer in the ledger, and the feed must send them again, unchanged or not
        jdbc.sql("DELETE FROM feed_record_reject WHERE file_id = ?")
                .param(event.fileId())
                .update();
        IngestedFile file = files.find(event.fileId()).orElse(null);
        String processor = event.sourceId() + "-feed";
        if (file == null
                || !"json".equalsIgnoreCase(file.format())
                || file.storedPath() == null
                || jdbc.sql("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?")
                                .param(processor)
                                .query(Long.class)
                                .single()
                        == 0) {
            return;
        }
        Path archived = Path.of(file.storedPath());
        if (!Files.isRegularFile(archived)) {
            log.warn(
                    "file #{} withdrawn: its archived copy {} is gone, so its records' ids stay taken by the {} feed",
                    event.fileId(),
                    archived,
                    event.sourceId());
            return;
        }
        int[] released = {0};
        PulledFile.forEachRecord(
                archived,
                mapper,
                record -> released[0] += jdbc.sql(
                                "DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ?")
                        .params(processor, FeedPage.recordId(record))
                        .update());
        log.info(
                "file #{} withdrawn: {} record id(s) of the {} feed released; the next pull takes them again",
                event.fileId(),
                released[0],
                event.sourceId());
    }
}
