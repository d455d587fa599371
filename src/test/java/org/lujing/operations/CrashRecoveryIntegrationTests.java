package org.lujing.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.LujingApplication;
import org.lujing.TestHomes;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A separate JVM ingesting a large file is killed with SIGKILL while it publishes the file into the ledger; at the
 * next start the execution it left STARTED is marked FAILED, and its restart resumes after the last committed
 * slice: the ledger holds each record exactly once and the file's accounting balances.
 */
public class CrashRecoveryIntegrationTests {

    public static final int ROWS = 40_000;
    static final int PEOPLE = 2_000;

    @Test
    void anIngestKilledMidJobIsRecoveredAndRestartedWithoutDuplicates() throws Exception {
        Path home = TestHomes.fresh("kill");
        Path csv = bigLedger(home.resolve("big-ledger.csv"));
        Path log = home.resolve("child.log");

        // given an ingest running in another JVM
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        // slices small enough that the kill lands between two of them
                        "-Dlujing.ingest.publish-slice-rows=4000",
                        "-Dlujing.ingest.chunk-size=2000",
                        "-cp",
                        System.getProperty("java.class.path"),
                        org.lujing.cli.LujingCommand.class.getName(),
                        "ingest",
                        "--home",
                        home.toString(),
                        "--source",
                        "community",
                        "-v",
                        csv.toString())
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> Files.readString(log).contains("published rows 4001–8000"));
            // a slice is logged before its commit; at the second one the first is surely in: kill it outright
            assertThat(child.isAlive())
                    .as("still loading when killed (see %s)", log)
                    .isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }

        // when the application starts again
        // (HSQLDB takes the killed process's lock file for a live one until its heartbeat has gone stale: wait for it)
        try (ConfigurableApplicationContext app = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(
                        () -> new SpringApplicationBuilder(LujingApplication.class)
                                .web(WebApplicationType.NONE)
                                .run("--lujing.home=" + home, "--camel.main.auto-startup=false"),
                        java.util.Objects::nonNull)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            JobQueries jobs = app.getBean(JobQueries.class);
            JobControl control = app.getBean(JobControl.class);

            // then the killed execution is FAILED, and the file shows what had been committed
            List<JobQueries.Execution> failed = new java.util.ArrayList<>();
            jobs.newestFirst("FAILED").forEach(failed::add);
            assertThat(failed).singleElement().satisfies(e -> {
                assertThat(e.jobName()).isEqualTo("fileIngestJob");
                // and says why, where Spring Batch's recovery leaves nothing ("failed without a message")
                assertThat(e.exitMessage()).contains("运行它的进程已中止").contains("the process running it stopped");
                // with the exit code of a failure, not the dead run's UNKNOWN (退出码 未知 beside 失败)
                assertThat(e.exitCode()).isEqualTo("FAILED");
            });
            var before = jdbc.sql("SELECT rows_read, accepted, outcome FROM ingest_file")
                    .query()
                    .singleRow();
            int committed = ((Number) value(before, "rows_read")).intValue();
            assertThat(committed).as("killed mid-publication").isBetween(1, ROWS - 1);
            assertThat(value(before, "outcome")).isEqualTo("IN_PROGRESS");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                            .query(Long.class)
                            .single())
                    .isEqualTo(committed);

            // and the file is listed as interrupted, with the execution to restart (files says so without serve)
            var registry = app.getBean(org.lujing.ingest.FileRegistry.class);
            assertThat(registry.interrupted()).singleElement().satisfies(i -> {
                assertThat(i.executionId()).isEqualTo(failed.get(0).id());
                assertThat(i.status()).isEqualTo("FAILED");
            });

            // and its restart finishes the file without a record twice
            var restarted = control.restart(failed.get(0).id());
            assertThat(registry.interrupted()).isEmpty();
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            var after = jdbc.sql("SELECT rows_read, accepted, merged, rejected, skipped, outcome FROM ingest_file")
                    .query()
                    .singleRow();
            assertThat(((Number) value(after, "rows_read")).intValue()).isEqualTo(ROWS);
            assertThat(((Number) value(after, "accepted")).intValue()).isEqualTo(ROWS);
            assertThat(((Number) value(after, "merged")).intValue()).isZero();
            assertThat(value(after, "outcome")).isEqualTo("LOADED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                            .query(Long.class)
                            .single())
                    .isEqualTo(ROWS);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source")
                            .query(Long.class)
                            .single())
                    .isEqualTo(ROWS);
            assertThat(jdbc.sql("""
                            SELECT COUNT(*) FROM (SELECT file_id, sheet, row_no FROM record_source
                            GROUP BY file_id, sheet, row_no HAVING COUNT(*) > 1) d""").query(Long.class).single()).isZero();
        }
    }

    /** ROWS distinct records: person i % PEOPLE on day i / PEOPLE of 2025, with valid check digits. */
    public static Path bigLedger(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("日期,姓名,身份证号,活动类型,合作单位\n");
            for (int i = 0; i < ROWS; i++) {
                int person = i % PEOPLE;
                String first17 = "4301041980" + String.format("%02d%02d", 1 + person % 12, 1 + person % 28)
                        + String.format("%03d", person % 1000);
                String id = first17 + check(first17);
                String name = "对象" + person + (person >= 1000 ? "乙" : "甲");
                w.write(LocalDate.of(2025, 1, 1).plusDays(i / PEOPLE) + "," + name + "," + id + ",公益活动,湘江英烈纪念馆\n");
            }
        }
        return file;
    }

    public static char check(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static Object value(java.util.Map<String, Object> row, String key) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
