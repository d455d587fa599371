package org.lujing.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.spi.IdempotentRepository;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectedRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feed records the ingest refused. A file's partner corrects a refused row by sending the file again; a feed's
 * partner corrects the record on its platform, under the same record id. So a refused record's id is not marked taken:
 * what is kept instead ({@code feed_record_reject}) is the refused content's fingerprint and where its reject is. The
 * same record sent unchanged is not taken again (nor refused again every night); sent changed, it is taken, and the
 * reject it leaves behind is closed, with an audit entry — answered by the corrected record, or replaced by the new
 * refusal, so a record has at most one reject still open. A reject withdrawn with its file lets the record come again.
 */
@Component
class FeedRejects {

    /** Who closes a reject the process saw answered: the audit log's actor. */
    static final String ACTOR = "系统（接口拉取）";

    /** A feed's records have no sheet. */
    private static final String SHEET = "";

    private final JdbcClient jdbc;
    private final RejectedRows rejects;

    FeedRejects(JdbcClient jdbc, RejectedRows rejects) {
        this.jdbc = jdbc;
        this.rejects = rejects;
    }

    /** Where a record's earlier refusal is: its content's fingerprint then, and its reject's file and row. */
    record Refusal(String fingerprint, long fileId, int rowNo) {}

    /**
     * Whether the record, with this content, was refused before and its reject still stands (open, closed by an
     * admin, or taken in by a retry): taking it again would only refuse it again, or count it twice. A record that
     * comes again all the same (changed, or its reject withdrawn) keeps its earlier refusal in the pull, for
     * {@link #settle} to close or replace without looking it up a second time.
     */
    boolean refusedAlready(FeedPullState pull, String recordId, String fingerprint) {
        Refusal before = refusal(pull.sourceId(), recordId).orElse(null);
        if (before == null) {
            return false;
        }
        boolean stands = before.fingerprint().equals(fingerprint)
                && rejects.status(before.fileId(), SHEET, before.rowNo())
                        .filter(status -> !status.equals("WITHDRAWN"))
                        .isPresent();
        if (!stands) {
            pull.refusedBefore(recordId, before);
        }
        return stands;
    }

    /**
     * After the pull's file loaded: marks the ids of the records it counted (accepted, merged or skipped) as taken,
     * keeps the refused ones' fingerprints instead, and closes the reject an earlier pull left for each record that
     * came again. {@code fresh}: the pull's record ids and fingerprints, in the file's row order (row 1 first). One
     * transaction (the idempotent repository's marks join it): a crash half way leaves nothing settled, and the
     * next pull takes the records again (a record loaded twice merges into itself, as the feed's delivery is at least
     * once), rather than some marked and a refusal forgotten. {@code earlier}: the refusals {@link #refusedAlready}
     * found for records that came again, by record id; a record not in it had none.
     */
    @org.springframework.transaction.annotation.Transactional
    public void settle(
            String sourceId,
            IngestedFile file,
            Map<String, String> fresh,
            Map<String, Refusal> earlier,
            Instant readSince,
            IdempotentRepository taken) {
        // a file whose content was loaded before (DUPLICATE_FILE) has its rows' rejects on that first file
        long rowsAt = file.duplicateOf() != null ? file.duplicateOf() : file.id();
        // refusals kept since the pages were read (another pull settled meanwhile: a file finished late, a night
        // resumed) are the ones to close or replace, not what the pages saw; one query for the few of them
        Map<String, Refusal> current = new java.util.HashMap<>(earlier);
        jdbc.sql("SELECT record_id, fingerprint, file_id, row_no FROM feed_record_reject"
                        + " WHERE source_id = ? AND rejected_at >= ?")
                .params(sourceId, Timestamp.from(readSince.minus(java.time.Duration.ofMinutes(10))))
                .query(rs -> {
                    if (fresh.containsKey(rs.getString(1))) {
                        current.put(rs.getString(1), new Refusal(rs.getString(2), rs.getLong(3), rs.getInt(4)));
                    }
                });
        BitSet refused = new BitSet();
        rejects.forEachOpenPlace(rowsAt, (sheet, row) -> {
            if (sheet.equals(SHEET) && row > 0) {
                refused.set(row);
            }
        });
        int row = 0;
        for (Map.Entry<String, String> record : fresh.entrySet()) {
            row++;
            String recordId = record.getKey();
            Refusal before = current.get(recordId);
            if (before != null && file.duplicateOf() == null && before.fileId() > rowsAt) {
                // refused by a later pull than this file's (this one was finished late): that refusal is the
                // partner's latest word on the record, and stays; so does the record's id, free to come again
                continue;
            }
            if (refused.get(row)) {
                if (before != null && (before.fileId() != rowsAt || before.rowNo() != row)) {
                    rejects.closeHandledElsewhere(
                            before.fileId(),
                            SHEET,
                            before.rowNo(),
                            ACTOR,
                            "接口再次发来记录 " + recordId + "，仍未通过校验，见文件 #" + rowsAt + " 第 " + row + " 行");
                }
                keep(sourceId, recordId, record.getValue(), rowsAt, row);
            } else {
                taken.add(recordId);
                if (before != null) {
                    rejects.closeHandledElsewhere(
                            before.fileId(),
                            SHEET,
                            before.rowNo(),
                            ACTOR,
                            "接口发来更正后的记录 " + recordId + "，已由文件 #" + rowsAt + " 第 " + row + " 行入库");
                    jdbc.sql("DELETE FROM feed_record_reject WHERE source_id = ? AND record_id = ?")
                            .params(sourceId, recordId)
                            .update();
                }
            }
        }
    }

    private Optional<Refusal> refusal(String sourceId, String recordId) {
        return jdbc.sql("SELECT fingerprint, file_id, row_no FROM feed_record_reject"
                        + " WHERE source_id = ? AND record_id = ?")
                .params(sourceId, recordId)
                .query((rs, n) -> new Refusal(rs.getString(1), rs.getLong(2), rs.getInt(3)))
                .optional();
    }

    /**
     * Keeps the record's refusal: in place of an earlier one, or as its first. Whether it had one was read while the
     * pages came in; a withdrawal since then may have taken that row away, so the row is updated if it is there.
     */
    private void keep(String sourceId, String recordId, String fingerprint, long fileId, int row) {
        Timestamp now = Timestamp.from(Instant.now());
        int replaced = jdbc.sql(
                        "UPDATE feed_record_reject SET fingerprint = ?, file_id = ?, row_no = ?, rejected_at = ?"
                                + " WHERE source_id = ? AND record_id = ?")
                .params(fingerprint, fileId, row, now, sourceId, recordId)
                .update();
        if (replaced == 0) {
            jdbc.sql("INSERT INTO feed_record_reject (source_id, record_id, fingerprint, file_id, row_no, rejected_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(sourceId, recordId, fingerprint, fileId, row, now)
                    .update();
        }
    }
}
