package org.lujing.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lujing.normalise.Masking;
import org.springframework.stereotype.Component;

/**
 * CONTROL_TOTAL_MISMATCH: a loaded file (LOADED or LOADED_WITH_REJECTS) whose own total rows (合计：25人次) declare
 * a number of data rows other than it has, data rows being rows read − skipped (accepted + merged + rejected).
 * Per table the last total row stating a number counts (a 小计 above a 合计 is not added twice); a sheet holds
 * another table below a grand total (合计, 总计, 共计) when data rows follow it (十二月 and 一月 stacked, each with
 * its 合计); the file's declared count is the sum over its sheets' tables. One finding per file. HIGH: rows may have
 * been lost or added.
 */
@Component
class ControlTotalMismatchRule implements ReconciliationRule {

    static final String NAME = "CONTROL_TOTAL_MISMATCH";

    private record Total(
            long fileId,
            String sourceId,
            String fileName,
            int dataRows,
            int rowsRead,
            int skipped,
            String sheet,
            int rowNo,
            int declared,
            String text) {

        /** 合计, 总计, 共计: a table's own total, after which a table below it is another; not a 小计. */
        boolean grand() {
            String folded = org.lujing.normalise.TextFolding.fold(text == null ? "" : text);
            return folded.startsWith("合计") || folded.startsWith("总计") || folded.startsWith("共计");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        // a window of files holds each of its files' totals whole
        ctx.windows("ingest_file", (from, to) -> evaluate(ctx, from, to, found));
    }

    private static void evaluate(ReconcileContext ctx, long from, long to, Consumer<Finding> found) {
        List<Total> totals = ctx.jdbc()
                .sql("""
                        SELECT f.id, f.source_id, f.file_name, f.rows_read, f.skipped, t.sheet, t.row_no, t.declared_count,
                          t.row_text
                        FROM ingest_file f JOIN file_control_total t ON t.file_id = f.id
                        WHERE f.id >= ? AND f.id < ? AND t.declared_count IS NOT NULL AND f.outcome IN ('LOADED', 'LOADED_WITH_REJECTS')
                        ORDER BY f.id, t.sheet, t.row_no""")
                .params(from, to)
                .query((rs, i) -> new Total(
                        rs.getLong("id"),
                        rs.getString("source_id"),
                        rs.getString("file_name"),
                        rs.getInt("rows_read") - rs.getInt("skipped"),
                        rs.getInt("rows_read"),
                        rs.getInt("skipped"),
                        rs.getString("sheet"),
                        rs.getInt("row_no"),
                        rs.getInt("declared_count"),
                        rs.getString("row_text")))
                .list();
        // file → sheet → its totals in row order (ordered by sheet, then row number)
        Map<Long, Map<String, List<Total>>> byFile = new LinkedHashMap<>();
        for (Total t : totals) {
            byFile.computeIfAbsent(t.fileId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.sheet(), k -> new java.util.ArrayList<>())
                    .add(t);
        }
        for (Map<String, List<Total>> perSheet : byFile.values()) {
            // each table's last total: a new table begins after a grand total that data rows follow
            Map<String, Total> sheets = new LinkedHashMap<>();
            int declared = 0;
            for (List<Total> sheetTotals : perSheet.values()) {
                Total last = null;
                for (Total t : sheetTotals) {
                    if (last != null && last.grand() && dataRowsBetween(ctx, last, t)) {
                        declared += last.declared();
                        sheets.put(last.sheet() + '\u0000' + last.rowNo(), last);
                    }
                    last = t;
                }
                declared += last.declared();
                sheets.put(last.sheet() + '\u0000' + last.rowNo(), last);
            }
            Total any = sheets.values().iterator().next();
            if (declared == any.dataRows()) {
                continue;
            }
            StringBuilder where = new StringBuilder();
            sheets.values()
                    .forEach(t -> where.append(where.length() == 0 ? "" : ", ")
                            .append(t.sheet().isEmpty() ? "" : "「" + t.sheet() + "」 ")
                            .append("row ")
                            .append(t.rowNo()));
            found.accept(new Finding(
                    NAME,
                    "file:" + any.fileId(),
                    Severity.HIGH,
                    null,
                    null,
                    any.sourceId(),
                    any.fileId(),
                    FindingDetails.controlTotalMismatch(
                            Masking.value(any.fileName()),
                            where.toString(),
                            declared,
                            any.dataRows(),
                            any.rowsRead(),
                            any.skipped())));
        }
    }

    /** Whether the file has a data row (taken or rejected) on the sheet between two of its total rows. */
    private static boolean dataRowsBetween(ReconcileContext ctx, Total above, Total below) {
        for (String table : List.of("record_source", "row_reject")) {
            boolean any = ctx.jdbc()
                    .sql("SELECT row_no FROM " + table
                            + " WHERE file_id = ? AND sheet = ? AND row_no > ? AND row_no < ? FETCH FIRST 1 ROWS ONLY")
                    .params(above.fileId(), above.sheet(), above.rowNo(), below.rowNo())
                    .query(Integer.class)
                    .optional()
                    .isPresent();
            if (any) {
                return true;
            }
        }
        return false;
    }
}
