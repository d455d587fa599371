package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lujing.LujingApplication;
import org.lujing.TestHomes;
import org.lujing.operations.CrashRecoveryIntegrationTests;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code serve} is killed with SIGKILL while its inbox route ingests a file — while staging the rows, while
 * publishing them into the ledger, while closing the file — and started again. The file waiting in the inbox is
 * then finished under its own entry and claim: exactly one LOADED entry for its SHA-256, one provenance row per
 * row read, every record once, its header row kept once, no entry left IN_PROGRESS, no run left for an operator to restart, and no staging
 * file left behind.
 */
class InboxIngestKillIntegrationTests {

    static final int ROWS = CrashRecoveryIntegrationTests.ROWS;

    enum Phase {
        STAGING("rows staged ("),
        PUBLISHING("published rows 1–"),
        COMPLETING("all rows published; matching pending records");

        final String marker;

        Phase(String marker) {
            this.marker = marker;
        }
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void serveKilledMidIngestFinishesTheFileOnceWhenItStartsAgain(Phase phase) throws Exception {
        Path home = TestHomes.fresh("inbox-kill-" + phase.name().toLowerCase());
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        String sha256 = FileInspectionTasklet.sha256(csv);
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));

        // given serve ingesting a file dropped into its inbox
        Path firstLog = home.resolve("serve-1.log");
        Process first = serve(home, firstLog);
        try {
            dropAndAwait(first, firstLog, csv, inbox, phase.marker);
        } finally {
            // when it is killed outright in that phase
            first.destroyForcibly().waitFor();
        }

