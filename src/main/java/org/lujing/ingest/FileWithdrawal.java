package org.lujing.ingest;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.audit.AuditLog;
import org.lujing.ledger.Bilingual;
import org.lujing.ledger.RecordIds;
import org.lujing.ledger.StatisticsRollup;
import org.lujing.read.FileOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a loaded activity file back out of the ledger — one ingested under the wrong source, loaded with a mapping
 * since found wrong, a test file sent by mistake — so that the ledger is as if it had never come, and its content may
 * be ingested again (under the right source, or with the mended mapping).
 *
 * <p>What goes: the file's provenance rows; every record no other file reports (a record another file's rows also
 * made stays, and its first file, quantity, hours and outcome are taken again from the rows left, as publication
 * would have set them; the activity name and notes the withdrawn row gave it stay, since provenance does not keep
 * them); the statistics rollups with them; its open rejected rows (no longer to be fixed); its claim on its SHA-256.
 * A record merged into one that goes counts again in its place. What stays: the file's entry with its accounting as
 * read, now {@code WITHDRAWN}, its archived copy, and the audit log's entry saying who withdrew it and why. A roster
 * is never withdrawn: its rows changed people, whose history keeps what each file said.
 *
 * <p>Done a window of the file's provenance at a time, each in its own transaction holding the ledger's write turn,
 * so a million-row file never sits in one transaction. The entry is marked first ({@code withdrawn_at}); a
 * withdrawal stopped half way (the process killed) is finished by running it again, and until then the file is
 * shown as being withdrawn.
 */
@Service
public class FileWithdrawal {

    private static final Logger log = LoggerFactory.getLogger(FileWithdrawal.class);

    /** Provenance ids per transaction. */
    static final int WINDOW = 20_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final StatisticsRollup rollup;
    private final AuditLog audit;
    private final RecordIds recordIds;
    private final TransactionTemplate tx;
    private final org.springframework.context.ApplicationEventPublisher events;

    /** Provenance ids a transaction takes ({@link #WINDOW}; tests take fewer). */
    int window = WINDOW;

    /** Runs after each window's commit with the number of windows done (tests stop a withdrawal half way here). */
    java.util.function.IntConsumer afterWindow = n -> {};

    public FileWithdrawal(
            JdbcClient jdbc,
            JdbcTemplate template,
            StatisticsRollup rollup,
            AuditLog audit,
            RecordIds recordIds,
            PlatformTransactionManager transactions,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.recordIds = recordIds;
        this.jdbc = jdbc;
        this.template = template;
        this.rollup = rollup;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * A file taken out of the ledger, told in the withdrawal's last transaction: whatever keeps its own note of the
     * file's content (a feed, which records it took) forgets it there, so that the content may come again.
     */
    public record Withdrawn(long fileId, String sourceId) {}

    /** What a withdrawal took out: records deleted, records kept (another file reports them), provenance rows. */
    public record Result(long fileId, String fileName, int recordsRemoved, int recordsKept, int rows) {

        /** The shape of {@code files withdraw --json} and {@code POST /api/files/{id}/withdraw}. */
        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fileId", fileId);
            m.put("fileName", fileName);
            m.put("outcome", FileOutcome.WITHDRAWN.name());
            m.put("recordsRemoved", recordsRemoved);
            m.put("recordsKept", recordsKept);
            m.put("rows", rows);
            return m;
        }
    }

    /** A withdrawal that does not apply, in both languages ({@code 中文 ‖ English}). */
    public static final class Refused extends IllegalArgumentException {
        Refused(String zh, String en) {
            super(zh + Bilingual.SEPARATOR + en);
        }
    }

