package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lujing.ledger.KeyRange;
import org.lujing.ledger.PendingRanges;
import org.springframework.stereotype.Component;

/**
 * UNMATCHED_SUBJECT: records whose person is still not on the roster a grace period after they arrived. One
 * finding per person key ({@code support_record.subject_key}, the blind index of the ID number or of the fallback
 * pair): it holds when the key has a record without a person ({@code subject_id} null, not merged) whose
 * {@code created_at} date + {@code lujing.reconcile.grace-days} (default 7) ≤ the as-of date.
 *
 * <p>Grouping every pending record at once kept one row per pending person on the heap. When more records are
 * pending than one slice ({@link ReconcileContext#slice()}), the keys are read in ranges of their first two
 * characters ({@link KeyRange}), as many ranges as slices, through whichever index reads less ({@link PendingRanges}).
 */
@Component
class UnmatchedSubjectRule implements ReconciliationRule {

    static final String NAME = "UNMATCHED_SUBJECT";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        // created_at date + grace ≤ as-of  ⇔  created_at < start of (as-of − grace + 1 day)
        LocalDate lastArrival = ctx.asOf().minusDays(ctx.settings().graceDays());
        Timestamp before = Timestamp.valueOf(lastArrival.plusDays(1).atStartOfDay());
        int pending = ctx.jdbc()
                .sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL AND merged_into IS NULL")
                .query(Integer.class)
                .single();
        PendingRanges plan = PendingRanges.of(ctx.jdbc(), pending, ctx.slice());
        for (KeyRange range : plan.ranges()) {
            bucket(ctx, before, range, plan, found);
        }
    }

    /** The keys of one range of prefixes. */
    private static void bucket(
            ReconcileContext ctx, Timestamp before, KeyRange keys, PendingRanges plan, Consumer<Finding> found) {
        List<Object> params = new ArrayList<>(keys.params());
        String range = keys.condition("subject_key") + plan.noPerson("subject_id") + " AND ";
        params.add(before);
        ctx.jdbc()
                .sql("""
                        SELECT r.subject_key, r.key_kind, r.person_name, r.id_masked, r.created_at, r.first_file_id,
                               f.source_id, k.records, k.first_date, k.last_date
                        FROM (SELECT subject_key, MIN(id) AS first_id, COUNT(*) AS records,
                                     MIN(activity_date) AS first_date, MAX(activity_date) AS last_date
                              FROM support_record
                              WHERE %s merged_into IS NULL
                              GROUP BY subject_key
                              HAVING MIN(created_at) < ?) k
                        JOIN support_record r ON r.id = k.first_id
                        LEFT JOIN ingest_file f ON f.id = r.first_file_id
                        ORDER BY r.id""".formatted(range))
                .params(params)
                .query((rs, i) -> new Finding(
                        NAME,
                        "subject:" + rs.getString("subject_key").strip(),
                        Severity.MEDIUM,
                        null,
                        PersonDisplay.of(rs.getString("person_name"), rs.getString("id_masked")),
                        rs.getString("source_id"),
                        rs.getLong("first_file_id"),
                        FindingDetails.unmatchedSubject(
                                rs.getInt("records"),
                                String.valueOf(rs.getDate("first_date")),
                                String.valueOf(rs.getDate("last_date")),
                                rs.getString("key_kind").strip(),
                                rs.getTimestamp("created_at")
                                        .toLocalDateTime()
                                        .toLocalDate()
                                        .toString(),
                                ctx.settings().graceDays())))
                .list()
                .forEach(found);
    }
}
