package org.lujing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.lujing.LujingApplication;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.ledger.StatisticsRollup;
import org.lujing.source.AgencyDirectory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a fresh embedded home with an N-record ledger for 2025 (default 1,000,000) the way ReportWorkbookBenchmark
 * does (plain JDBC batches), leaves about 1% of the records pending identification and 0.5% merged, then computes
 * the statistics rollups with {@link StatisticsRollup#rebuild()}. The home is kept for bench/stats.sh, which then
 * times the {@code stats} command against it in fresh JVMs. With {@code measure P...} after the home, it instead
 * boots once on that home and times {@link StatisticsQuery#compute} itself five times per period (no start-up in the
 * figure), printing the peak heap.
 */
public final class StatisticsBenchmark {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path home =
                Path.of(args.length > 1 ? args[1] : "target/bench/stats-home").toAbsolutePath();
        Files.createDirectories(home);
        if (args.length > 2 && args[2].equals("measure")) {
            measure(home, java.util.Arrays.copyOfRange(args, 3, args.length));
            return;
        }
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ctx =
                app.run("--lujing.home=" + home, "--camel.main.auto-startup=false", "--logging.level.root=WARN")) {
            long t = System.nanoTime();
            DataSource dataSource = ctx.getBean(DataSource.class);
            ReportWorkbookBenchmark.fill(
                    dataSource, records, ReportWorkbookBenchmark.agencyNames(Path.of("jobs/agencies.yaml")));
            JdbcTemplate sql = new JdbcTemplate(dataSource);
            // one record in PENDING_EVERY (default 100) waits for its person; 1 is a year loaded before its roster
            int every = Integer.parseInt(System.getenv().getOrDefault("PENDING_EVERY", "100"));
            int pending = sql.update(
                    "UPDATE support_record SET subject_id = NULL, match_method = NULL WHERE MOD(id, ?) = 0", every);
            if ("distinct".equals(System.getenv("PENDING_KEYS"))) {
                // every pending record a key of its own (a stranger each): the most keys a period can hold
                long max = sql.queryForObject("SELECT MAX(id) FROM support_record", Long.class);
                for (long from = 0; from <= max; from += 10_000) {
                    List<Object[]> keys = new java.util.ArrayList<>();
                    for (long id = from; id < from + 10_000 && id <= max; id++) {
                        long h = id * 0x9E3779B97F4A7C15L;
                        keys.add(new Object[] {String.format("%016x", h).repeat(4), id, every});
                    }
                    sql.batchUpdate("UPDATE support_record SET subject_key = ? WHERE id = ? AND MOD(id, ?) = 0", keys);
                }
            }
            int merged = sql.update("UPDATE support_record SET merged_into = id - 1 WHERE MOD(id, 200) = 1 AND id > 1");
            System.out.printf(
                    "ledger: %,d records inserted (%,d pending, %,d merged) in %.1f s%n",
                    records, pending, merged, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            ctx.getBean(StatisticsRollup.class).rebuild();
            System.out.printf(
                    "rollups rebuilt in %.1f s: %,d stat_day, %,d stat_event, %,d stat_subject_month rows%n",
                    (System.nanoTime() - t) / 1e9,
                    count(sql, "stat_day"),
                    count(sql, "stat_event"),
                    count(sql, "stat_subject_month"));
            sql.execute("CHECKPOINT");
        }
    }

    static void measure(Path home, String[] periods) throws Exception {
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ctx =
                app.run("--lujing.home=" + home, "--camel.main.auto-startup=false", "--logging.level.root=WARN")) {
            StatisticsQuery query = ctx.getBean(StatisticsQuery.class);
            AgencyDirectory agencies = ctx.getBean(AgencyDirectory.class);
            LargeXlsxIngestBenchmark.HeapWatch heap = LargeXlsxIngestBenchmark.HeapWatch.start();
            for (String label : periods) {
                Period period = Period.parse(label);
                double[] ms = new double[5];
                Statistics s = null;
                for (int i = 0; i < ms.length; i++) {
                    long t = System.nanoTime();
                    s = query.compute(period, agencies::isPartner);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                double[] sorted = ms.clone();
                java.util.Arrays.sort(sorted);
                long records = s.byCategory().values().stream()
                        .mapToLong(Statistics.Figures::records)
                        .sum();
                System.out.printf(
                        "in-process StatisticsQuery.compute(%s): %s ms, median %.0f ms (%,d records, %,d pending)%n",
                        label,
                        java.util.Arrays.toString(java.util.Arrays.stream(ms)
                                .mapToLong(Math::round)
                                .toArray()),
                        sorted[2],
                        records,
                        s.pendingRecords());
            }
            System.out.printf(
                    "in-process: peak heap %.0f MiB in use, %.0f MiB left after a collection, of max %.0f MiB%n",
                    heap.peakInUse() / 1048576.0,
                    heap.peakAfterGc() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
        }
    }

    private static long count(JdbcTemplate sql, String table) {
        return sql.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
