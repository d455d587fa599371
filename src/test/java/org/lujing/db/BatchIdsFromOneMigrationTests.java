package org.lujing.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.lujing.ledger.PersonBitsMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.HsqlMaxValueIncrementer;

/**
 * On the embedded database job executions, instances and steps are numbered from 1, as on PostgreSQL (V28): the first
 * ingest of a home was "任务执行 #0". A home that has executions keeps numbering on from them, never from 1 again.
 */
class BatchIdsFromOneMigrationTests {

    @Test
    void aNewHomeNumbersItsExecutionsFromOne() {
        JDBCDataSource ds = database("batch-ids-new");

        migrate(ds, null);

        for (String table :
                new String[] {"BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_INSTANCE_SEQ", "BATCH_STEP_EXECUTION_SEQ"}) {
            assertThat(new HsqlMaxValueIncrementer(ds, table, "ID").nextLongValue())
                    .as(table)
                    .isEqualTo(1);
        }
    }

    @Test
    void aHomeWithExecutionsGoesOnFromItsLastNumber() {
        // given a home migrated before V28 whose executions reached #0, #1, #2 (the incrementer keeps its last row)
        JDBCDataSource ds = database("batch-ids-old");
        migrate(ds, "27");
        HsqlMaxValueIncrementer before = new HsqlMaxValueIncrementer(ds, "BATCH_JOB_EXECUTION_SEQ", "ID");
        assertThat(before.nextLongValue()).isZero();
        before.nextLongValue();
        before.nextLongValue();
        // and a home whose one execution is #0, its row still there
        JDBCDataSource single = database("batch-ids-single");
        migrate(single, "27");
        assertThat(new HsqlMaxValueIncrementer(single, "BATCH_JOB_EXECUTION_SEQ", "ID").nextLongValue())
                .isZero();

        // when V28 runs
        migrate(ds, null);
        migrate(single, null);

        // then each goes on after its last number: none is given twice
        assertThat(new HsqlMaxValueIncrementer(ds, "BATCH_JOB_EXECUTION_SEQ", "ID").nextLongValue())
                .isEqualTo(3);
        assertThat(new HsqlMaxValueIncrementer(single, "BATCH_JOB_EXECUTION_SEQ", "ID").nextLongValue())
                .isEqualTo(1);
        assertThat(new JdbcTemplate(ds).queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_SEQ", Long.class))
                .isEqualTo(1);
    }

    private static JDBCDataSource database(String name) {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:mem:" + name + ";hsqldb.tx=mvcc");
        ds.setUser("SA");
        return ds;
    }

    private static void migrate(JDBCDataSource ds, String target) {
        var flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/hsqldb")
                .javaMigrations(new PersonBitsMigration());
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }
}
