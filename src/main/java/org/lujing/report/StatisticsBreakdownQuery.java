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
        // months are grouped in Java: EXTRACT and date formatting differ enough between HSQLDB and PostgreSQL
        jdbc.sql("SELECT category, activity_date, agency, COALESCE(activity_name, '') AS activity_name, subject_id,"
                        + " quantity FROM support_record WHERE " + COUNTED)
                .params(period.from(), period.to())
                .query((rs, i) -> new Raw(Category.valueOf(rs.getString("category")),
                        YearMonth.from(rs.getDate("activity_date").toLocalDate()),
                        rs.getString("activity_date") + "\u0000" + rs.getString("agency") + "\u0000" + rs.getString("activity_name"),
                        rs.getLong("subject_id"), rs.getBigDecimal("quantity")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.groupingBy(Raw::month, TreeMap::new,
                        java.util.stream.Collectors.groupingBy(Raw::category)))
                .forEach((month, byCategory) -> byCategory.forEach((category, raws) ->
                        out.get(month).put(category, value(category, raws))));
        return new Breakdown<>(out);
    }

    private record Raw(Category category, YearMonth month, String event, long subject, BigDecimal quantity) {}

    private static BigDecimal value(Category category, List<Raw> raws) {
        return switch (category.countingRule()) {
            case RECORDS -> BigDecimal.valueOf(raws.size());
            case SUBJECTS -> BigDecimal.valueOf(raws.stream().map(Raw::subject).distinct().count());
            case EVENTS -> BigDecimal.valueOf(raws.stream().map(Raw::event).distinct().count());
            case QUANTITY -> raws.stream().map(Raw::quantity).filter(q -> q != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros();
        };
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
