package org.lujing.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the statistics rollups ({@code stat_day} with its events column, {@code stat_event},
 * {@code stat_subject_month}) equal to what the
 * counted records (with a person, not merged) add up to, so that {@link StatisticsQuery} never walks a period's raw
 * records.
 *
 * <p>Every writer that changes what counts calls {@link #remove} on the records it is about to change and
 * {@link #add} on them after, in its own transaction (this class opens none: a rolled-back write takes its rollup
 * change with it). A selection is an SQL condition over {@code support_record r}; it is aggregated with one GROUP BY
 * per rollup and merged in, so it should stay bounded (a chunk, a person, a month — up to some 50,000 records).
 */
@Component
public class StatisticsRollup {

    /**
     * Counted records among the selection. The caller's condition comes first, and "has a person" is written so
     * that no index can serve it: HSQLDB takes the index of the first range condition it meets, and the subject_id
     * index over "IS NOT NULL" would walk every counted record of the ledger.
     */
    private static final String COUNTED = "(%s) AND COALESCE(r.subject_id, 0) > 0 AND r.merged_into IS NULL";

    private static final String DAY = """
            MERGE INTO stat_day s USING (
              SELECT r.activity_date AS activity_date, r.category AS category, r.agency AS agency,
                %1$sCOUNT(*) AS records, %1$sSUM(r.quantity) AS quantity
              FROM support_record r WHERE %2$s
              GROUP BY r.activity_date, r.category, r.agency) AS v (activity_date, category, agency, records, quantity)
            ON s.activity_date = v.activity_date AND s.category = v.category AND s.agency = v.agency
            WHEN MATCHED AND s.records + v.records = 0 THEN DELETE
            WHEN MATCHED THEN UPDATE SET records = s.records + v.records, quantity = s.quantity + v.quantity
            %3$s""";

    private static final String DAY_INSERT = """
            WHEN NOT MATCHED THEN INSERT (activity_date, category, agency, records, quantity, events)
              VALUES (v.activity_date, v.category, v.agency, v.records, v.quantity, 0)""";

    private static final String EVENT = """
            MERGE INTO stat_event s USING (
              SELECT activity_date, category, agency, activity_name_key, %1$sCOUNT(*) AS records FROM (
                SELECT r.activity_date AS activity_date, r.category AS category, r.agency AS agency,
                  COALESCE(r.activity_name, '') AS activity_name_key
                FROM support_record r WHERE %2$s) e
              GROUP BY activity_date, category, agency, activity_name_key)
              AS v (activity_date, category, agency, activity_name_key, records)
            ON s.activity_date = v.activity_date AND s.category = v.category AND s.agency = v.agency
              AND s.activity_name_key = v.activity_name_key
            WHEN MATCHED AND s.records + v.records = 0 THEN DELETE
            WHEN MATCHED THEN UPDATE SET records = s.records + v.records
            %3$s""";

    private static final String EVENT_INSERT = """
            WHEN NOT MATCHED THEN INSERT (activity_date, category, agency, activity_name_key, records)
              VALUES (v.activity_date, v.category, v.agency, v.activity_name_key, v.records)""";

    /**
     * Sets stat_day's events of the given (date, category, agency) groups to their number of stat_event rows: after
     * stat_event has changed, for the groups it changed in. HSQLDB reads the groups, then stat_event by its key.
     */
    private static final String DAY_EVENTS = """
            MERGE INTO stat_day s USING (
              SELECT g.activity_date, g.category, g.agency, COUNT(e.records) FROM (%s) g
              LEFT JOIN stat_event e
                ON e.activity_date = g.activity_date AND e.category = g.category AND e.agency = g.agency
              GROUP BY g.activity_date, g.category, g.agency) AS v (activity_date, category, agency, events)
            ON s.activity_date = v.activity_date AND s.category = v.category AND s.agency = v.agency
            WHEN MATCHED THEN UPDATE SET events = v.events""";

    private static final String GROUPS =
            "SELECT DISTINCT r.activity_date AS activity_date, r.category AS category, r.agency AS agency"
                    + " FROM support_record r WHERE %s";

    private static final String SUBJECT = """
            MERGE INTO stat_subject_month s USING (
              SELECT month, category, subject_id, %1$sCOUNT(*) AS records FROM (
                SELECT CAST(EXTRACT(YEAR FROM r.activity_date) * 100 + EXTRACT(MONTH FROM r.activity_date) AS INTEGER)
                    AS month,
                  r.category AS category, r.subject_id AS subject_id
                FROM support_record r WHERE %2$s) m
              GROUP BY month, category, subject_id) AS v (month, category, subject_id, records)
            ON s.month = v.month AND s.category = v.category AND s.subject_id = v.subject_id
            WHEN MATCHED AND s.records + v.records = 0 THEN DELETE
            WHEN MATCHED THEN UPDATE SET records = s.records + v.records
            %3$s""";

    private static final String SUBJECT_INSERT = """
            WHEN NOT MATCHED THEN INSERT (month, category, subject_id, records)
              VALUES (v.month, v.category, v.subject_id, v.records)""";

    private final JdbcClient jdbc;

    public StatisticsRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the contributions of the counted records among those {@code recordPredicate} selects.
     *
     * @param recordPredicate an SQL condition over {@code support_record r}, e.g. {@code "r.first_file_id = ? AND
     *     r.id > ?"}
     * @param params its parameters, in order
     */
    public void add(String recordPredicate, Object... params) {
        apply(recordPredicate, params, "", true);
    }

    /** Takes away the contributions of the counted records among those {@code recordPredicate} selects. */
    public void remove(String recordPredicate, Object... params) {
        apply(recordPredicate, params, "-", false);
    }

    /**
     * Recounts the events of the (date, category, agency) groups the selected records belong to, from the ledger.
     * For a write that changes only a counted record's activity name (a merged row filling a missing name), when the
     * record's name before the write is not known: its records, quantity and person stay the same, its event may not.
     */
    public void refreshEvents(String recordPredicate, Object... params) {
        String groups = GROUPS.formatted(COUNTED.formatted(recordPredicate));
        jdbc.sql("""
                        MERGE INTO stat_event s USING (%s) AS g (activity_date, category, agency)
                        ON s.activity_date = g.activity_date AND s.category = g.category AND s.agency = g.agency
                        WHEN MATCHED THEN DELETE""".formatted(groups)).params(List.of(params)).update();
        jdbc.sql("""
                        INSERT INTO stat_event (activity_date, category, agency, activity_name_key, records)
                        SELECT activity_date, category, agency, activity_name_key, COUNT(*) FROM (
                          SELECT r.activity_date AS activity_date, r.category AS category, r.agency AS agency,
                            COALESCE(r.activity_name, '') AS activity_name_key
                          FROM (%s) g JOIN support_record r
                            ON r.activity_date = g.activity_date AND r.category = g.category AND r.agency = g.agency
                          WHERE COALESCE(r.subject_id, 0) > 0 AND r.merged_into IS NULL) e
                        GROUP BY activity_date, category, agency, activity_name_key""".formatted(groups)).params(List.of(params)).update();
        jdbc.sql(DAY_EVENTS.formatted(groups)).params(List.of(params)).update();
    }

    /**
     * Recomputes every rollup from the ledger, a month of records at a time (a bounded heap on any ledger size): for
     * a big existing ledger, and to check the rollups kept along the way.
     */
    @Transactional
    public void rebuild() {
        jdbc.sql("DELETE FROM stat_day").update();
        jdbc.sql("DELETE FROM stat_event").update();
        jdbc.sql("DELETE FROM stat_subject_month").update();
        Map<String, Object> range = jdbc.sql(
                        "SELECT MIN(activity_date) AS first_date, MAX(activity_date) AS last_date FROM support_record")
                .query()
                .singleRow();
        LocalDate first = date(range, "first_date");
        LocalDate last = date(range, "last_date");
        if (first == null) {
            return;
        }
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
            add("r.activity_date BETWEEN ? AND ?", m.atDay(1), m.atEndOfMonth());
        }
    }

    private void apply(String recordPredicate, Object[] params, String sign, boolean insert) {
        String selection = COUNTED.formatted(recordPredicate);
        List<Object> p = List.of(params);
        jdbc.sql(DAY.formatted(sign, selection, insert ? DAY_INSERT : ""))
                .params(p)
                .update();
        jdbc.sql(EVENT.formatted(sign, selection, insert ? EVENT_INSERT : ""))
                .params(p)
                .update();
        jdbc.sql(DAY_EVENTS.formatted(GROUPS.formatted(selection))).params(p).update();
        jdbc.sql(SUBJECT.formatted(sign, selection, insert ? SUBJECT_INSERT : ""))
                .params(p)
                .update();
    }

    private static LocalDate date(Map<String, Object> row, String key) {
        Object v = row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (v == null) {
            return null;
        }
        return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
    }
}
