package org.lujing.reconcile;

import java.time.LocalDate;
import org.lujing.source.SourceCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a rule sees: the as-of date, the ledger, the configured sources and the reconciliation settings.
 *
 * @param slice how many ids (of records, persons, files or findings) one query covers at most: every rule reads the
 *     ledger a slice at a time, because HSQLDB builds a query's whole result on the heap
 */
record ReconcileContext(LocalDate asOf, JdbcClient jdbc, SourceCatalog sources, ReconcileSettings settings, int slice) {

    /** Ids per query when nothing else is asked for. */
    static final int SLICE = 20_000;

    ReconcileContext(LocalDate asOf, JdbcClient jdbc, SourceCatalog sources, ReconcileSettings settings) {
        this(asOf, jdbc, sources, settings, SLICE);
    }

    ReconcileContext {
        if (slice < 1) {
            throw new IllegalArgumentException("a slice covers at least one id, not " + slice);
        }
    }

    /** What a slice query is handed: ids from {@code from} (inclusive) to {@code to} (exclusive). */
    interface Window {
        void read(long from, long to);
    }

    /**
     * Walks a table's ids from the smallest to the largest in windows of {@link #slice()} ids: each window is a
     * range of the primary key, so a query on it reads that range alone, however large the table.
     */
    void windows(String table, Window window) {
        long[] range = jdbc.sql("SELECT MIN(id), MAX(id) FROM " + table)
                .query((rs, i) -> {
                    long min = rs.getLong(1);
                    // an empty table: no window at all
                    return rs.wasNull() ? new long[] {0, -1} : new long[] {min, rs.getLong(2)};
                })
                .single();
        for (long from = range[0]; from <= range[1]; from += slice) {
            window.read(from, Math.min(from + slice, range[1] + 1));
        }
    }
}
