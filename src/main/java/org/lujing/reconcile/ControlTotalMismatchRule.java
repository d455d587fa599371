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
 * Per sheet the last total row stating a number counts (a 小计 above a 合计 is not added twice); the file's
 * declared count is the sum over its sheets. One finding per file. HIGH: rows may have been lost or added.
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
            int declared) {}

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
                        SELECT f.id, f.source_id, f.file_name, f.rows_read, f.skipped, t.sheet, t.row_no, t.declared_count
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
                        rs.getInt("declared_count")))
                .list();
        // file → sheet → its last total row (rows come ordered by row number)
        Map<Long, Map<String, Total>> byFile = new LinkedHashMap<>();
        for (Total t : totals) {
            byFile.computeIfAbsent(t.fileId(), k -> new LinkedHashMap<>()).put(t.sheet(), t);
        }
        for (Map<String, Total> sheets : byFile.values()) {
            Total any = sheets.values().iterator().next();
            int declared = sheets.values().stream().mapToInt(Total::declared).sum();
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
}
