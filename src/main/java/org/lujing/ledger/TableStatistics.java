package org.lujing.ledger;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics of the ledger's tables up to date during a bulk load. A first load into an
 * empty database plans every slice's identity check and merge as if the ledger were still empty (its statistics say
 * so until autovacuum, a minute or more later, analyzes it), and such plans slow down as the tables grow. So once
 * the rows published since the last {@code ANALYZE} reach a fifth of what the ledger held then (and at least
 * {@code lujing.ingest.analyze-after-rows}), the next slice first analyzes the ledger's tables: a sample, a fraction
 * of a second, taken while the slice holds the write turn, so no two nodes do it at once.
 *
 * <p>The one place where the ledger's write path differs by database: HSQLDB has no planner statistics to refresh
 * (its plans follow the indexes), so on HSQLDB this does nothing.
 */
@Component
public class TableStatistics {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    /** The tables a publication writes, whose plans depend on their size. */
    static final String TABLES =
            "support_record, record_source, subject, stat_day, stat_event, stat_subject_month, stat_person_bits";

    private final JdbcTemplate jdbc;
    private final long minRows;
    private final boolean postgres;
    private final AtomicLong sinceAnalyze = new AtomicLong();
    private final AtomicLong atLastAnalyze = new AtomicLong(-1);

    public TableStatistics(JdbcTemplate jdbc, @Value("${lujing.ingest.analyze-after-rows}") long minRows) {
        this.jdbc = jdbc;
        this.minRows = minRows;
        this.postgres = SqlDialect.of(jdbc).postgres();
    }

    /** The database the ledger is in. */
    public SqlDialect dialect() {
        return postgres ? SqlDialect.POSTGRESQL : SqlDialect.HSQLDB;
    }

    /** Counts rows a publication wrote; they matter at the next {@link #refreshIfStale()}. */
    public void written(long rows) {
        if (postgres && rows > 0) {
            sinceAnalyze.addAndGet(rows);
        }
    }

    /**
     * Analyzes the ledger's tables when enough was written since this process last did (or since it started, against
     * the size the statistics last saw). Returns whether it did. Call it holding the ledger's write turn.
     */
    public boolean refreshIfStale() {
        if (!postgres) {
            return false;
        }
        long written = sinceAnalyze.get();
        if (written < minRows) {
            return false;
        }
        long base = atLastAnalyze.get();
        if (base < 0) {
            // what the planner believes now: -1 (never analyzed) or the estimate of the last ANALYZE
            base = estimatedRecords();
        }
        if (written < base / 5) {
            return false;
        }
        long t0 = System.nanoTime();
        jdbc.execute("ANALYZE " + TABLES);
        // the size ANALYZE just estimated: a COUNT(*) would read the whole ledger for a figure it already has
        long now = estimatedRecords();
        atLastAnalyze.set(now);
        sinceAnalyze.addAndGet(-written);
        log.info(
                "analyzed the ledger's tables after {} new rows ({} records now) in {} ms",
                written,
                now,
                (System.nanoTime() - t0) / 1_000_000);
        return true;
    }

    /** The planner's estimate of the ledger's records: -1 (never analyzed) reads as 0. */
    private long estimatedRecords() {
        Long estimate = jdbc.queryForObject(
                "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'support_record'", Long.class);
        return estimate == null ? 0 : Math.max(estimate, 0);
    }
}
