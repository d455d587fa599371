package org.lujing.reconcile;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lujing.source.SourceDefinition;
import org.lujing.source.SourceDefinition.Cadence;
import org.springframework.stereotype.Component;

/**
 * MISSING_FEED: a source with a delivery cadence that delivered nothing for a period. A delivery is a file of the
 * source that loaded (LOADED or LOADED_WITH_REJECTS; a duplicate or quarantined file brings nothing), dated by its
 * {@code received_at} (the server's local time).
 * <ul>
 * <li>MONTHLY, period {@code 2025-03}: due by the 5th of the following month. The period's window runs from the
 * 6th of the month 00:00 to the end of the 5th of the next (6 March – 5 April), so windows do not overlap and one
 * delivery never answers for two months. Checked once its deadline ≤ the as-of date.</li>
 * <li>WEEKLY, period {@code 2025-W10} (ISO week, Monday – Sunday): the window is the week itself. Checked once
 * its Sunday ≤ the as-of date.</li>
 * <li>NONE: never checked.</li>
 * </ul>
 * Periods are checked from {@code lujing.reconcile.feeds-since} when set, else from the source's first delivery
 * on: a monthly period whose deadline, or a week whose Sunday, falls before that date is not expected. A source
 * that never delivered and has no {@code feeds-since} raises nothing. A feed without a URL is not a finding by
 * itself; only the missing delivery is. One finding per (source, period).
 */
@Component
class MissingFeedRule implements ReconciliationRule {

    static final String NAME = "MISSING_FEED";
    static final int MONTHLY_DUE_DAY = 5;

    /** One period a source owes a delivery for: {@code [from, until)} in local time. */
    record Period(String label, LocalDateTime from, LocalDateTime until, LocalDate due) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        for (SourceDefinition source : ctx.sources().all()) {
            if (source.cadence() == Cadence.NONE) {
                continue;
            }
            List<LocalDateTime> deliveries = ctx.jdbc()
                    .sql("""
                            SELECT received_at FROM ingest_file
                            WHERE source_id = ? AND outcome IN ('LOADED', 'LOADED_WITH_REJECTS') ORDER BY received_at""")
                    .param(source.id())
                    .query((rs, i) -> rs.getTimestamp("received_at").toLocalDateTime())
                    .list();
            LocalDate since = ctx.settings().feedsSince() != null
                    ? ctx.settings().feedsSince()
                    : deliveries.isEmpty() ? null : deliveries.get(0).toLocalDate();
            if (since == null) {
                continue;
            }
            for (Period p : periods(source.cadence(), since, ctx.asOf())) {
                boolean delivered = deliveries.stream().anyMatch(d -> !d.isBefore(p.from()) && d.isBefore(p.until()));
                if (!delivered) {
                    found.accept(new Finding(
                            NAME,
                            "source:" + source.id() + ":" + p.label(),
                            Severity.MEDIUM,
                            null,
                            null,
                            source.id(),
                            null,
                            FindingDetails.missingFeed(
                                    source.id(),
                                    source.agency(),
                                    source.cadence().name(),
                                    p.label(),
                                    p.from().toLocalDate().toString(),
                                    p.until().toLocalDate().minusDays(1).toString(),
                                    p.due().toString())));
                }
            }
        }
    }

    /** The periods a source of this cadence owes as of a date, oldest first, counting from {@code since}. */
    static List<Period> periods(Cadence cadence, LocalDate since, LocalDate asOf) {
        List<Period> out = new ArrayList<>();
        if (cadence == Cadence.MONTHLY) {
            for (YearMonth m = YearMonth.from(since).minusMonths(1); ; m = m.plusMonths(1)) {
                LocalDate due = m.plusMonths(1).atDay(MONTHLY_DUE_DAY);
                if (due.isAfter(asOf)) {
                    break;
                }
                if (!due.isBefore(since)) {
                    out.add(new Period(
                            m.toString(),
                            m.atDay(MONTHLY_DUE_DAY + 1).atStartOfDay(),
                            due.plusDays(1).atStartOfDay(),
                            due));
                }
            }
        } else if (cadence == Cadence.WEEKLY) {
            for (LocalDate monday = since.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    ;
                    monday = monday.plusWeeks(1)) {
                LocalDate sunday = monday.plusDays(6);
                if (sunday.isAfter(asOf)) {
                    break;
                }
                String label = String.format(
                        "%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                out.add(new Period(
                        label, monday.atStartOfDay(), monday.plusWeeks(1).atStartOfDay(), sunday));
            }
        }
        return out;
    }
}
