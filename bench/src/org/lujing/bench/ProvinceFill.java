package org.lujing.bench;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.lujing.LujingApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/province.sh's set-up: boots Lujing on the home and database its environment names (PostgreSQL through
 * SPRING_PROFILES_ACTIVE and SPRING_DATASOURCE_*), fills a ledger of N records of P people over 2025 with plain
 * JDBC batches (ReportWorkbookBenchmark's generator: every record its own identity, one in 67 left pending under
 * an identity of its own, the rest on the roster; everyone under supervision since 2024-06-01), rebuilds the
 * statistics rollups from it (set-based SQL) and analyzes the tables, printing how long each took.
 * Arguments: records people home.
 */
public final class ProvinceFill {

    /** The rollups from the raw ledger in four statements (V10__statistics_rollup.sql's). */
    private static final String[] ROLLUPS = {"""
        INSERT INTO stat_day (activity_date, category, agency, records, quantity, events)
          SELECT activity_date, category, agency, COUNT(*), SUM(quantity), 0
          FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL
          GROUP BY activity_date, category, agency""", """
        INSERT INTO stat_event (activity_date, category, agency, activity_name_key, records)
          SELECT activity_date, category, agency, activity_name_key, COUNT(*) FROM (
            SELECT activity_date, category, agency, COALESCE(activity_name, '') AS activity_name_key
            FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL) r
          GROUP BY activity_date, category, agency, activity_name_key""", """
        UPDATE stat_day SET events = (
          SELECT COUNT(*) FROM stat_event e
          WHERE e.activity_date = stat_day.activity_date AND e.category = stat_day.category
            AND e.agency = stat_day.agency)""", """
        INSERT INTO stat_subject_month (month, category, subject_id, records)
          SELECT month, category, subject_id, COUNT(*) FROM (
            SELECT CAST(EXTRACT(YEAR FROM activity_date) * 100 + EXTRACT(MONTH FROM activity_date) AS INTEGER)
                AS month, category, subject_id
            FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL) r
          GROUP BY month, category, subject_id"""};

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        int people = Integer.parseInt(args[1]);
        Path home = Path.of(args[2]).toAbsolutePath();
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ctx =
                app.run("--lujing.home=" + home, "--camel.main.auto-startup=false", "--logging.level.root=WARN")) {
            DataSource dataSource = ctx.getBean(DataSource.class);
            long t = System.nanoTime();
            ReportWorkbookBenchmark.fill(
                    dataSource, records, ReportWorkbookBenchmark.agencyNames(Path.of("jobs/agencies.yaml")), people);
            System.out.printf(
                    "set-up: %,d records of %,d people inserted in %.1f s%n",
                    records, people, (System.nanoTime() - t) / 1e9);
            JdbcTemplate sql = new JdbcTemplate(dataSource);
            // one record in 67 (about 1.5%) waits for its person under an identity of its own: one
            // UNMATCHED_SUBJECT finding each for the night's reconcile (about 150,000 at 10M records)
            t = System.nanoTime();
            int pending = sql.update("UPDATE support_record SET subject_id = NULL, match_method = NULL,"
                    + " subject_key = CONCAT('p', LPAD(CAST(id AS VARCHAR(20)), 63, '0')) WHERE MOD(id, 67) = 0");
            // everyone under supervision since mid-2024, so the supervision rules have people to look at
            sql.update("UPDATE subject SET supervision_start = DATE '2024-06-01'");
            System.out.printf(
                    "set-up: %,d records left pending, each its own identity, in %.1f s%n",
                    pending, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            // set-based, as the migration that introduced them does (StatisticsRollup.rebuild() goes a day at a time
            // through the application, minutes more at this size)
            sql.update("DELETE FROM stat_day");
            sql.update("DELETE FROM stat_event");
            sql.update("DELETE FROM stat_subject_month");
            sql.update("DELETE FROM stat_person_bits");
            for (String statement : ROLLUPS) {
                sql.update(statement);
            }
            // the persons' bit sets from stat_subject_month, as migration V21 does for an existing ledger
            ctx.getBean(org.lujing.ledger.StatisticsRollup.class).rebuildPersonBits();
            sql.execute("ANALYZE");
            System.out.printf(
                    "set-up: rollups rebuilt and tables analyzed in %.1f s (%,d stat_day, %,d stat_event,"
                            + " %,d stat_subject_month, %,d stat_person_bits rows)%n",
                    (System.nanoTime() - t) / 1e9,
                    sql.queryForObject("SELECT COUNT(*) FROM stat_day", Long.class),
                    sql.queryForObject("SELECT COUNT(*) FROM stat_event", Long.class),
                    sql.queryForObject("SELECT COUNT(*) FROM stat_subject_month", Long.class),
                    sql.queryForObject("SELECT COUNT(*) FROM stat_person_bits", Long.class));
        }
    }
}
