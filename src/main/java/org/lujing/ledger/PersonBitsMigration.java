package org.lujing.ledger;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration V21, on both databases: fills {@code stat_person_bits} (created by V20) for a ledger whose rollups existed
 * before it, from {@code stat_subject_month}, a month at a time. Bit sets are not something both databases can build
 * in SQL, hence Java; Spring Boot hands every {@link JavaMigration} bean to Flyway, which runs it in order after the
 * SQL migrations of its version's predecessors, in their transaction, once per database.
 */
@Component
public class PersonBitsMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21");
    }

    @Override
    public String getDescription() {
        return "person bits from stat_subject_month";
    }

    @Override
    public Integer getChecksum() {
        return 21;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        PersonBits.rebuild(new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true)));
    }
}
