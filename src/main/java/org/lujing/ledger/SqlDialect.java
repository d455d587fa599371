package org.lujing.ledger;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database the ledger lives in, for the few write paths that take a faster route on PostgreSQL (COPY into the
 * staging table, rollups upserted as sets, planner statistics refreshed during a bulk load). Everything else is SQL
 * that HSQLDB and PostgreSQL both accept; this is the one place that asks which one it is talking to.
 */
public enum SqlDialect {
    HSQLDB,
    POSTGRESQL;

    /** Asks the database behind {@code jdbc} its product name (once per caller: keep the answer). */
    public static SqlDialect of(JdbcTemplate jdbc) {
        String product =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equalsIgnoreCase(product) ? POSTGRESQL : HSQLDB;
    }

    public boolean postgres() {
        return this == POSTGRESQL;
    }
}
