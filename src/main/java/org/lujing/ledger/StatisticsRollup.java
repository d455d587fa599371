package org.lujing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the statistics rollups ({@code stat_day} with its events column, {@code stat_event},
 * {@code stat_subject_month} and its persons as bit sets in {@code stat_person_bits}) equal to what the
 * counted records (with a person, not merged) add up to, so that {@link StatisticsQuery} never walks a period's raw
 * records.
 *
 * <p>Every writer that changes what counts calls {@link #remove} on the records it is about to change and
 * {@link #add} on them after, in its own transaction (this class opens none: a rolled-back write takes its rollup
 * change with it). A selection is an SQL condition over {@code support_record r}; its records are read once, added
 * up in memory ({@link RollupDelta}) and applied to the rollup rows they touch, so it should stay bounded (a slice,
 * a person, a day — up to some 50,000 records).
 */
@Component
public class StatisticsRollup {

    /**
     * Counted records among the selection. The caller's condition comes first, and "has a person" is written so
     * that no index can serve it: HSQLDB takes the index of the first range condition it meets, and the subject_id
     * index over "IS NOT NULL" would walk every counted record of the ledger.
     */
    private static final String COUNTED = "(%s) AND COALESCE(r.subject_id, 0) > 0 AND r.merged_into IS NULL";

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

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public StatisticsRollup(JdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.dialect = SqlDialect.of(template);
    }

    /**
     * Adds the contributions of the counted records among those {@code recordPredicate} selects.
     *
     * @param recordPredicate an SQL condition over {@code support_record r}, e.g. {@code "r.first_file_id = ? AND
     *     r.id > ?"}
     * @param params its parameters, in order
     */
    public void add(String recordPredicate, Object... params) {
        apply(recordPredicate, params, 1);
    }

    /** Takes away the contributions of the counted records among those {@code recordPredicate} selects. */
    public void remove(String recordPredicate, Object... params) {
        apply(recordPredicate, params, -1);
    }

    /**
     * A change to many records whose writer knows, from the records it reads anyway, which of them start counting and
     * which stop (identity's set-based linking: records tied to a person, repeats merged). Their contributions are
     * added up in memory and applied at once by {@link Change#apply}, rows whose changes cancel out untouched — one
     * read instead of a {@link #remove} and an {@link #add} over every record of every person involved.
     */
    public Change change() {
        return new Change();
    }

    /** Records that start or stop counting, added up until {@link #apply}. */
    public final class Change {

        private RollupDelta delta = new RollupDelta(1);
        private int records;

        private Change() {}

        /** A record that did not count and counts from now on (it has a person and is not merged). */
        public void starts(
                LocalDate date, String category, String agency, String activityName, long subjectId, BigDecimal qty) {
            delta.count(1, date, category, agency, activityName, subjectId, qty);
            records++;
        }

        /** A record that counted and stops (merged into another, or no longer anyone's). */
        public void stops(
                LocalDate date, String category, String agency, String activityName, long subjectId, BigDecimal qty) {
            delta.count(-1, date, category, agency, activityName, subjectId, qty);
            records++;
        }

        /** How many records this change holds so far: a caller applies it before it grows too big for the heap. */
        public int records() {
            return records;
        }

        /** Applies what was counted, in the caller's transaction (after taking the ledger's write turn), and empties. */
        public void apply() {
            RecordIds.takeWriteTurn(jdbc);
            delta.applyTo(template, dialect);
            delta = new RollupDelta(1);
            records = 0;
        }
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
        jdbc.sql("DELETE FROM stat_person_bits").update();
        LocalDate[] range = jdbc.sql("SELECT MIN(activity_date), MAX(activity_date) FROM support_record")
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        LocalDate first = range[0];
        LocalDate last = range[1];
        if (first == null) {
            return;
        }
        // a day at a time: what one apply holds in memory stays a day's worth of keys
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            add("r.activity_date = ?", d);
        }
    }

    /**
     * Writes the persons' bit sets ({@code stat_person_bits}) again from {@code stat_subject_month}, a month at a
     * time: for rollups that were filled set-based from the ledger (a migration, a benchmark's fill) instead of
     * through this class.
     */
    @Transactional
    public void rebuildPersonBits() {
        RecordIds.takeWriteTurn(jdbc);
        PersonBits.rebuild(template);
    }

    /**
     * Reads the selection's counted records (a bounded selection: a slice, a person, a day), adds their
     * contributions up in memory and applies them key by key — rows of the rollups that the selection touches, never
     * a whole group's. Keys are applied in sorted order, so two writers lock rollup rows in the same order.
     */
    private void apply(String recordPredicate, Object[] params, int sign) {
        RecordIds.takeWriteTurn(jdbc);
        RollupDelta delta = new RollupDelta(sign);
        jdbc.sql("""
                        SELECT r.activity_date, r.category, r.agency, r.activity_name, r.subject_id, r.quantity
                        FROM support_record r WHERE """ + COUNTED.formatted(recordPredicate))
                .params(List.of(params))
                .query(rs -> {
                    delta.count(
                            rs.getDate(1).toLocalDate(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getBigDecimal(6));
                });
        delta.applyTo(template, dialect);
    }
}