    /**
     * Withdraws file {@code fileId}, audited as {@code actor}'s with {@code reason}; refused (nothing done, nothing
     * audited) for a file that is not a loaded activity file.
     */
    public Result withdraw(long fileId, String actor, String reason) {
        record Entry(String sourceId, String name, String outcome, boolean begun) {}
        Entry file = jdbc.sql("SELECT source_id, file_name, outcome, withdrawn_at FROM ingest_file WHERE id = ?")
                .param(fileId)
                .query((rs, i) ->
                        new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null))
                .optional()
                .orElseThrow(() -> new Refused(
                        "没有编号为 #" + fileId + " 的文件（`files` 列出全部）", "there is no file #" + fileId + " (see `files`)"));
        String outcome = file.outcome();
        String name = file.name();
        if (reason == null || reason.isBlank()) {
            throw new Refused("撤回文件需要 --reason：原因记入审计日志", "withdrawing a file needs --reason, for the audit log");
        }
        if ("roster".equals(file.sourceId())) {
            throw new Refused(
                    "#" + fileId + " 是名册文件，不能撤回：名册逐行更新人员，历史中保留每个文件写了什么；请发送更正后的名册",
                    "#" + fileId
                            + " is a roster: it cannot be withdrawn (its rows updated people, whose history keeps what"
                            + " each file said); send a corrected roster");
        }
        if (FileOutcome.WITHDRAWN.name().equals(outcome)) {
            throw new Refused("#" + fileId + " " + name + " 已撤回", "#" + fileId + " " + name + " is withdrawn already");
        }
        if (!FileOutcome.LOADED.name().equals(outcome)
                && !FileOutcome.LOADED_WITH_REJECTS.name().equals(outcome)) {
            FileOutcome o = FileOutcome.valueOf(outcome);
            throw new Refused(
                    "#" + fileId + " " + name + " 的结果是「" + o.zh() + "」（" + outcome + "）：只有已载入的文件可以撤回"
                            + (o == FileOutcome.IN_PROGRESS ? "；请等它载入完成" : "，它没有写入台账"),
                    "#" + fileId + " " + name + " is " + outcome + ": only a loaded file can be withdrawn"
                            + (o == FileOutcome.IN_PROGRESS ? "; wait until it has loaded" : ", and it wrote nothing"));
        }
        boolean resumed = file.begun();
        tx.executeWithoutResult(status -> {
            audit.record(actor, "FILE_WITHDRAW", "file #" + fileId + " " + name, reason, resumed ? "resumed" : null);
            // its rejected rows are no longer to be fixed: a retry now finds none to take
            jdbc.sql("UPDATE row_reject SET status = 'WITHDRAWN' WHERE file_id = ? AND status = 'OPEN'")
                    .param(fileId)
                    .update();
            jdbc.sql("UPDATE ingest_file SET withdrawn_at = COALESCE(withdrawn_at, ?) WHERE id = ?")
                    .params(Timestamp.from(Instant.now()), fileId)
                    .update();
        });
        Map<Long, List<Long>> mergedInto = mergedRecords();
        int[] totals = new int[3];
        int windows = 0;
        while (true) {
            Long from = jdbc.sql("SELECT MIN(id) FROM record_source WHERE file_id = ?")
                    .param(fileId)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (from == null) {
                break;
            }
            int[] done = tx.execute(status -> window(fileId, from, from + window, mergedInto));
            for (int i = 0; i < 3; i++) {
                totals[i] += done[i];
            }
            afterWindow.accept(++windows);
        }
        // the file's page says who took it back, when and why — not only the audit log, which a viewer cannot open
        String when = java.time.LocalDateTime.now()
                .withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String why = clip(org.lujing.normalise.Masking.value(reason.strip()), 300);
        String before = jdbc.sql("SELECT message FROM ingest_file WHERE id = ?")
                .param(fileId)
                .query(String.class)
                .optional()
                .orElse(null);
        String zh = "已于 " + when + " 由 " + actor + " 撤回：" + why;
        String en = "withdrawn on " + when + " by " + actor + ": " + why;
        String said = before == null || before.isBlank()
                ? zh + Bilingual.SEPARATOR + en
                : zh + "；" + Bilingual.half(before, false) + Bilingual.SEPARATOR + en + "; "
                        + Bilingual.half(before, true);
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM file_claim WHERE file_id = ?").param(fileId).update();
            jdbc.sql("UPDATE ingest_file SET outcome = ?, message = ? WHERE id = ?")
                    .params(FileOutcome.WITHDRAWN.name(), clip(said, 1000), fileId)
                    .update();
            // a review of a key whose every record is gone has nothing left to decide
            jdbc.sql("""
                            DELETE FROM identity_match WHERE outcome = 'REVIEW' AND NOT EXISTS (
                              SELECT 1 FROM support_record r WHERE r.subject_key = identity_match.subject_key)""").update();
            // what else held on to the file lets go in the same transaction (a feed, the records it took from it)
            events.publishEvent(new Withdrawn(fileId, file.sourceId()));
        });
        log.info(
                "file #{} {} withdrawn by {}: {} records removed, {} kept (reported by other files too), {} rows",
                fileId,
                name,
                actor,
                totals[0],
                totals[1],
                totals[2]);
        return new Result(fileId, name, totals[0], totals[1], totals[2]);
    }

    /** The records merged into another (few: identity decisions), by the record they were merged into. */
    private Map<Long, List<Long>> mergedRecords() {
        Map<Long, List<Long>> into = new HashMap<>();
        jdbc.sql("SELECT id, merged_into FROM support_record WHERE merged_into IS NOT NULL")
                .query(rs -> {
                    into.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1));
                });
        return into;
    }

    /** A record as the rollups count it. */
    private record Counted(
            long id,
            Long subjectId,
            Long mergedInto,
            LocalDate date,
            String category,
            String agency,
            String activityName,
            BigDecimal quantity) {

        boolean counts() {
            return subjectId != null && subjectId > 0 && mergedInto == null;
        }
    }

    private static final String COUNTED_COLUMNS =
            "r.id, r.subject_id, r.merged_into, r.activity_date, r.category, r.agency, r.activity_name, r.quantity";

    private static Counted counted(java.sql.ResultSet rs) throws java.sql.SQLException {
        long subject = rs.getLong(2);
        Long subjectId = rs.wasNull() ? null : subject;
        long merged = rs.getLong(3);
        Long mergedInto = rs.wasNull() ? null : merged;
        return new Counted(
                rs.getLong(1),
                subjectId,
                mergedInto,
                rs.getDate(4).toLocalDate(),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBigDecimal(8));
    }

    /**
     * One window of the file's provenance ids: the records its rows made or merged into, every row of the file on
     * them taken out, each record removed or set again from the rows left. Returns {removed, kept, rows}.
     */
    private int[] window(long fileId, long from, long to, Map<Long, List<Long>> mergedInto) {
        recordIds.takeWriteTurn();
        Map<Long, Counted> records = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COUNTED_COLUMNS + " FROM support_record r WHERE r.id IN ("
                        + "SELECT s.record_id FROM record_source s WHERE s.file_id = ? AND s.id >= ? AND s.id < ?)"
                        + " ORDER BY r.id")
                .params(fileId, from, to)
                .query(rs -> {
                    Counted c = counted(rs);
                    records.put(c.id(), c);
                });
        // what the other files' rows on these records say, in the order they came: the first stands, gaps filled
        Map<Long, Object[]> left = new HashMap<>();
        jdbc.sql("""
                        SELECT o.record_id, o.file_id, o.hours, o.quantity, o.outcome FROM record_source o
                        WHERE o.record_id IN (
                          SELECT s.record_id FROM record_source s WHERE s.file_id = ? AND s.id >= ? AND s.id < ?)
                          AND o.file_id <> ?
                        ORDER BY o.record_id, o.id""").params(fileId, from, to, fileId).query(rs -> {
            long record = rs.getLong(1);
            Object[] v = left.get(record);
            if (v == null) {
                left.put(record, new Object[] {rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(5)
                });
            } else {
                v[1] = v[1] != null ? v[1] : rs.getBigDecimal(3);
                v[3] = v[3] != null ? v[3] : rs.getString(5);
            }
        });
        StatisticsRollup.Change change = rollup.change();
        List<Object[]> deleteRows = new ArrayList<>();
        List<Object[]> deleteRecords = new ArrayList<>();
        List<Object[]> setAgain = new ArrayList<>();
        List<Long> unmerged = new ArrayList<>();
        int removed = 0;
        java.util.Set<Long> going = new java.util.HashSet<>();
        for (Counted r : records.values()) {
            if (!left.containsKey(r.id())) {
                going.add(r.id());
            }
        }
        for (Counted r : records.values()) {
            deleteRows.add(new Object[] {fileId, r.id()});
            Object[] v = left.get(r.id());
            if (v == null) {
                if (r.counts()) {
                    stops(change, r, r.activityName(), r.quantity());
                }
                for (long child : mergedInto.getOrDefault(r.id(), List.of())) {
                    if (!going.contains(child)) {
                        unmerged.add(child);
                    }
                }
                deleteRecords.add(new Object[] {r.id()});
                removed++;
            } else {
                BigDecimal quantity = v[2] != null ? (BigDecimal) v[2] : r.quantity();
                if (r.counts()) {
                    stops(change, r, r.activityName(), r.quantity());
                    change.starts(r.date(), r.category(), r.agency(), r.activityName(), r.subjectId(), quantity);
                }
                setAgain.add(new Object[] {v[0], v[1], quantity, v[3], r.id()});
            }
        }
        // the file's rows on these records, in this window and any later one: what the deletes took is the count
        int rows = java.util.Arrays.stream(template.batchUpdate(
                        "DELETE FROM record_source WHERE file_id = ? AND record_id = ?", deleteRows))
                .sum();
        template.batchUpdate(
                "UPDATE support_record SET first_file_id = ?, hours = ?, quantity = ?, outcome = ? WHERE id = ?",
                setAgain);
        if (!unmerged.isEmpty()) {
            // a record merged into one that goes takes its place: it counts again
            List<Object[]> ids = unmerged.stream().map(id -> new Object[] {id}).toList();
            template.batchUpdate("UPDATE support_record SET merged_into = NULL WHERE id = ?", ids);
            for (List<Long> part : partition(unmerged)) {
                jdbc.sql("SELECT " + COUNTED_COLUMNS + " FROM support_record r WHERE r.id IN ("
                                + String.join(
                                        ",", part.stream().map(String::valueOf).toList()) + ")")
                        .query(rs -> {
                            Counted c = counted(rs);
                            if (c.counts()) {
                                change.starts(
                                        c.date(),
                                        c.category(),
                                        c.agency(),
                                        c.activityName(),
                                        c.subjectId(),
                                        c.quantity());
                            }
                        });
            }
            unmerged.forEach(child -> mergedInto.values().forEach(l -> l.remove(child)));
        }
        template.batchUpdate("DELETE FROM support_record WHERE id = ?", deleteRecords);
        change.apply();
        return new int[] {removed, setAgain.size(), rows};
    }

    private static void stops(StatisticsRollup.Change change, Counted r, String activityName, BigDecimal quantity) {
        change.stops(r.date(), r.category(), r.agency(), activityName, r.subjectId(), quantity);
    }

    private static List<List<Long>> partition(List<Long> ids) {
        List<List<Long>> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            parts.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return parts;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
