package org.lujing.ledger;

import java.math.BigDecimal;
import java.sql.Date;
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
 * where a row's records reach 0. A day's events move by the stat_event rows this delta creates or deletes, so no
 * group is ever recounted (a recount would walk every event of the days a slice touches: a year's, for a big file).
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

    void applyTo(JdbcTemplate jdbc) {
        if (isEmpty()) {
            return;
        }
        applyEvents(jdbc);
        applyDays(jdbc);
        applySubjects(jdbc);
    }

    private void applyEvents(JdbcTemplate jdbc) {
        List<Map.Entry<Event, long[]>> all = new ArrayList<>(events.entrySet());
        int[] updated = batch(
                jdbc,
                "UPDATE stat_event SET records = records + ?"
                        + " WHERE activity_date = ? AND category = ? AND agency = ? AND activity_name_key = ?",
                all,
                (p, e) -> {
                    p.setLong(1, e.getValue()[0]);
                    event(p, 2, e.getKey());
                });
        if (sign > 0) {
            List<Map.Entry<Event, long[]>> created = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (updated[i] == 0) {
                    created.add(all.get(i));
                    days.get(all.get(i).getKey().day()).events++;
                }
            }
            batch(
                    jdbc,
                    "INSERT INTO stat_event (records, activity_date, category, agency, activity_name_key)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    created,
                    (p, e) -> {
                        p.setLong(1, e.getValue()[0]);
                        event(p, 2, e.getKey());
                    });
        } else {
            int[] deleted = batch(
                    jdbc,
                    "DELETE FROM stat_event WHERE activity_date = ? AND category = ? AND agency = ?"
                            + " AND activity_name_key = ? AND records <= 0",
                    all,
                    (p, e) -> event(p, 1, e.getKey()));
            for (int i = 0; i < all.size(); i++) {
                if (deleted[i] > 0) {
                    days.get(all.get(i).getKey().day()).events--;
                }
            }
        }
    }

    private void applyDays(JdbcTemplate jdbc) {
        List<Map.Entry<Day, Sums>> all = new ArrayList<>(days.entrySet());
        int[] updated = batch(
                jdbc,
                "UPDATE stat_day SET records = records + ?, quantity = quantity + ?, events = events + ?"
                        + " WHERE activity_date = ? AND category = ? AND agency = ?",
                all,
                (p, e) -> {
                    sums(p, 1, e.getValue());
                    day(p, 4, e.getKey());
                });
        if (sign > 0) {
            List<Map.Entry<Day, Sums>> created = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (updated[i] == 0) {
                    created.add(all.get(i));
                }
            }
            batch(
                    jdbc,
                    "INSERT INTO stat_day (records, quantity, events, activity_date, category, agency)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    created,
                    (p, e) -> {
                        sums(p, 1, e.getValue());
                        day(p, 4, e.getKey());
                    });
        } else {
            batch(
                    jdbc,
                    "DELETE FROM stat_day WHERE activity_date = ? AND category = ? AND agency = ? AND records <= 0",
                    all,
                    (p, e) -> day(p, 1, e.getKey()));
        }
    }

    private void applySubjects(JdbcTemplate jdbc) {
        List<Map.Entry<SubjectMonth, long[]>> all = new ArrayList<>(subjects.entrySet());
        int[] updated = batch(
                jdbc,
                "UPDATE stat_subject_month SET records = records + ? WHERE month = ? AND category = ? AND subject_id = ?",
                all,
                (p, e) -> {
                    p.setLong(1, e.getValue()[0]);
                    subject(p, 2, e.getKey());
                });
        if (sign > 0) {
            List<Map.Entry<SubjectMonth, long[]>> created = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (updated[i] == 0) {
                    created.add(all.get(i));
                }
            }
            batch(
                    jdbc,
                    "INSERT INTO stat_subject_month (records, month, category, subject_id) VALUES (?, ?, ?, ?)",
                    created,
                    (p, e) -> {
                        p.setLong(1, e.getValue()[0]);
                        subject(p, 2, e.getKey());
                    });
        } else {
            batch(
                    jdbc,
                    "DELETE FROM stat_subject_month WHERE month = ? AND category = ? AND subject_id = ? AND records <= 0",
                    all,
                    (p, e) -> subject(p, 1, e.getKey()));
        }
    }

    private static <T> int[] batch(
            JdbcTemplate jdbc, String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.batchUpdate(sql, rows, rows.size(), setter)[0];
    }

    private static void sums(java.sql.PreparedStatement p, int i, Sums s) throws java.sql.SQLException {
        p.setLong(i, s.records);
        p.setBigDecimal(i + 1, s.quantity);
        p.setLong(i + 2, s.events);
    }

    private static void day(java.sql.PreparedStatement p, int i, Day d) throws java.sql.SQLException {
        p.setDate(i, Date.valueOf(d.date()));
        p.setString(i + 1, d.category());
        p.setString(i + 2, d.agency());
    }

    private static void event(java.sql.PreparedStatement p, int i, Event e) throws java.sql.SQLException {
        day(p, i, e.day());
        p.setString(i + 3, e.name());
    }

    private static void subject(java.sql.PreparedStatement p, int i, SubjectMonth s) throws java.sql.SQLException {
        p.setInt(i, s.month());
        p.setString(i + 1, s.category());
        p.setLong(i + 2, s.subjectId());
    }
}
