package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An existing ledger gets its rollups from the V10 migration and its persons' bit sets from V21, and they are the
 * rollups {@link StatisticsRollup#rebuild} computes month by month; the statistics read from them are the raw recount's.
 */
class StatisticsRollupMigrationTests {

    static final String[] CATEGORIES = {"PUBLIC_WELFARE", "JOB_FAIR", "EMPLOYMENT", "MATERIALS", "MICRO_LESSON"};
    static final String[] AGENCIES = {"湖南工商大学", "长沙人才市场", "麓景社区居委会"};
    static final String[] NAMES = {null, "春风送岗", "普法讲堂", "微课一"};

    @Test
    void anExistingLedgerGetsTheRollupsARebuildGives() {
        // given a ledger written before the rollups existed
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:mem:rollup-migration;hsqldb.tx=mvcc");
        ds.setUser("SA");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/hsqldb")
                .target("8")
                .load()
                .migrate();
        JdbcTemplate sql = new JdbcTemplate(ds);
        Timestamp now = Timestamp.from(Instant.now());
        for (int s = 1; s <= 40; s++) {
            sql.update("""
                            INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, first_file_id, last_file_id,
                              created_at, updated_at) VALUES (?, 'x', 'x', 'x', 1, 1, ?, ?)""", "idx" + s, now, now);
        }
        Random random = new Random(7);
        int n = 3000;
        for (int i = 1; i <= n; i++) {
            LocalDate date = LocalDate.parse("2024-12-01").plusDays(random.nextInt(420));
            Long subject = random.nextInt(10) == 0 ? null : (long) (1 + random.nextInt(40));
            sql.update(
                    """
                            INSERT INTO support_record (id, subject_key, subject_id, category, activity_date, agency,
                              activity_name, quantity, first_file_id, created_at, merged_into)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""",
                    i,
                    "key" + i,
                    subject,
                    CATEGORIES[random.nextInt(CATEGORIES.length)],
                    Date.valueOf(date),
                    AGENCIES[random.nextInt(AGENCIES.length)],
                    NAMES[random.nextInt(NAMES.length)],
                    BigDecimal.valueOf(random.nextInt(300), 2),
                    now,
                    random.nextInt(15) == 0 && i > 1 ? (Object) (long) (i - 1) : null);
        }

        // when the ledger is migrated (V21, the persons' bit sets, is a Java migration Spring Boot hands to Flyway)
        PersonBitsTests.migrate(ds);
        JdbcClient jdbc = JdbcClient.create(ds);
        List<List<Map<String, Object>>> migrated = rollups(jdbc);

        // then its rollups are a month-by-month rebuild's, and the statistics are the raw recount's
        assertThat(migrated).allSatisfy(rows -> assertThat(rows).hasSizeGreaterThan(10));
        assertThat(PersonBitsRows.stored(jdbc)).isEqualTo(PersonBitsRows.expected(jdbc));
        new StatisticsRollup(new org.springframework.jdbc.core.JdbcTemplate(ds)).rebuild();
        assertThat(rollups(jdbc)).isEqualTo(migrated);
        StatisticsQuery query = new StatisticsQuery(jdbc, new PendingFigures(jdbc, false));
        LedgerRecount recount = new LedgerRecount(jdbc);
        List<Period> periods = new java.util.ArrayList<>(StatisticsAgreementIntegrationTests.random(new Random(3), 40));
        periods.addAll(List.of(Period.parse("2025"), Period.parse("2025-Q2"), Period.parse("2025-02")));
        for (Period p : periods) {
            Statistics expected = recount.compute(p, a -> !a.contains("社区"));
            assertThat(query.compute(p, a -> !a.contains("社区"))).as(p.label()).isEqualTo(expected);
        }
        assertThat(recount.compute(Period.parse("2025"), a -> true)
                        .figures(Category.PUBLIC_WELFARE)
                        .records())
                .isGreaterThan(100);
    }

    private static List<List<Map<String, Object>>> rollups(JdbcClient jdbc) {
        return RollupRows.all(jdbc);
    }
}
