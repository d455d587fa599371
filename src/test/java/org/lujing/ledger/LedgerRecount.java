package org.lujing.ledger;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test oracle: {@link Statistics} for a period counted straight from the raw ledger with DISTINCT/GROUP BY, as
 * StatisticsQuery did before the rollups (fine for a test's ledger, not for a million-record year on a small heap).
 */
public class LedgerRecount {

    private final JdbcClient jdbc;

    public LedgerRecount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param isPartner tells which delivering agencies are partner units */
    public Statistics compute(Period period, Predicate<String> isPartner) {
        Map<String, Long> events = new HashMap<>();
        jdbc.sql("""
                        SELECT category, COUNT(*) AS n FROM (
                          SELECT DISTINCT category, activity_date, agency, COALESCE(activity_name, '') AS activity_name
                          FROM support_record
                          WHERE subject_id IS NOT NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?) e
                        GROUP BY category""")
                .params(period.from(), period.to())
                .query((rs, i) -> events.put(rs.getString("category"), rs.getLong("n")))
                .list();
        Map<Category, Statistics.Figures> byCategory = new EnumMap<>(Category.class);
        jdbc.sql("""
                        SELECT category, COUNT(*) AS records, COUNT(DISTINCT subject_id) AS subjects, SUM(quantity) AS quantity
                        FROM support_record
                        WHERE subject_id IS NOT NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?
                        GROUP BY category""")
                .params(period.from(), period.to())
                .query((rs, i) -> {
                    Category c = Category.valueOf(rs.getString("category"));
                    BigDecimal q = rs.getBigDecimal("quantity");
                    return byCategory.put(
                            c,
                            new Statistics.Figures(
                                    rs.getLong("records"),
                                    rs.getLong("subjects"),
                                    events.getOrDefault(c.name(), 0L),
                                    q == null ? BigDecimal.ZERO : q.stripTrailingZeros()));
                })
                .list();
        Map<String, Object> pending =
                jdbc.sql("""
                        SELECT COUNT(*) AS records, COUNT(DISTINCT subject_key) AS subjects
                        FROM support_record
                        WHERE subject_id IS NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?""").params(period.from(), period.to()).query().singleRow();
        List<String> agencies = jdbc.sql("""
                        SELECT DISTINCT agency FROM support_record
                        WHERE subject_id IS NOT NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?""")
                .params(period.from(), period.to())
                .query(String.class)
                .list();
        long partners = agencies.stream().filter(isPartner).count();
        return new Statistics(period, byCategory, number(pending, "records"), number(pending, "subjects"), partners);
    }

    private static long number(Map<String, Object> row, String key) {
        Object v = row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(0L);
        return ((Number) v).longValue();
    }
}
