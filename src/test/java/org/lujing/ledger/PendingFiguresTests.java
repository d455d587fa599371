package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pending line of the statistics, its keys gathered in one read or, past the records that read may hold, counted
 * a range of keys at a time, is the count of the whole period: each key is counted once, in its range, whatever the
 * period and however many ranges.
 */
class PendingFiguresTests {

    @Test
    void keysCountedARangeAtATimeAreTheKeysOfThePeriod() {
        // given a ledger of 4,000 records over 14 months: a third pending (keys spread over every prefix, many with
        // several records), some merged, the rest people's
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:mem:pending-figures;hsqldb.tx=mvcc");
        ds.setUser("SA");
        PersonBitsTests.migrate(ds);
        JdbcTemplate sql = new JdbcTemplate(ds);
        Timestamp now = Timestamp.from(Instant.now());
        sql.update("""
                INSERT INTO subject (id, id_number_idx, id_number_enc, id_masked, name, first_file_id, last_file_id,
                  created_at, updated_at) VALUES (1, 'idx', 'x', 'x', 'x', 1, 1, ?, ?)""", now, now);
        Random random = new Random(11);
        for (int i = 1; i <= 4_000; i++) {
            boolean pending = random.nextInt(3) == 0;
            int k = random.nextInt(900);
            String key = String.format("%02x%062x", (k * 37) % 256, k);
            sql.update(
                    """
                            INSERT INTO support_record (id, subject_key, subject_id, category, activity_date, agency,
                              quantity, first_file_id, created_at, merged_into) VALUES (?, ?, ?, 'JOB_FAIR', ?, ?, 1, 1, ?, ?)""",
                    i,
                    key,
                    pending ? null : 1L,
                    Date.valueOf(LocalDate.parse("2024-12-01").plusDays(random.nextInt(420))),
                    "单位" + i,
                    now,
                    random.nextInt(12) == 0 && i > 1 ? (Object) (long) (i - 1) : null);
        }
        JdbcClient jdbc = JdbcClient.create(ds);
        PendingFigures figures = new PendingFigures(jdbc, false);

        for (String label : List.of("2025", "2025-Q2", "2025-06", "2025-02-10..2025-11-20", "2024-12", "1990")) {
            Period p = Period.parse(label);
            // when the keys are gathered in one read, and when more than 5 records turn the count to ranges of 7
            PendingFigures.Pending whole = figures.of(p.from(), p.to(), Integer.MAX_VALUE, 7);
            PendingFigures.Pending ranged = figures.of(p.from(), p.to(), 5, 7);

            // then both are the ledger's own count
            PendingFigures.Pending counted = jdbc.sql("""
                            SELECT COUNT(*), COUNT(DISTINCT subject_key) FROM support_record
                            WHERE subject_id IS NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?""")
                    .params(p.from(), p.to())
                    .query((rs, n) -> new PendingFigures.Pending(rs.getLong(1), rs.getLong(2)))
                    .single();
            assertThat(whole).as(label).isEqualTo(counted);
            assertThat(ranged).as(label).isEqualTo(counted);
        }
        PendingFigures.Pending year = figures.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"), 5, 7);
        assertThat(year.keys()).as("keys with several records count once").isBetween(100L, year.records() - 1);
    }
}
