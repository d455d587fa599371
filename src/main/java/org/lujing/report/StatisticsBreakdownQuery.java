package org.lujing.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The period's figures split by delivering agency and by month, counted like {@link org.lujing.ledger.StatisticsQuery}
 * (people on the roster only, merged duplicates left out), each in its category's own unit.
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

    private final JdbcClient jdbc;

    public StatisticsBreakdownQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Agency × category, agencies in name order. */
    public Breakdown<String> byAgency(Period period) {
        Map<String, Map<Category, BigDecimal>> out = new TreeMap<>();
        for (Row row : rows(period)) {
            out.computeIfAbsent(row.agency(), k -> new EnumMap<>(Category.class)).put(row.category(), row.value());
        }
        return new Breakdown<>(out);
    }

    /** Month × category, every month of the period present (zeros included) so a chart has no gaps. */
    public Breakdown<YearMonth> byMonth(Period period) {
        Map<YearMonth, Map<Category, BigDecimal>> out = new TreeMap<>();
        for (YearMonth m = YearMonth.from(period.from()); !m.isAfter(YearMonth.from(period.to())); m = m.plusMonths(1)) {
            out.put(m, new EnumMap<>(Category.class));
        }
        // one aggregate query pair per month, so the database does the counting and nothing row-sized is held here
        // (a year of a million records would not fit a small heap as a list)
        for (YearMonth m : out.keySet()) {
            java.time.LocalDate from = period.from().isAfter(m.atDay(1)) ? period.from() : m.atDay(1);
            java.time.LocalDate to = period.to().isBefore(m.atEndOfMonth()) ? period.to() : m.atEndOfMonth();
            Map<String, Long> events = new java.util.HashMap<>();
            jdbc.sql("""
                            SELECT category, COUNT(*) AS n FROM (
                              SELECT DISTINCT category, activity_date, agency, COALESCE(activity_name, '') AS activity_name
                              FROM support_record WHERE %s) e
                            GROUP BY category""".formatted(COUNTED))
                    .params(from, to)
                    .query((rs, i) -> events.put(rs.getString("category"), rs.getLong("n")))
                    .list();
            jdbc.sql("""
                            SELECT category, COUNT(*) AS records, COUNT(DISTINCT subject_id) AS subjects, SUM(quantity) AS quantity
                            FROM support_record WHERE %s GROUP BY category""".formatted(COUNTED))
                    .params(from, to)
                    .query((rs, i) -> {
                        Category category = Category.valueOf(rs.getString("category"));
                        BigDecimal quantity = rs.getBigDecimal("quantity");
                        BigDecimal value = switch (category.countingRule()) {
                            case RECORDS -> BigDecimal.valueOf(rs.getLong("records"));
                            case SUBJECTS -> BigDecimal.valueOf(rs.getLong("subjects"));
                            case EVENTS -> BigDecimal.valueOf(events.getOrDefault(category.name(), 0L));
                            case QUANTITY -> quantity == null ? BigDecimal.ZERO : quantity.stripTrailingZeros();
                        };
                        return out.get(m).put(category, value);
                    })
                    .list();
        }
        return new Breakdown<>(out);
    }

    private record Row(String agency, Category category, BigDecimal value) {}

    private List<Row> rows(Period period) {
        Map<String, Long> events = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT agency, category, COUNT(*) AS n FROM (
                          SELECT DISTINCT agency, category, activity_date, COALESCE(activity_name, '') AS activity_name
                          FROM support_record WHERE %s) e
                        GROUP BY agency, category""".formatted(COUNTED))
                .params(period.from(), period.to())
                .query((rs, i) -> events.put(rs.getString("agency") + "\u0000" + rs.getString("category"), rs.getLong("n")))
                .list();
        return jdbc.sql("""
                        SELECT agency, category, COUNT(*) AS records, COUNT(DISTINCT subject_id) AS subjects,
                               SUM(quantity) AS quantity
                        FROM support_record WHERE %s
                        GROUP BY agency, category""".formatted(COUNTED))
                .params(period.from(), period.to())
                .query((rs, i) -> {
                    Category c = Category.valueOf(rs.getString("category"));
                    String agency = rs.getString("agency");
                    BigDecimal q = rs.getBigDecimal("quantity");
                    BigDecimal value = switch (c.countingRule()) {
                        case RECORDS -> BigDecimal.valueOf(rs.getLong("records"));
                        case SUBJECTS -> BigDecimal.valueOf(rs.getLong("subjects"));
                        case EVENTS -> BigDecimal.valueOf(events.getOrDefault(agency + "\u0000" + c.name(), 0L));
                        case QUANTITY -> q == null ? BigDecimal.ZERO : q.stripTrailingZeros();
                    };
                    return new Row(agency, c, value);
                })
                .list();
    }
}
