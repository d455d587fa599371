package org.lujing.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;

/**
 * What a set of counted records adds to (or, with sign -1, takes from) the statistics rollups, added up in memory
 * and then applied one rollup row at a time: an UPDATE by key for rows that exist, an INSERT for the rest, a DELETE
 * where a row's records reach 0. A delta may also mix records that start counting with records that stop
 * ({@link #count(int, LocalDate, String, String, String, long, BigDecimal)}): rows whose changes cancel out are
 * not touched. A day's events move by the stat_event rows this delta creates or deletes, so no
 * group is ever recounted (a recount would walk every event of the days a slice touches: a year's, for a big file).
 * Likewise a person's bit in {@link PersonBits} is set or cleared by the stat_subject_month rows it creates or deletes.
 */
final class RollupDelta {

    record Day(LocalDate date, String category, String agency) implements Comparable<Day> {
        private static final Comparator<Day> ORDER =
                Comparator.comparing(Day::date).thenComparing(Day::category).thenComparing(Day::agency);

        @Override
        public int compareTo(Day o) {
            return ORDER.compare(this, o);
        }
    }

    record Event(Day day, String name) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : name.compareTo(o.name);
        }
    }

    record SubjectMonth(int month, String category, long subjectId) implements Comparable<SubjectMonth> {
        private static final Comparator<SubjectMonth> ORDER = Comparator.comparingInt(SubjectMonth::month)
                .thenComparing(SubjectMonth::category)
                .thenComparingLong(SubjectMonth::subjectId);

        @Override
        public int compareTo(SubjectMonth o) {
            return ORDER.compare(this, o);
        }
    }

    private static final class Sums {
        long records;
        BigDecimal quantity = BigDecimal.ZERO;
        long events;
    }

    private final int sign;
    private final Map<Day, Sums> days = new TreeMap<>();
    private final Map<Event, long[]> events = new TreeMap<>();
    private final Map<SubjectMonth, long[]> subjects = new TreeMap<>();

    RollupDelta(int sign) {
        this.sign = sign;
    }

    void count(LocalDate date, String category, String agency, String activityName, long subjectId, BigDecimal qty) {
        count(sign, date, category, agency, activityName, subjectId, qty);
    }

    /** Counts one record that starts ({@code sign} 1) or stops (-1) counting. */
    void count(
            int sign,
            LocalDate date,
            String category,
            String agency,
            String activityName,
            long subjectId,
            BigDecimal qty) {
        Day day = new Day(date, category, agency);
        Sums sums = days.computeIfAbsent(day, d -> new Sums());
        sums.records += sign;
        if (qty != null) {
            sums.quantity = sign > 0 ? sums.quantity.add(qty) : sums.quantity.subtract(qty);
        }
        events.computeIfAbsent(new Event(day, activityName == null ? "" : activityName), e -> new long[1])[0] += sign;
        int month = date.getYear() * 100 + date.getMonthValue();
        subjects.computeIfAbsent(new SubjectMonth(month, category, subjectId), s -> new long[1])[0] += sign;
    }

    boolean isEmpty() {
        return days.isEmpty();
    }

    /**
     * Applies the delta. On HSQLDB (in process, where a statement costs little) one batched statement per key; on
     * PostgreSQL, where each statement of a batch is a round of the protocol, a few statements per table that take
     * every key at once as arrays ({@link RollupSets}).
     */
    void applyTo(JdbcTemplate jdbc, SqlDialect dialect) {
        if (isEmpty()) {
            return;
        }
        sets = dialect.postgres() ? new RollupSets(jdbc) : null;
        applyEvents(jdbc);
        applyDays(jdbc);
        applySubjects(jdbc);
    }

    /** Set while a delta is applied on PostgreSQL. */
    private RollupSets sets;

    private void applyEvents(JdbcTemplate jdbc) {
        events.values().removeIf(c -> c[0] == 0);
        List<Event> changed = apply(jdbc, EVENT, events, c -> c[0], RollupDelta::count, RollupDelta::event);
        // a day's events are its stat_event rows: they move by the rows created (records added) or deleted (taken)
        changed.forEach(e -> days.get(e.day()).events += Long.signum(events.get(e)[0]));
    }

    private void applyDays(JdbcTemplate jdbc) {
        days.values().removeIf(d -> d.records == 0 && d.events == 0 && d.quantity.signum() == 0);
        apply(jdbc, DAY, days, d -> d.records, RollupDelta::sums, RollupDelta::day);
    }

    private void applySubjects(JdbcTemplate jdbc) {
        subjects.values().removeIf(c -> c[0] == 0);
        List<SubjectMonth> changed =
                apply(jdbc, SUBJECT_MONTH, subjects, c -> c[0], RollupDelta::count, RollupDelta::subject);
        // a person's row of a month and category created (records added) or deleted (taken) sets or clears their bit
        List<SubjectMonth> created = new ArrayList<>();
        List<SubjectMonth> deleted = new ArrayList<>();
        changed.forEach(m -> (subjects.get(m)[0] > 0 ? created : deleted).add(m));
        PersonBits.apply(jdbc, created, deleted);
    }

    /**
     * A rollup table: its value columns (added to) and its key columns (its primary key), with the types of both as
     * PostgreSQL names them (for the arrays {@link RollupSets} binds).
     */
    record Table(String name, List<String> values, List<String> keys, List<String> types) {
        String update() {
            return "UPDATE " + name + " SET "
                    + String.join(
                            ", ",
                            values.stream().map(v -> v + " = " + v + " + ?").toList()) + " WHERE "
                    + keyCondition();
        }

        String insert() {
            List<String> columns = new ArrayList<>(values);
            columns.addAll(keys);
            return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        }

        String deleteEmpty() {
            return "DELETE FROM " + name + " WHERE " + keyCondition() + " AND records <= 0";
        }

        private String keyCondition() {
            return String.join(" AND ", keys.stream().map(k -> k + " = ?").toList());
        }
    }

    private static final List<String> DAY_KEY = List.of("activity_date", "category", "agency");
    private static final Table DAY = new Table(
            "stat_day",
            List.of("records", "quantity", "events"),
            DAY_KEY,
            List.of("int8", "numeric", "int8", "date", "varchar", "varchar"));
    private static final Table EVENT = new Table(
            "stat_event",
            List.of("records"),
            List.of("activity_date", "category", "agency", "activity_name_key"),
            List.of("int8", "date", "varchar", "varchar", "varchar"));
    private static final Table SUBJECT_MONTH = new Table(
            "stat_subject_month",
            List.of("records"),
            List.of("month", "category", "subject_id"),
            List.of("int8", "int4", "varchar", "int8"));

    /** Binds a value or key's parameters from index {@code i} on. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement p, int i, T t) throws SQLException;
    }

    /**
     * Applies one rollup's entries, in key order: updates the rows that exist; inserts the rest of those whose records
     * grow, deletes the rows that reached 0 among those whose records shrink. Returns the keys whose row was created
     * or deleted.
     */
    private <K, V> List<K> apply(
            JdbcTemplate jdbc,
            Table table,
            Map<K, V> entries,
            java.util.function.ToLongFunction<V> records,
            Binder<V> value,
            Binder<K> key) {
        if (sets != null) {
            // stat_event's created and deleted rows move their day's events, stat_subject_month's their person's bit
            return sets.apply(table, entries, records, RollupDelta::columns, RollupDelta::columns, table != DAY);
        }
        List<Map.Entry<K, V>> all = new ArrayList<>(entries.entrySet());
        int keyAt = 1 + table.values().size();
        ParameterizedPreparedStatementSetter<Map.Entry<K, V>> valuesThenKey = (p, e) -> {
            value.bind(p, 1, e.getValue());
            key.bind(p, keyAt, e.getKey());
        };
        int[] updated = batch(jdbc, table.update(), all, valuesThenKey);
        List<Map.Entry<K, V>> missing = new ArrayList<>();
        List<Map.Entry<K, V>> shrunk = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            long grows = records.applyAsLong(all.get(i).getValue());
            if (grows > 0 && updated[i] == 0) {
                missing.add(all.get(i));
            } else if (grows < 0) {
                shrunk.add(all.get(i));
            }
        }
        batch(jdbc, table.insert(), missing, valuesThenKey);
        int[] deleted = batch(jdbc, table.deleteEmpty(), shrunk, (p, e) -> key.bind(p, 1, e.getKey()));
        List<K> changed = new ArrayList<>();
        missing.forEach(e -> changed.add(e.getKey()));
        for (int i = 0; i < shrunk.size(); i++) {
            if (deleted[i] > 0) {
                changed.add(shrunk.get(i).getKey());
            }
        }
        return changed;
    }

    private static <T> int[] batch(
            JdbcTemplate jdbc, String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.batchUpdate(sql, rows, rows.size(), setter)[0];
    }

    /** A value or key as its columns' values, in the table's order (for {@link RollupSets}). */
    private static Object[] columns(Object valueOrKey) {
        if (valueOrKey instanceof long[] count) {
            return new Object[] {count[0]};
        } else if (valueOrKey instanceof Sums s) {
            return new Object[] {s.records, s.quantity, s.events};
        } else if (valueOrKey instanceof Day d) {
            return new Object[] {Date.valueOf(d.date()), d.category(), d.agency()};
        } else if (valueOrKey instanceof Event e) {
            return new Object[] {
                Date.valueOf(e.day().date()), e.day().category(), e.day().agency(), e.name()
            };
        } else if (valueOrKey instanceof SubjectMonth m) {
            return new Object[] {m.month(), m.category(), m.subjectId()};
        }
        throw new IllegalArgumentException("not a rollup value or key: " + valueOrKey);
    }

    private static void count(PreparedStatement p, int i, long[] count) throws SQLException {
        p.setLong(i, count[0]);
    }

    private static void sums(PreparedStatement p, int i, Sums s) throws SQLException {
        p.setLong(i, s.records);
        p.setBigDecimal(i + 1, s.quantity);
        p.setLong(i + 2, s.events);
    }

    private static void day(PreparedStatement p, int i, Day d) throws SQLException {
        p.setDate(i, Date.valueOf(d.date()));
        p.setString(i + 1, d.category());
        p.setString(i + 2, d.agency());
    }

    private static void event(PreparedStatement p, int i, Event e) throws SQLException {
        day(p, i, e.day());
        p.setString(i + 3, e.name());
    }

    private static void subject(PreparedStatement p, int i, SubjectMonth s) throws SQLException {
        p.setInt(i, s.month());
        p.setString(i + 1, s.category());
        p.setLong(i + 2, s.subjectId());
    }
}
