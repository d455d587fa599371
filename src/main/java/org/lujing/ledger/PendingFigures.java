package org.lujing.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records of a period still pending identification and how many keys they stand for, for every reader of the
 * statistics ({@code stats}, the dashboard, {@code /api/stats}, the statistics workbook). PostgreSQL counts the
 * distinct keys itself. An in-process HSQLDB builds a query's whole result, and a {@code COUNT(DISTINCT …)}'s table,
 * on the application's heap, whatever is read of it: so there the period's pending records are counted first, and
 * their keys gathered in one read only while they are at most {@link #GATHERED} records; past that the keys are
 * counted a range of keys at a time ({@link PendingRanges}, {@link #PART} records a range) and the ranges summed,
 * since a key lies in one range. A year loaded before its roster (a million pending records, each its own key)
 * needed 150 MB for the one read: `stats` ran out of a 128 MB heap, and inside `serve` the dashboard would share
 * the heap with a night's ingest.
 */
@Component
public class PendingFigures {

    /** Pending records whose keys are gathered in one read on HSQLDB: about 15 MB of result at most. */
    static final int GATHERED = 100_000;

    /** Pending records whose keys one range's distinct count holds. */
    static final int PART = 20_000;

    /** The period's pending records and their distinct keys. */
    public record Pending(long records, long keys) {}

    private static final String PENDING = " AND merged_into IS NULL AND activity_date BETWEEN ? AND ?";

    private final JdbcClient jdbc;
    private final boolean postgres;

    @Autowired
    public PendingFigures(JdbcClient jdbc, TableStatistics tables) {
        this(jdbc, tables.dialect().postgres());
    }

    PendingFigures(JdbcClient jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    public Pending of(LocalDate from, LocalDate to) {
        if (postgres) {
            return jdbc.sql("SELECT COUNT(*), COUNT(DISTINCT subject_key) FROM support_record WHERE subject_id IS NULL"
                            + PENDING)
                    .params(from, to)
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2)))
                    .single();
        }
        return of(from, to, GATHERED, PART);
    }

    /** The period's pending records, counted (no query here holds them). */
    public long records(LocalDate from, LocalDate to) {
        // subject_id IS NULL first: HSQLDB then reads the pending records through the subject_id index
        return jdbc.sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL" + PENDING)
                .params(from, to)
                .query(Long.class)
                .single();
    }

    /** As {@link #of(LocalDate, LocalDate)} on HSQLDB, with the records gathered at once and a range's given. */
    Pending of(LocalDate from, LocalDate to, int gathered, int part) {
        long records = records(from, to);
        if (records == 0) {
            return new Pending(0, 0);
        }
        if (records > gathered) {
            return new Pending(records, ranged(from, to, records, part));
        }
        Set<String> keys = new HashSet<>();
        jdbc.sql("SELECT subject_key FROM support_record WHERE subject_id IS NULL" + PENDING)
                .params(from, to)
                .query((RowCallbackHandler) rs -> keys.add(rs.getString(1)));
        return new Pending(records, keys.size());
    }

    /** The period's {@code records} pending records' keys, counted a range of keys at a time. */
    private long ranged(LocalDate from, LocalDate to, long records, int part) {
        PendingRanges plan = PendingRanges.of(jdbc, records, part);
        long keys = 0;
        for (KeyRange range : plan.ranges()) {
            List<Object> params = new ArrayList<>(range.params());
            params.add(from);
            params.add(to);
            // the date kept out of every index (a year's dates read again for each range of keys): the range's keys
            // are read through the key's index, or every pending record through the person's
            keys += jdbc.sql("SELECT COUNT(DISTINCT subject_key) FROM support_record WHERE "
                            + range.condition("subject_key") + plan.noPerson("subject_id")
                            + " AND merged_into IS NULL AND COALESCE(activity_date, DATE '1900-01-01') BETWEEN ? AND ?")
                    .params(params)
                    .query(Long.class)
                    .single();
        }
        return keys;
    }
}
