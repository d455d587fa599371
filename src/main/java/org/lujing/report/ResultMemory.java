package org.lujing.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a report's aggregate queries in one read-only transaction in which an embedded HSQLDB keeps large
 * intermediate results (the DISTINCT sets behind event counts, GROUP BY tables) on disk instead of the heap. In
 * process, HSQLDB builds every such table in the application's own heap by default, which for a million-record
 * year left the statistics report at the edge of a 256 MB heap. Other databases do this work in their own
 * memory; for them the body simply runs in the transaction.
 */
@Component
class ResultMemory {

    /** Rows of one result or temporary table HSQLDB keeps on the heap before it moves the table to disk. */
    static final int MEMORY_ROWS = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final boolean hsqldb;

    ResultMemory(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.hsqldb = isHsqldb(dataSource);
    }

    <T> T bounded(Supplier<T> body) {
        return readOnly.execute(status -> {
            if (!hsqldb) {
                return body.get();
            }
            // a session setting on a pooled connection: set for this body only, and always reset
            jdbc.execute("SET SESSION RESULT MEMORY ROWS " + MEMORY_ROWS);
            try {
                return body.get();
            } finally {
                jdbc.execute("SET SESSION RESULT MEMORY ROWS 0");
            }
        });
    }

    private static boolean isHsqldb(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("hsql");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database reports run on: " + e.getMessage(), e);
        }
    }
}
