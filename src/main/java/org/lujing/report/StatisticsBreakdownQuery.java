package org.lujing.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.lujing.ledger.Category;
import org.lujing.ledger.PendingFigures;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statistics workbook's figures — the period's {@link Statistics}, and the same split by delivering agency and by
 * month — counted like {@link org.lujing.ledger.StatisticsQuery} (people on the roster only, merged duplicates left
 * out), each in its category's own unit, in one pass over the period a month at a time.
 *
 * <p>Why a month at a time: an in-process HSQLDB builds every intermediate table on the application's heap. Over a
 * whole million-record year, the distinct (category, date, agency, activity) events and the distinct persons per
 * agency and category took about 140 and 100 MiB of a 256 MiB heap. A month's are a twelfth of that, and add up:
 * an event has one date, so the period's events are the months' events summed; records and quantities sum too. Only
 * distinct persons do not add up, so they are gathered here, in bit sets over the period's persons (a few hundred
 * bytes a set for thousands of persons), from each month's (agency, category, person) groups.
 */
@Component
public class StatisticsBreakdownQuery {

    /** Figures per group (agency name or month), in the category's unit; a group with no counted record is absent. */
    public record Breakdown<K>(Map<K, Map<Category, BigDecimal>> figures) {

        public BigDecimal figure(K key, Category category) {
            return figures.getOrDefault(key, Map.of()).getOrDefault(category, BigDecimal.ZERO);
        }
    }

    private static final String COUNTED =
            "subject_id IS NOT NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?";

    /** A month's events per agency and category; the derived table holds one month's distinct events. */
    private static final String EVENTS_SQL = """
            SELECT agency, category, COUNT(*) AS n FROM (
              SELECT DISTINCT agency, category, activity_date, COALESCE(activity_name, '') AS activity_name
              FROM support_record WHERE %s) e
            GROUP BY agency, category""".formatted(COUNTED);

    /** A month's records and quantity per agency, category and person. */
    private static final String GROUPS_SQL = """
            SELECT agency, category, subject_id, COUNT(*) AS records, SUM(quantity) AS quantity
            FROM support_record WHERE %s
            GROUP BY agency, category, subject_id""".formatted(COUNTED);

    private final JdbcClient jdbc;
    private final PendingFigures pendingFigures;

    public StatisticsBreakdownQuery(JdbcClient jdbc, PendingFigures pendingFigures) {
        this.jdbc = jdbc;
        this.pendingFigures = pendingFigures;
    }

    /** The period's figures, agency × category (agencies in name order) and month × category (every month). */
    public StatisticsWorkbookWriter.Content content(Period period, Predicate<String> isPartner) {
        Tally year = new Tally();
        Map<String, Tally> agencies = new TreeMap<>();
        Map<YearMonth, Map<Category, BigDecimal>> months = new TreeMap<>();
        Map<Long, Integer> persons = new HashMap<>(); // subject id -> bit
        for (YearMonth m = YearMonth.from(period.from());
                !m.isAfter(YearMonth.from(period.to()));
                m = m.plusMonths(1)) {
            LocalDate from = period.from().isAfter(m.atDay(1)) ? period.from() : m.atDay(1);
            LocalDate to = period.to().isBefore(m.atEndOfMonth()) ? period.to() : m.atEndOfMonth();
            Tally month = new Tally();
            jdbc.sql(EVENTS_SQL).params(from, to).query(rs -> {
                Category c = Category.valueOf(rs.getString("category"));
                long n = rs.getLong("n");
                year.of(c).events += n;
                month.of(c).events += n;
                agencies.computeIfAbsent(rs.getString("agency"), k -> new Tally())
                        .of(c)
                        .events += n;
            });
            jdbc.sql(GROUPS_SQL).params(from, to).query(rs -> {
                Category c = Category.valueOf(rs.getString("category"));
                int person = persons.computeIfAbsent(rs.getLong("subject_id"), k -> persons.size());
                long records = rs.getLong("records");
                BigDecimal quantity = rs.getBigDecimal("quantity");
                for (Tally t :
                        new Tally[] {year, month, agencies.computeIfAbsent(rs.getString("agency"), k -> new Tally())}) {
                    t.of(c).add(person, records, quantity);
                }
            });
            months.put(m, month.values());
        }
        Map<Category, Statistics.Figures> byCategory = new EnumMap<>(Category.class);
        year.figures.forEach((c, f) -> byCategory.put(c, f.figures()));
        PendingFigures.Pending pending = pendingFigures.of(period.from(), period.to());
        long partners = agencies.keySet().stream().filter(isPartner).count();
        Statistics statistics = new Statistics(period, byCategory, pending.records(), pending.keys(), partners);
        Map<String, Map<Category, BigDecimal>> byAgency = new TreeMap<>();
        agencies.forEach((agency, t) -> byAgency.put(agency, t.values()));
        return new StatisticsWorkbookWriter.Content(statistics, new Breakdown<>(byAgency), new Breakdown<>(months));
    }

    /** Figures of one category within one group, being summed. */
    private static final class Figure {
        long records;
        long events;
        BigDecimal quantity = BigDecimal.ZERO;
        final BitSet persons = new BitSet();

        void add(int person, long n, BigDecimal q) {
            records += n;
            if (q != null) {
                quantity = quantity.add(q);
            }
            persons.set(person);
        }

        Statistics.Figures figures() {
            return new Statistics.Figures(records, persons.cardinality(), events, quantity.stripTrailingZeros());
        }
    }

    /** A group's figures per category. */
    private static final class Tally {
        final Map<Category, Figure> figures = new EnumMap<>(Category.class);

        Figure of(Category c) {
            return figures.computeIfAbsent(c, k -> new Figure());
        }

        /** Each category's figure in its own unit (only categories with a counted record are here). */
        Map<Category, BigDecimal> values() {
            Map<Category, BigDecimal> out = new EnumMap<>(Category.class);
            figures.forEach((c, f) -> out.put(c, f.figures().value(c)));
            return out;
        }
    }
}
