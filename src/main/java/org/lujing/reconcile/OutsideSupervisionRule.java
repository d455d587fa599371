package org.lujing.reconcile;

import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * OUTSIDE_SUPERVISION: a counted record (person known, not merged) dated before its person's
 * {@code supervision_start} or after its {@code supervision_end}; a bound the roster leaves empty is not checked.
 * One finding per record. HIGH: the record is counted in statistics although the person was not under correction.
 * Read by windows of record ids: 400,000 such records had run the reconciliation out of a 256 MB heap in one query.
 */
@Component
class OutsideSupervisionRule implements ReconciliationRule {

    static final String NAME = "OUTSIDE_SUPERVISION";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        ctx.windows(
                "support_record",
                (from, to) -> ctx.jdbc()
                        .sql("""
                        SELECT r.id, r.category, r.activity_date, r.agency, r.first_file_id, f.source_id,
                               s.id AS subject_id, s.name, s.id_masked, s.supervision_start, s.supervision_end
                        FROM support_record r
                        JOIN subject s ON s.id = r.subject_id
                        LEFT JOIN ingest_file f ON f.id = r.first_file_id
                        WHERE r.id >= ? AND r.id < ? AND r.merged_into IS NULL
                          AND ((s.supervision_start IS NOT NULL AND r.activity_date < s.supervision_start)
                            OR (s.supervision_end IS NOT NULL AND r.activity_date > s.supervision_end))
                        ORDER BY r.id""")
                        .params(from, to)
                        .query((rs, i) -> new Finding(
                                NAME,
                                "record:" + rs.getLong("id"),
                                Severity.HIGH,
                                rs.getLong("subject_id"),
                                PersonDisplay.of(rs.getString("name"), rs.getString("id_masked")),
                                rs.getString("source_id"),
                                rs.getLong("first_file_id"),
                                FindingDetails.outsideSupervision(
                                        rs.getString("category"),
                                        String.valueOf(rs.getDate("activity_date")),
                                        rs.getString("agency"),
                                        bound(rs.getDate("supervision_start")),
                                        bound(rs.getDate("supervision_end")))))
                        .list()
                        .forEach(found));
    }

    private static String bound(java.sql.Date d) {
        return d == null ? "?" : d.toString();
    }
}
