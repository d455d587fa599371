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
 * distinct keys itself. On an in-process HSQLDB (which builds a {@code COUNT(DISTINCT …)}'s table on the
 * application's heap) the period's pending keys are gathered in a set as they are read — one pass, a second or two
 * for a year loaded before its roster — but never more than {@link #KEYS_HELD} of them: past that, the keys are
 * counted a range of keys at a time ({@link PendingRanges}) and the ranges summed, since a key lies in one range.
 */
@Component
public class PendingFigures {

    /** Distinct keys gathered on the heap before counting turns to ranges: about 15 MB. */
    static final int KEYS_HELD = 100_000;

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
        return of(from, to, KEYS_HELD, PART);
    }

    /** Thrown from inside a read to end it: more keys than may be held. */
    private static final class TooManyKeys extends RuntimeException {
        TooManyKeys() {
            super(null, null, false, false);
        }
    }

    /** As {@link #of(LocalDate, LocalDate)} on HSQLDB, with the keys held and the records a range counts given. */
    Pending of(LocalDate from, LocalDate to, int keysHeld, int part) {
        Set<String> keys = new HashSet<>();
        long[] records = {0};
        try {
            // subject_id IS NULL first: HSQLDB then reads the pending records through the subject_id index
            jdbc.sql("SELECT subject_key FROM support_record WHERE subject_id IS NULL" + PENDING)
                    .params(from, to)
                    .query((RowCallbackHandler) rs -> {
                        records[0]++;
                        if (keys.add(rs.getString(1)) && keys.size() > keysHeld) {
                            throw new TooManyKeys();
                        }
                    });
            return new Pending(records[0], keys.size());
        } catch (TooManyKeys e) {
            keys.clear();
            return ranged(from, to, part);
        }
    }

    /** The keys counted a range of keys at a time, {@code part} pending records a range. */
    private Pending ranged(LocalDate from, LocalDate to, int part) {
        long records = jdbc.sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL" + PENDING)
                .params(from, to)
                .query(Long.class)
                .single();
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
        return new Pending(records, keys);
    }
}
