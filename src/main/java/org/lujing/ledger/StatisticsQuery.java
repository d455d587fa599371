package org.lujing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes {@link Statistics} for a period from the statistics rollups that {@link StatisticsRollup} keeps with the
 * ledger, in SQL both databases accept.
 *
 * <p>Why rollups: an in-process HSQLDB builds a query's whole result and every DISTINCT table on the application's
 * heap, so counting a million-record year straight from {@code support_record} ran out of a 256 MiB heap. Here every
 * query reads either a rollup or at most one month of raw records: records, quantity, events (an event never spans
 * days; stat_day counts each day's stat_event rows) and partner units come from {@code stat_day}; persons, which do not add up over
 * months, are gathered in bit sets over subject ids (dense identity values) from the months' stored bit sets
 * ({@code stat_person_bits}, {@link PersonBits}: a province's year is about 3,000 rows of 4,096 persons instead of
 * 1.25 million of one) for whole months and from the raw records of the days of a month the period only partly
 * covers. Records pending
 * identification are counted by {@link PendingFigures}, never gathered.
 */
@Component
public class StatisticsQuery {

    private final JdbcClient jdbc;
    private final PendingFigures pendingFigures;

    public StatisticsQuery(JdbcClient jdbc, PendingFigures pendingFigures) {
        this.jdbc = jdbc;
        this.pendingFigures = pendingFigures;
    }

    /** @param isPartner tells which delivering agencies are partner units */
    public Statistics compute(Period period, Predicate<String> isPartner) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        Map<Category, long[]> counts = new EnumMap<>(Category.class); // records, events
        Map<Category, BigDecimal> quantities = new EnumMap<>(Category.class);
        jdbc.sql("""
                        SELECT category, SUM(records) AS records, SUM(quantity) AS quantity, SUM(events) AS events
                        FROM stat_day WHERE activity_date BETWEEN ? AND ? AND records > 0
                        GROUP BY category""").params(from, to).query(rs -> {
            Category c = Category.valueOf(rs.getString("category"));
            counts.put(c, new long[] {rs.getLong("records"), rs.getLong("events")});
            BigDecimal q = rs.getBigDecimal("quantity");
            quantities.put(c, q == null ? BigDecimal.ZERO : q);
        });
        Map<Category, BitSet> persons = persons(from, to);
        Map<Category, Statistics.Figures> byCategory = new EnumMap<>(Category.class);
        counts.forEach((c, n) -> byCategory.put(
                c,
                new Statistics.Figures(
                        n[0],
                        persons.getOrDefault(c, new BitSet()).cardinality(),
                        n[1],
                        quantities.get(c).stripTrailingZeros())));
        PendingFigures.Pending pending = pendingFigures.of(from, to);
        long partners = jdbc
                .sql("SELECT DISTINCT agency FROM stat_day WHERE activity_date BETWEEN ? AND ? AND records > 0")
                .params(from, to)
                .query(String.class)
                .list()
                .stream()
                .filter(isPartner)
                .count();
        return new Statistics(period, byCategory, pending.records(), pending.keys(), partners);
    }

    /** Each category's distinct persons in [from, to], a month at a time. */
    private Map<Category, BitSet> persons(LocalDate from, LocalDate to) {
        Map<Category, BitSet> persons = new EnumMap<>(Category.class);
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            if (!from.isAfter(m.atDay(1)) && !to.isBefore(m.atEndOfMonth())) {
                // a whole month: its persons' bit sets, 4,096 persons to a row
                jdbc.sql("SELECT category, block, persons FROM stat_person_bits WHERE month = ?")
                        .param(m.getYear() * 100 + m.getMonthValue())
                        .query(rs -> {
                            BitSet into = persons.computeIfAbsent(Category.valueOf(rs.getString(1)), k -> new BitSet());
                            PersonBits.addTo(into, rs.getInt(2), rs.getBytes(3));
                        });
            } else {
                // the period covers only some days of this month: its raw records, at most a month of them
                LocalDate first = from.isAfter(m.atDay(1)) ? from : m.atDay(1);
                LocalDate last = to.isBefore(m.atEndOfMonth()) ? to : m.atEndOfMonth();
                jdbc.sql("""
                                SELECT category, subject_id FROM support_record
                                WHERE activity_date BETWEEN ? AND ? AND COALESCE(subject_id, 0) > 0
                                  AND merged_into IS NULL""").params(first, last).query(rs -> {
                    person(persons, rs.getString(1), rs.getLong(2));
                });
            }
        }
        return persons;
    }

    private static void person(Map<Category, BitSet> persons, String category, long subjectId) {
        persons.computeIfAbsent(Category.valueOf(category), k -> new BitSet()).set(Math.toIntExact(subjectId));
    }
}
