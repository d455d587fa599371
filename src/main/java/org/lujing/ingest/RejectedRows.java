package org.lujing.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lujing.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A file's rejected rows read a page at a time, never all at once: a file whose every row was refused (a partner's
 * new activity word, a column renamed) has as many rejects as rows, a million for a big file, and the console, the
 * API, the {@code rejects} command, the quality report and a retry all read them. Each page is one query through
 * {@code row_reject}'s unique index (file, sheet, row) from the position the last page ended at, so neither the
 * driver nor an in-process HSQLDB (which builds a query's whole result on the heap) ever holds more than a page.
 */
@Repository
public class RejectedRows {

    /** Rows per query when every row is read ({@link #forEach}). */
    static final int PAGE = 2_000;

    private static final String COLUMNS =
            "id, file_id, source_id, sheet, row_no, column_name, reason, message, masked_values, status";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public RejectedRows(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Where a page ends: the next page starts after this sheet's row. */
    public record After(String sheet, int rowNo) {}

    /** A page of rejected rows, and where the next one starts (null when this page reached the file's last). */
    public record Page(List<RejectedRow> rows, After next) {}

    /** How many of a file's rejected rows have this reason, column and status. */
    public record ReasonCount(String reason, String column, String status, long rows) {}

    /**
     * Up to {@code limit} of the file's rejected rows (only the open ones with {@code openOnly}) after {@code after}
     * (from the first with null), in sheet and row order.
     */
    public Page page(long fileId, boolean openOnly, After after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one row, not " + limit);
        }
        // one row more than the page tells whether another page follows, so "next" never leads to an empty page
        List<RejectedRow> rows = read(fileId, openOnly, after, limit + 1);
        boolean more = rows.size() > limit;
        List<RejectedRow> shown = more ? rows.subList(0, limit) : rows;
        RejectedRow last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new Page(List.copyOf(shown), more ? new After(last.sheet(), last.rowNo()) : null);
    }

    /** Every rejected row of the file (only the open ones with {@code openOnly}), in order, a page at a time. */
    public void forEach(long fileId, boolean openOnly, Consumer<RejectedRow> each) {
        After after = null;
        do {
            Page page = page(fileId, openOnly, after, PAGE);
            page.rows().forEach(each);
            after = page.next();
        } while (after != null);
    }

    /**
     * The place (sheet, row) of every open rejected row of the file, in order, {@code PLACES} to a query: only the
     * two columns, for a retry that keeps a bit per row and reads the rows themselves from the file.
     */
    public void forEachOpenPlace(long fileId, java.util.function.ObjIntConsumer<String> each) {
        forEachOpenPlace(fileId, PLACES, each);
    }

    void forEachOpenPlace(long fileId, int pageRows, java.util.function.ObjIntConsumer<String> each) {
        for (String sheet = nextSheet(fileId, null); sheet != null; sheet = nextSheet(fileId, sheet)) {
            int row = Integer.MIN_VALUE;
            List<Integer> rows;
            do {
                rows = jdbc.sql("SELECT row_no FROM row_reject WHERE file_id = ? AND sheet = ? AND row_no > ?"
                                + " AND status = 'OPEN' ORDER BY file_id, sheet, row_no LIMIT ?")
                        .params(fileId, sheet, row, pageRows)
                        .query(Integer.class)
                        .list();
                for (int r : rows) {
                    each.accept(sheet, r);
                }
                row = rows.isEmpty() ? row : rows.get(rows.size() - 1);
            } while (rows.size() == pageRows);
        }
    }

    private static final int PLACES = 20_000;

    private List<RejectedRow> read(long fileId, boolean openOnly, After after, int limit) {
        List<RejectedRow> rows = new ArrayList<>(Math.min(limit, PAGE + 1));
        String sheet = after == null ? nextSheet(fileId, null) : after.sheet();
        int row = after == null ? Integer.MIN_VALUE : after.rowNo();
        while (sheet != null && rows.size() < limit) {
            // one sheet's rows from a row on: a range of the unique index (file, sheet, row) on all three columns
            rows.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM row_reject"
                            + " WHERE file_id = ? AND sheet = ? AND row_no > ?"
                            + (openOnly ? " AND status = 'OPEN'" : "")
                            + " ORDER BY file_id, sheet, row_no LIMIT ?")
                    .params(fileId, sheet, row, limit - rows.size())
                    .query(RejectedRow.class)
                    .list());
            if (rows.size() < limit) {
                sheet = nextSheet(fileId, sheet);
                row = Integer.MIN_VALUE;
            }
        }
        return rows;
    }

    /** The file's rejected rows by reason, column and status, the most frequent first: what to fix, at a glance. */
    public List<ReasonCount> counts(long fileId) {
        return jdbc.sql("""
                        SELECT reason, column_name, status, COUNT(*) AS n FROM row_reject WHERE file_id = ?
                        GROUP BY reason, column_name, status
                        ORDER BY n DESC, reason, column_name, status""")
                .param(fileId)
                .query((rs, n) -> new ReasonCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    /** The rows the counts add up to: a file's rejects, counted in the same pass as their reasons. */
    public static long total(List<ReasonCount> counts) {
        return counts.stream().mapToLong(ReasonCount::rows).sum();
    }

    /**
     * Closes a file's rejected rows still to fix ({@code OPEN} → {@code CLOSED}): they were handled another way — the
     * partner sent the file again corrected, or the rows were not records at all. The file's accounting is unchanged
     * (they stay rows it rejected, and its outcome LOADED_WITH_REJECTS); they leave the lists of rows to fix, and a
     * retry no longer reads them. {@code sheet}: only on that sheet, when given; {@code rows}: only these row
     * numbers, or all when empty. The audit entry is written in the same transaction: {@code audit} is given how many
     * rows were closed (called only when some were), and when it fails nothing is closed — an action taken is an
     * action audited. Returns how many were closed.
     */
    @org.springframework.transaction.annotation.Transactional
    public int closeAudited(
            long fileId, String sheet, java.util.Collection<Integer> rows, java.util.function.IntConsumer audit) {
        int closed = close(fileId, sheet, rows);
        if (closed > 0) {
            audit.accept(closed);
        }
        return closed;
    }

    private int close(long fileId, String sheet, java.util.Collection<Integer> rows) {
        StringBuilder sql =
                new StringBuilder("UPDATE row_reject SET status = 'CLOSED' WHERE file_id = ? AND status = 'OPEN'");
        List<Object> params = new java.util.ArrayList<>();
        params.add(fileId);
        if (sheet != null) {
            sql.append(" AND sheet = ?");
            params.add(sheet);
        }
        if (!rows.isEmpty()) {
            sql.append(" AND row_no IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(rows.size(), "?")))
                    .append(")");
            params.addAll(rows);
        }
        return jdbc.sql(sql.toString()).params(params).update();
    }

    /** The status of the file's rejected row (OPEN, RESOLVED, CLOSED, WITHDRAWN), empty when that row was not rejected. */
    public java.util.Optional<String> status(long fileId, String sheet, int row) {
        return jdbc.sql("SELECT status FROM row_reject WHERE file_id = ? AND sheet = ? AND row_no = ?")
                .params(fileId, sheet, row)
                .query(String.class)
                .optional();
    }

    /**
     * Closes one rejected row, if still open, that the process itself saw handled another way (a feed brought the
     * record again, corrected or refused anew), with an audit entry by {@code actor} in the same transaction. Returns
     * whether it was open.
     */
    @org.springframework.transaction.annotation.Transactional
    public boolean closeHandledElsewhere(long fileId, String sheet, int row, String actor, String reason) {
        return closeAudited(
                        fileId,
                        sheet,
                        List.of(row),
                        n -> audit.record(actor, "REJECTS_CLOSE", "file #" + fileId, reason, "row " + row))
                > 0;
    }

    /** How many of the file's rejected rows no retry has taken in: still to fix, or closed as handled otherwise. */
    public long unresolved(long fileId) {
        return jdbc.sql("SELECT COUNT(*) FROM row_reject WHERE file_id = ? AND status <> 'RESOLVED'")
                .param(fileId)
                .query(Long.class)
                .single();
    }

    /** The sheets holding an open rejected row numbered {@code row}, in order. */
    public List<String> sheetsWithOpenRow(long fileId, int row) {
        return jdbc.sql("SELECT DISTINCT sheet FROM row_reject WHERE file_id = ? AND row_no = ? AND status = 'OPEN'"
                        + " ORDER BY sheet")
                .params(fileId, row)
                .query(String.class)
                .list();
    }

    /** How many rejected rows the file has (only the open ones with {@code openOnly}). */
    public long count(long fileId, boolean openOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM row_reject WHERE file_id = ?" + (openOnly ? " AND status = 'OPEN'" : ""))
                .param(fileId)
                .query(Long.class)
                .single();
    }

    /** The ids of the files that have rejected rows (open ones with {@code openOnly}), in order. */
    public List<Long> files(boolean openOnly) {
        return jdbc.sql("SELECT f.id FROM ingest_file f WHERE EXISTS (SELECT 1 FROM row_reject r WHERE r.file_id = f.id"
                        + (openOnly ? " AND r.status = 'OPEN'" : "") + ") ORDER BY f.id")
                .query(Long.class)
                .list();
    }

    /** The file's first sheet with rejects after {@code after} (the first of all with null). */
    private String nextSheet(long fileId, String after) {
        // a range on sheet ("sheet >= ''" for the first: a CSV's one sheet is named "") lets the unique index serve
        // both the condition and the order
        List<String> next = jdbc.sql("SELECT sheet FROM row_reject WHERE file_id = ? AND sheet "
                        + (after == null ? ">= ''" : "> ?") + " ORDER BY file_id, sheet LIMIT 1")
                .params(after == null ? List.of(fileId) : List.of(fileId, after))
                .query(String.class)
                .list();
        return next.isEmpty() ? null : next.get(0);
    }
}
