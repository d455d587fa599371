package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The persons' bit sets follow stat_subject_month row for row: a bit per person with records in the month and
 * category, across block boundaries, a block deleted when its last bit goes.
 */
class PersonBitsTests {

    private static final LocalDate MARCH = LocalDate.parse("2025-03-14");

    private JdbcTemplate sql;
    private JdbcClient jdbc;

    @BeforeEach
    void migratedLedger() {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:mem:person-bits-" + System.nanoTime() + ";hsqldb.tx=mvcc");
        ds.setUser("SA");
        migrate(ds);
        sql = new JdbcTemplate(ds);
        jdbc = JdbcClient.create(ds);
    }

    @Test
    void personsOnBothSidesOfABlockBoundaryHaveTheirBitAndAnEmptiedBlockIsDeleted() {
        // given persons at the first and last id of two blocks and one far away, with records in March
        change(1, 1, 4095, 4096, 8191, 123_457);
        assertThat(PersonBitsRows.stored(jdbc))
                .isEqualTo(PersonBitsRows.expected(jdbc))
                .hasSize(5);
        assertThat(blocks()).isEqualTo(3);

        // when the second block's two persons lose their only record
        change(-1, 4096, 8191);

        // then their bits are gone with the block's row, and everyone else is still there
        assertThat(PersonBitsRows.stored(jdbc))
                .isEqualTo(PersonBitsRows.expected(jdbc))
                .hasSize(3);
        assertThat(blocks()).isEqualTo(2);
    }

    @Test
    void aPersonKeepsTheirBitWhileAnyRecordOfTheMonthCounts() {
        // given a person with two records in March
        change(1, 77, 77);

        // when one stops counting
        change(-1, 77);

        // then they are still March's person; after the second, no longer
        assertThat(PersonBitsRows.stored(jdbc))
                .isEqualTo(PersonBitsRows.expected(jdbc))
                .hasSize(1);
        change(-1, 77);
        assertThat(PersonBitsRows.stored(jdbc)).isEmpty();
        assertThat(blocks()).isZero();
    }

    @Test
    void aRebuildFromStatSubjectMonthGivesTheBitsKeptAlongTheWay() {
        // given bits kept along the way
        change(1, 5, 4100, 9000);
        var kept = PersonBitsRows.stored(jdbc);

        // when they are written again from stat_subject_month
        PersonBits.rebuild(sql);

        // then they are the same
        assertThat(PersonBitsRows.stored(jdbc)).isEqualTo(kept).hasSize(3);
    }

    /** Every HSQLDB migration, V21 (a Java migration, which Spring Boot hands to Flyway in the application) included. */
    static void migrate(javax.sql.DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/hsqldb")
                .javaMigrations(new PersonBitsMigration())
                .load()
                .migrate();
    }

    /** Records of the given persons in March start ({@code sign} 1) or stop (-1) counting, one delta. */
    private void change(int sign, long... subjectIds) {
        RollupDelta delta = new RollupDelta(sign);
        for (long id : subjectIds) {
            delta.count(MARCH, "JOB_FAIR", "长沙人才市场", "春风送岗", id, BigDecimal.ONE);
        }
        delta.applyTo(sql, SqlDialect.HSQLDB);
    }

    private int blocks() {
        return sql.queryForObject("SELECT COUNT(*) FROM stat_person_bits", Integer.class);
    }
}