        // and started again
        Path secondLog = home.resolve("serve-2.log");
        Process second = serve(home, secondLog);
        try {
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(second.isAlive())
                                .as("serve died, see %s", secondLog)
                                .isTrue();
                        return Files.readString(secondLog).contains("inbox: community/") && isEmpty(inbox);
                    });
        } finally {
            second.destroy();
            second.waitFor();
        }

        // then the file was loaded exactly once, finished under its own claim
        assertLoadedOnce(home, sha256);
    }

    /**
     * {@code serve} stopped as systemd stops it (SIGTERM) while it stages or publishes an inbox file: its job stops in
     * order at the next slice (a staging is waited out, as a stop would break Spring Batch 6's chunk-oriented step) — STOPPED, not left running, with no error and no stack trace in its log, its claim released —
     * and the next {@code serve} finishes the file from there by itself.
     */
    @ParameterizedTest
    @EnumSource(
            value = Phase.class,
            names = {"STAGING", "PUBLISHING"})
    void serveStoppedWithSigtermMidIngestStopsItsJobInOrderAndFinishesItNextTime(Phase phase) throws Exception {
        Path home = TestHomes.fresh("inbox-term-" + phase.name().toLowerCase());
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        String sha256 = FileInspectionTasklet.sha256(csv);
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));

        // given serve publishing a file dropped into its inbox
        Path firstLog = home.resolve("serve-1.log");
        Process first = serve(home, firstLog);
        try {
            dropAndAwait(first, firstLog, csv, inbox, phase.marker);
        } finally {
            // when it is asked to stop (Process.destroy: SIGTERM)
            first.destroy();
            assertThat(first.waitFor(90, java.util.concurrent.TimeUnit.SECONDS))
                    .as("serve stopped within systemd's 90 s")
                    .isTrue();
        }

        // then it stopped its job in order: said so, without an error or a stack trace
        String said = Files.readString(firstLog);
        assertThat(said).contains("已停下：任务执行").doesNotContain(" ERROR ").doesNotContain("unknown state");
        assertThat(said.lines().filter(l -> l.startsWith("\tat ")).count())
                .as("stack trace lines")
                .isZero();
        try (ConfigurableApplicationContext app = open(home)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT status FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                                    + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'fileIngestJob'")
                            .query(String.class)
                            .list())
                    .containsExactly("STOPPED");
            assertThat(count(jdbc, "SELECT COUNT(*) FROM file_claim WHERE node_id IS NOT NULL"))
                    .as("claims still held")
                    .isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM ingest_file WHERE outcome = 'IN_PROGRESS'"))
                    .isEqualTo(1);
        }

        // and started again, serve finishes the file from where it stopped, once
        Path secondLog = home.resolve("serve-2.log");
        Process second = serve(home, secondLog);
        try {
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(second.isAlive())
                                .as("serve died, see %s", secondLog)
                                .isTrue();
                        String log = Files.readString(secondLog);
                        return (log.contains("interrupted ingest finished: LOADED")
                                        || log.contains("inbox: community/"))
                                && isEmpty(inbox);
                    });
        } finally {
            second.destroy();
            second.waitFor();
        }
        assertLoadedOnce(home, sha256);
    }

    /**
     * {@code serve} killed with SIGKILL while the night its schedule began ingests the inbox: started again, it goes on
     * with that night from its step by itself — the step's run restarted, the steps after it run — and the file is
     * loaded once. Before, the night's step stayed {@code RUNNING} for good and the night waited for an operator.
     */
    @org.junit.jupiter.api.Test
    void serveKilledInTheMiddleOfItsNightGoesOnWithTheNightWhenItStartsAgain() throws Exception {
        Path home = TestHomes.fresh("night-kill");
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        String sha256 = FileInspectionTasklet.sha256(csv);
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        Files.copy(csv, inbox.resolve("2025年台账.csv"));
        Path jobs = Files.createDirectories(home.resolve("jobs/sources"));
        try (Stream<Path> sources = Files.list(Path.of("jobs/sources"))) {
            for (Path f : sources.toList()) {
                Files.copy(f, jobs.resolve(f.getFileName()));
            }
        }
        Files.copy(Path.of("jobs/agencies.yaml"), home.resolve("jobs/agencies.yaml"));
        Files.writeString(home.resolve("jobs/nightly.yaml"), """
                cron: "0 0 2 * * ?"
                zone: Asia/Shanghai
                steps: [ingest-inbox, rematch, reports]
                """);
        // the night's step takes the inbox, with no route of serve's to take it first; its trigger is stored to fire
        // in a moment, which passes before serve starts: serve then fires it at once (as after a night the machine
        // was off)
        String[] settings = {
            "--lujing.jobs-dir=" + home.resolve("jobs"),
            "--lujing.routes-dir=" + Files.createDirectories(home.resolve("no-routes")),
            "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000"
        };
        java.time.ZonedDateTime fire;
        String cron;
        try (ConfigurableApplicationContext app = open(home, settings)) {
            fire = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                    .plusSeconds(2);
            cron = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " * * ?";
            app.getBean(org.quartz.Scheduler.class)
                    .rescheduleJob(
                            org.quartz.TriggerKey.triggerKey("nightly-chain-cron"),
                            org.quartz.TriggerBuilder.newTrigger()
                                    .forJob("nightly-chain")
                                    .withIdentity("nightly-chain-cron")
                                    .withSchedule(org.quartz.CronScheduleBuilder.cronSchedule(cron)
                                            .inTimeZone(java.util.TimeZone.getTimeZone("Asia/Shanghai"))
                                            .withMisfireHandlingInstructionFireAndProceed())
                                    .build());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> java.time.ZonedDateTime.now(fire.getZone()).isAfter(fire.plusSeconds(2)));
        java.time.LocalDate date = fire.toLocalDate().minusDays(1);
        String[] night = Stream.concat(Stream.of(settings), Stream.of("--lujing.nightly.cron=" + cron))
                .map(a -> "-D" + a.substring(2))
                .toArray(String[]::new);

        // given serve's night ingesting the file
        Path firstLog = home.resolve("serve-1.log");
        Process first = serve(home, firstLog, night);
        try {
            awaitLog(first, firstLog, "nightly chain for " + date);
            awaitLog(first, firstLog, Phase.STAGING.marker);
        } finally {
            // when it is killed outright
            first.destroyForcibly().waitFor();
        }

        // and started again (its fire time is past: the schedule would not run the night again)
        Path secondLog = home.resolve("serve-2.log");
        Process second = serve(home, secondLog, night);
        try {
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(second.isAlive())
                                .as("serve died, see %s", secondLog)
                                .isTrue();
                        return Files.readString(secondLog).contains("nightly chain for " + date + " completed");
                    });
        } finally {
            second.destroy();
            second.waitFor();
        }

        // then the night went on in the same attempt and completed every step, and the file was loaded once
        try (ConfigurableApplicationContext app = open(home)) {
            List<Map<String, Object>> steps =
                    app.getBean(org.lujing.schedule.NightlyChain.class).history(date);
            assertThat(steps)
                    .extracting(r -> value(r, "step"), r -> value(r, "attempt"), r -> value(r, "status"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ingest-inbox", 1, "COMPLETED"),
                            org.assertj.core.groups.Tuple.tuple("rematch", 1, "COMPLETED"),
                            org.assertj.core.groups.Tuple.tuple("reports", 1, "COMPLETED"));
        }
        assertThat(Files.readString(secondLog)).contains("going on with it");
        assertLoadedOnce(home, sha256);
        assertThat(isEmpty(inbox)).isTrue();
    }

    /** Exactly one LOADED entry for the content, every row once, nothing left unfinished or for an operator. */
    private static void assertLoadedOnce(Path home, String sha256) throws Exception {
        try (ConfigurableApplicationContext app = open(home)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            List<Map<String, Object>> entries = jdbc.sql(
                            "SELECT id, outcome, rows_read, accepted, merged, rejected, skipped, duplicate_of"
                                    + " FROM ingest_file WHERE sha256 = ? ORDER BY id")
                    .param(sha256)
                    .query()
                    .listOfRows();
            List<Map<String, Object>> loaded = entries.stream()
                    .filter(e -> "LOADED".equals(value(e, "outcome")))
                    .toList();
            assertThat(loaded).as("LOADED entries for the file's SHA-256").hasSize(1);
            Map<String, Object> file = loaded.get(0);
            // a kill after the outcome was written but before the route took the file away makes the re-taken
            // file a duplicate of it: recorded, never loaded again
            assertThat(entries)
                    .filteredOn(e -> !"LOADED".equals(value(e, "outcome")))
                    .allSatisfy(e -> {
                        assertThat(value(e, "outcome")).isEqualTo("DUPLICATE_FILE");
                        assertThat(number(e, "duplicate_of")).isEqualTo(number(file, "id"));
                    });
            assertThat(number(file, "rows_read")).isEqualTo(ROWS);
            assertThat(number(file, "accepted")).isEqualTo(ROWS);
            assertThat(number(file, "merged") + number(file, "rejected") + number(file, "skipped"))
                    .isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM ingest_file WHERE outcome = 'IN_PROGRESS'"))
                    .isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM record_source WHERE file_id = " + number(file, "id")))
                    .as("provenance rows = rows read − skipped − rejected")
                    .isEqualTo(ROWS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM support_record")).isEqualTo(ROWS);
            // its one sheet's header row kept once, however often its staging was begun (duplicates never stage)
            assertThat(count(jdbc, "SELECT COUNT(*) FROM file_sheet_header")).isEqualTo(1);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM file_sheet_header WHERE file_id = " + number(file, "id")))
                    .isEqualTo(1);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM file_claim WHERE sha256 = '" + sha256 + "'"))
                    .isEqualTo(1);
            assertThat(count(jdbc, """
                            SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e WHERE e.STATUS <> 'COMPLETED'
                              AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x
                                                        WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)"""))
                    .as("job instances whose last run did not complete: left for an operator")
                    .isZero();
        }
        try (Stream<Path> staging = Files.list(Files.createDirectories(home.resolve("data/staging")))) {
            assertThat(staging).as("staging files left").isEmpty();
        }
    }

    private static Process serve(Path home, Path log, String... properties) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dserver.port=0",
                "-Dlujing.inbox.read-lock-min-age=200",
                "-Dlujing.inbox.poll-delay=300",
                "-Dlujing.ingest.chunk-size=2000",
                "-Dlujing.ingest.publish-slice-rows=4000",
                "-Dlogging.level.org.lujing.ingest.StagingFileWriter=DEBUG"));
        command.addAll(List.of(properties));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                org.lujing.cli.LujingCommand.class.getName(),
                "serve",
                "--home",
                home.toString()));
        return new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Once serve watches, drops the file into its inbox as a partner's copy lands (whole, at once); waits for marker. */
    private static void dropAndAwait(Process serve, Path log, Path csv, Path inbox, String marker) throws Exception {
        awaitLog(serve, log, "watching");
        Path hidden = Files.copy(csv, inbox.resolve(".ledger.csv.tmp"));
        Files.move(hidden, inbox.resolve("2025年台账.csv"), StandardCopyOption.ATOMIC_MOVE);
        awaitLog(serve, log, marker);
    }

    private static void awaitLog(Process process, Path log, String text) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(process.isAlive()).as("serve died, see %s", log).isTrue();
                    return Files.exists(log) && Files.readString(log).contains(text);
                });
    }

    private static ConfigurableApplicationContext open(Path home, String... properties) {
        // HSQLDB takes a killed process's lock file for a live one until its heartbeat is stale
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(
                        () -> new SpringApplicationBuilder(LujingApplication.class)
                                .web(WebApplicationType.NONE)
                                .run(Stream.concat(
                                                Stream.of("--lujing.home=" + home, "--camel.main.auto-startup=false"),
                                                Stream.of(properties))
                                        .toArray(String[]::new)),
                        Objects::nonNull);
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static long number(Map<String, Object> row, String key) {
        Object v = value(row, key);
        return v == null ? -1 : ((Number) v).longValue();
    }

    private static Object value(Map<String, Object> row, String key) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
