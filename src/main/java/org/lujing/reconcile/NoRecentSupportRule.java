package org.lujing.reconcile;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * NO_RECENT_SUPPORT: an active person (supervision_start ≤ as-of, supervision_end empty or ≥ as-of) who
 * <ol>
 * <li>has no counted record dated in the {@code lujing.reconcile.recent-days} (default 30) days up to and including
 * the as-of date, when the supervision started before that window (someone who just arrived is not yet owed
 * support); or</li>
 * <li>missed two consecutive weekly micro-lessons: no MICRO_LESSON record in either of the last two full ISO weeks
 * (the latest week whose Sunday ≤ as-of, and the week before), where both weeks were lesson weeks — the ledger
 * holds a MICRO_LESSON record of someone dated in each — and the supervision started by the first of them. A week
 * without any lesson record means the platform delivered nothing (MISSING_FEED says so), not that people stayed
 * away.</li>
 * </ol>
 * One finding per person ({@code subject:<id>}); the details say which of the two holds.
 */
@Component
class NoRecentSupportRule implements ReconciliationRule {

    static final String NAME = "NO_RECENT_SUPPORT";

    private record Person(long id, String name, String idMasked, LocalDate start) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        LocalDate asOf = ctx.asOf();
        LocalDate lastSunday = asOf.getDayOfWeek() == DayOfWeek.SUNDAY
                ? asOf
                : asOf.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        LocalDate week1 = lastSunday.minusDays(6).minusWeeks(1);
        boolean lessonWeeks = lessons(ctx, week1) && lessons(ctx, week1.plusWeeks(1));
        // persons a window of ids at a time: the last record and the lessons of that window's persons alone
        ctx.windows("subject", (from, to) -> window(ctx, from, to, week1, lastSunday, lessonWeeks, found));
    }

    private static void window(
            ReconcileContext ctx,
            long from,
            long to,
            LocalDate week1,
            LocalDate lastSunday,
            boolean lessonWeeks,
            Consumer<Finding> found) {
        LocalDate asOf = ctx.asOf();
        LocalDate windowStart = asOf.minusDays(ctx.settings().recentDays() - 1L);
        List<Person> active = ctx.jdbc()
                .sql("""
                        SELECT id, name, id_masked, supervision_start FROM subject
                        WHERE id >= ? AND id < ? AND supervision_start IS NOT NULL AND supervision_start <= ?
                          AND (supervision_end IS NULL OR supervision_end >= ?)
                        ORDER BY id""")
                .params(from, to, asOf, asOf)
                .query((rs, i) -> new Person(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("id_masked"),
                        PersonDisplay.date(rs.getDate("supervision_start"))))
                .list();
        if (active.isEmpty()) {
            return;
        }
        Map<Long, LocalDate> lastRecord = new HashMap<>();
        ctx.jdbc().sql("""
                        SELECT subject_id, MAX(activity_date) AS last_date FROM support_record
                        WHERE subject_id >= ? AND subject_id < ? AND merged_into IS NULL AND activity_date <= ?
                        GROUP BY subject_id""").params(from, to, asOf).query(rs -> {
            lastRecord.put(rs.getLong("subject_id"), PersonDisplay.date(rs.getDate("last_date")));
        });
        Set<Long> attended = new HashSet<>(ctx.jdbc()
                .sql("""
                        SELECT DISTINCT subject_id FROM support_record
                        WHERE subject_id >= ? AND subject_id < ? AND category = 'MICRO_LESSON' AND merged_into IS NULL
                          AND activity_date BETWEEN ? AND ?""")
                .params(from, to, week1, lastSunday)
                .query(Long.class)
                .list());

        for (Person p : active) {
            List<FindingDetails.Reason> reasons = new ArrayList<>();
            LocalDate last = lastRecord.get(p.id());
            if (p.start().isBefore(windowStart) && (last == null || last.isBefore(windowStart))) {
                reasons.add(FindingDetails.Reason.noRecord(
                        last == null ? null : last.toString(),
                        p.start().toString(),
                        windowStart.toString(),
                        asOf.toString()));
            }
            if (lessonWeeks && !p.start().isAfter(week1) && !attended.contains(p.id())) {
                reasons.add(FindingDetails.Reason.missedLessons(week1.toString(), lastSunday.toString()));
            }
            if (!reasons.isEmpty()) {
                found.accept(new Finding(
                        NAME,
                        "subject:" + p.id(),
                        Severity.MEDIUM,
                        p.id(),
                        PersonDisplay.of(p.name(), p.idMasked()),
                        null,
                        null,
                        FindingDetails.noRecentSupport(reasons)));
            }
        }
    }

    /** A lesson week: someone's micro-lesson is on record in the week starting that Monday. */
    private static boolean lessons(ReconcileContext ctx, LocalDate monday) {
        return ctx.jdbc()
                        .sql("""
                        SELECT COUNT(*) FROM support_record
                        WHERE category = 'MICRO_LESSON' AND merged_into IS NULL AND activity_date BETWEEN ? AND ?""")
                        .params(monday, monday.plusDays(6))
                        .query(Long.class)
                        .single()
                > 0;
    }
}
