package org.lujing.ledger;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How to read the ledger's pending records (no person yet) a range of keys at a time instead of all at once: the
 * ranges ({@link KeyRange}, one per {@code per} records), and through which index. Through the person's index (its
 * NULL part) each range reads every pending record again; through the key's index, every record of the range's keys,
 * so the whole ledger once over all the ranges. Whichever reads fewer rows.
 *
 * @param ranges the ranges of keys, in order; one while no more than a part is pending
 * @param byKey whether the ranges are read through the key's index
 */
public record PendingRanges(List<KeyRange> ranges, boolean byKey) {

    /** The ranges for every pending record, {@code per} a range (the pending records counted once). */
    public static PendingRanges ofAll(JdbcClient jdbc, int per) {
        long pending = pending(jdbc);
        return choose(jdbc, KeyRange.split(pending, per), pending);
    }

    /** The ranges for {@code count} of the pending records to read, {@code per} a range. */
    public static PendingRanges of(JdbcClient jdbc, long count, int per) {
        List<KeyRange> ranges = KeyRange.split(count, per);
        return ranges.size() == 1 ? new PendingRanges(ranges, false) : choose(jdbc, ranges, pending(jdbc));
    }

    private static PendingRanges choose(JdbcClient jdbc, List<KeyRange> ranges, long pending) {
        if (ranges.size() == 1) {
            return new PendingRanges(ranges, false);
        }
        long ledger = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM support_record")
                .query(Long.class)
                .single();
        return new PendingRanges(ranges, pending * ranges.size() > ledger);
    }

    private static long pending(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL")
                .query(Long.class)
                .single();
    }

    /**
     * "No person yet" on the column {@code subjectId}, written so that the chosen index serves the read: HSQLDB takes
     * the person's index whenever the condition lets it, and COALESCE keeps it from doing so (person ids start at 1).
     */
    public String noPerson(String subjectId) {
        return byKey ? "COALESCE(" + subjectId + ", 0) = 0" : subjectId + " IS NULL";
    }
}
