package org.lujing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.operations.CrashRecoveryIntegrationTests;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two {@code serve} nodes — two JVMs — on one embedded PostgreSQL 17, sharing one home and inbox, as several
 * machines share a database and a disk: every file is loaded exactly once whatever the two do at the same moment,
 * and what a node killed outright was doing is finished by the other without it ever coming back.
 */
public class TwoNodeIntegrationTests {

    static final EmbeddedPostgres POSTGRES = org.lujing.TestPostgres.start();
    static final AtomicInteger DATABASES = new AtomicInteger();
    // both nodes must hold the same key: each would otherwise create its own key file in the shared home
    static final String KEY;

    static {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        KEY = Base64.getEncoder().encodeToString(key);
    }

    final List<Process> nodes = new ArrayList<>();
    String database;
    JdbcClient jdbc;

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        database = "two_nodes_" + DATABASES.incrementAndGet();
        try (Connection c = POSTGRES.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        DataSource ds = POSTGRES.getDatabase("postgres", database);
        jdbc = JdbcClient.create(ds);
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process p : nodes) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void twoHundredFilesDroppedAtOnceAreEachLoadedOnceAndACommandLeavesTheScheduleAlone() throws Exception {
        Path home = TestHomes.fresh("two-nodes-200");
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process nodeA = node(home, "node-a", a);
        awaitLog(nodeA, a, "watching");
        Process nodeB = node(home, "node-b", b);
        awaitLog(nodeB, b, "watching");
        String storedCron = storedCron();

        // given 200 small files, 5 records each, all written elsewhere and moved into the inbox at once — three
        // waves of them, one after the other has settled, so a race that loses a file now and then shows
        int perWave = 200;
        int waves = 3;
        int files = perWave * waves;
        int rows = 5;
        Path staging = Files.createDirectories(home.resolve("staging"));
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        for (int wave = 0; wave < waves; wave++) {
            List<Path> ready = new ArrayList<>();
            for (int f = wave * perWave; f < (wave + 1) * perWave; f++) {
                ready.add(smallLedger(staging.resolve("f" + f + ".csv"), f, rows));
            }
            for (Path f : ready) {
                Files.move(f, inbox.resolve("2025年台账-" + f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }

            // when both nodes take them in
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(nodeA.isAlive()).as("node a died, see %s", a).isTrue();
                        assertThat(nodeB.isAlive()).as("node b died, see %s", b).isTrue();
                        return isEmpty(inbox)
                                && count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'IN_PROGRESS'") == 0;
                    });

            // then each file of every wave so far was loaded exactly once, by one node or the other
            long sofar = (long) (wave + 1) * perWave;
            assertThat(count("SELECT COUNT(*) FROM ingest_file"))
                    .as("files after wave %d", wave + 1)
                    .isEqualTo(sofar);
            assertThat(count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'"))
                    .as("loaded after wave %d", wave + 1)
                    .isEqualTo(sofar);
            assertThat(count("SELECT COUNT(DISTINCT sha256) FROM ingest_file")).isEqualTo(sofar);
            assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(sofar * rows);
            assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(sofar * rows);
        }

        // and nothing was parked, repeated or left claimed
        assertThat(count("SELECT COUNT(*) FROM inbox_claim"))
                .as("inbox claims left")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM file_claim WHERE node_id IS NOT NULL"))
                .as("content claims still held")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM batch_job_execution WHERE status <> 'COMPLETED'"))
                .isZero();
        assertThat(count("SELECT COUNT(DISTINCT node_id) FROM job_node"))
                .as("both nodes ingested")
                .isEqualTo(2);
        assertThat(home.resolve("inbox/community/.failed")).doesNotExist();
        try (Stream<Path> archived = Files.walk(home.resolve("archive"))) {
            assertThat(archived.filter(Files::isRegularFile))
                    .as("archive copies")
                    .hasSize(files);
        }
        assertThat(Files.readString(a) + Files.readString(b))
                .doesNotContain("could not serialize")
                .doesNotContain("orphaned lock");

        // and a command given another cron (through --name=value) reads the statistics and leaves the schedule alone
        CommandRun stats = command(
                home, "stats", "--period", "2025-01-01..2026-12-31", "--json", "--lujing.nightly.cron=0 0 5 * * ?");
        assertThat(stats.exit()).as(stats.output()).isZero();
        // no roster was loaded: every record waits for its person, none counted twice (file n is dated 2025-01-01 + n)
        assertThat(stats.output()).contains("\"pendingRecords\":" + files * rows);
        assertThat(storedCron()).isEqualTo(storedCron).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void aNodeKilledMidIngestAndNeverRestartedHasItsFileFinishedOnceByTheOther() throws Exception {
        Path home = TestHomes.fresh("two-nodes-kill");
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process nodeA = node(home, "node-a", a);
        awaitLog(nodeA, a, "watching");
        Process nodeB = node(home, "node-b", b);
        awaitLog(nodeB, b, "watching");

        // given one of them staging a big file
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        Files.move(Files.copy(csv, home.resolve("ledger.tmp")), inbox.resolve("2025年台账.csv"));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(a).contains("rows staged (")
                        || Files.readString(b).contains("rows staged ("));
        boolean aLoads = Files.readString(a).contains("rows staged (");
        Process loading = aLoads ? nodeA : nodeB;
        Process other = aLoads ? nodeB : nodeA;
        Path otherLog = aLoads ? b : a;

        // when that node is killed outright, and never started again
        long killedAt = System.nanoTime();
        loading.destroyForcibly().waitFor();

        // then the other finishes the file within recover-after (10 s) and a few polls, once
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(other.isAlive())
                            .as("surviving node died, see %s", otherLog)
                            .isTrue();
                    return isEmpty(inbox) && count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'") == 1;
                });
        long tookOverIn = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
        assertThat(tookOverIn).as("seconds from the kill to the file loaded").isLessThan(90);
        int rows = CrashRecoveryIntegrationTests.ROWS;
        assertThat(count("SELECT COUNT(*) FROM ingest_file")).as("entries").isEqualTo(1);
        assertThat(count("SELECT rows_read FROM ingest_file")).isEqualTo(rows);
        assertThat(count("SELECT accepted FROM ingest_file")).isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM record_source"))
                .as("provenance rows")
                .isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(rows);
        assertThat(count("""
                        SELECT COUNT(*) FROM batch_job_execution e WHERE e.status <> 'COMPLETED'
                          AND e.job_execution_id = (SELECT MAX(x.job_execution_id) FROM batch_job_execution x
                                                    WHERE x.job_instance_id = e.job_instance_id)"""))
                .as("job instances whose last run did not complete")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED')"))
                .isZero();
        try (Stream<Path> archived = Files.walk(home.resolve("archive"))) {
            assertThat(archived.filter(Files::isRegularFile))
                    .as("archive copies")
                    .hasSize(1);
        }
        System.out.println("two nodes: file finished by the surviving node " + tookOverIn + " s after the kill");
    }

    @Test
    void aNodeKilledMidIngestStartsAgainUnderItsNameAndFinishesTheFileAtOnce() throws Exception {
        // given a node with a name of its own (as a systemd unit sets it) and the default half hour before a silent
        // node is taken for dead
        Path home = TestHomes.fresh("node-name-kill");
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        Path firstLog = home.resolve("node-a-1.log");
        Process first = node(home, "node-a", firstLog, "-Dlujing.jobs.recover-after=30m");
        awaitLog(first, firstLog, "watching");

        // and, while it runs, a second process given the same name, and a command whose environment names it too
        Path twinLog = home.resolve("node-a-twin.log");
        Process twin = node(home, "node-a", twinLog, "-Dlujing.jobs.recover-after=30m");
        assertThat(twin.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(twin.exitValue()).isEqualTo(1);
        assertThat(Files.readString(twinLog))
                .contains("节点名 node-a 已被另一个正在运行的进程使用")
                .contains("每个节点要有自己的 lujing.node.id")
                .doesNotContain("duplicate key");
        Path commandOut = home.resolve("command.out");
        Process command = new ProcessBuilder(
                        java(List.of("-Dlujing.node.id=node-a"), "sources", "--json", "--home", home.toString()))
                .redirectErrorStream(true)
                .redirectOutput(commandOut.toFile())
                .start();
        nodes.add(command);
        assertThat(command.waitFor()).as(Files.readString(commandOut)).isZero();
        assertThat(first.isAlive()).as("the running node is left alone").isTrue();
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        Files.move(Files.copy(csv, home.resolve("ledger.tmp")), inbox.resolve("2025年台账.csv"));
        awaitLog(first, firstLog, "rows staged (");

        // when the node is killed outright while it stages a big file, and started again under its name at once
        first.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        Path secondLog = home.resolve("node-a-2.log");
        Process second = node(home, "node-a", secondLog, "-Dlujing.jobs.recover-after=30m");
        awaitLog(second, secondLog, "watching");

        // then it starts (it was refused with a duplicate key for as long as the dead process held anything), and
        // finishes the file itself within moments, not after recover-after: once, every row once
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(second.isAlive())
                            .as("restarted node died, see %s", secondLog)
                            .isTrue();
                    return isEmpty(inbox) && count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'") == 1;
                });
        long finishedIn = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
        assertThat(finishedIn).as("seconds from the kill to the file loaded").isLessThan(150);
        int rows = CrashRecoveryIntegrationTests.ROWS;
        assertThat(count("SELECT COUNT(*) FROM ingest_file")).as("entries").isEqualTo(1);
        assertThat(count("SELECT accepted FROM ingest_file")).isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM record_source"))
                .as("provenance rows")
                .isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(rows);
        assertThat(count("SELECT COUNT(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED')"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM lujing_node WHERE node_id = 'node-a'"))
                .isEqualTo(1);
        // the killed run says why it failed, as a run recovered at start does
        assertThat(jdbc.sql("SELECT exit_message FROM batch_job_execution WHERE status = 'FAILED'")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("运行它的进程已中止");
        assertThat(Files.readString(secondLog)).contains("ended without leaving");
        System.out.println("node name: file finished by the restarted node " + finishedIn + " s after the kill");
    }

    @Test
    void aNodeStartedWhileTheOtherLoadsAFileNeitherTakesNorUnlocksIt() throws Exception {
        Path home = TestHomes.fresh("two-nodes-start");
        Path csv = CrashRecoveryIntegrationTests.bigLedger(home.resolve("ledger.csv"));
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process nodeA = node(home, "node-a", a);
        awaitLog(nodeA, a, "watching");

        // given node a loading a big file
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        Files.move(Files.copy(csv, home.resolve("ledger.tmp")), inbox.resolve("2025年台账.csv"));
        awaitLog(nodeA, a, "rows staged (");

        // when node b starts meanwhile
        Process nodeB = node(home, "node-b", b);
        awaitLog(nodeB, b, "watching");

        // then the file is loaded once, by node a alone
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(nodeA.isAlive()).as("node a died, see %s", a).isTrue();
                    return isEmpty(inbox)
                            && count("SELECT COUNT(*) FROM ingest_file WHERE outcome <> 'IN_PROGRESS'") == 1;
                });
        assertThat(count("SELECT COUNT(*) FROM ingest_file")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(CrashRecoveryIntegrationTests.ROWS);
        assertThat(jdbc.sql("SELECT DISTINCT node_id FROM job_node")
                        .query(String.class)
                        .list())
                .containsExactly("node-a");
        assertThat(Files.readString(b)).doesNotContain("orphaned lock").doesNotContain("taking over");
    }

    @Test
    void twoFilesSharingRecordsPublishedAtOnceOnBothNodesBothLoadAndTheSharedRecordsAreMergedOnce() throws Exception {
        Path home = TestHomes.fresh("two-nodes-shared");
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process nodeA = node(home, "node-a", a);
        awaitLog(nodeA, a, "watching");
        Process nodeB = node(home, "node-b", b);
        awaitLog(nodeB, b, "watching");

        // given two different files that share every record but one, the second in reverse order: whatever the two
        // nodes' pace, their publications reach the same records at about the same moment somewhere in the middle
        int shared = CrashRecoveryIntegrationTests.ROWS;
        Path first = CrashRecoveryIntegrationTests.bigLedger(home.resolve("first.tmp"));
        Path second = CrashRecoveryIntegrationTests.bigLedger(home.resolve("second.tmp"));
        List<String> lines = new ArrayList<>(Files.readAllLines(second));
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        java.util.Collections.reverse(rows);
        rows.add(0, lines.get(1).replace("2025-01-01", "2025-12-31"));
        rows.add(0, lines.get(0));
        Files.write(second, rows);
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));

        // when both land at once, one node taking each
        Files.move(first, inbox.resolve("台账一.csv"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(second, inbox.resolve("台账二.csv"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(nodeA.isAlive()).as("node a died, see %s", a).isTrue();
                    assertThat(nodeB.isAlive()).as("node b died, see %s", b).isTrue();
                    return isEmpty(inbox)
                            && count("SELECT COUNT(*) FROM ingest_file WHERE outcome <> 'IN_PROGRESS'") == 2;
                });

        // then both loaded, and each shared record is in the ledger once
        assertThat(jdbc.sql("SELECT outcome FROM ingest_file")
                        .query(String.class)
                        .list())
                .containsOnly("LOADED");
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(shared + 1);
        assertThat(count("SELECT SUM(accepted) FROM ingest_file")).isEqualTo(shared + 1);
        assertThat(count("SELECT SUM(merged) FROM ingest_file")).isEqualTo(shared);
        assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(2L * shared + 1);
    }

    @Test
    void theNightFiresOnceAcrossTheTwoNodes() throws Exception {
        Path home = TestHomes.fresh("two-nodes-night");
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process nodeA = node(home, "node-a", a);
        awaitLog(nodeA, a, "watching");
        Process nodeB = node(home, "node-b", b);
        awaitLog(nodeB, b, "watching");

        // when the stored trigger comes due (moved to a few seconds from now; both schedulers read the store)
        jdbc.sql("UPDATE qrtz_triggers SET next_fire_time = ?")
                .param(System.currentTimeMillis() + 3000)
                .update();

        // then one node runs the chain, once
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        count("SELECT COUNT(*) FROM nightly_run WHERE step = 'reports' AND status = 'COMPLETED'") == 1);
        // both schedulers have looked again meanwhile (their idle wait is 30 s at most)
        Thread.sleep(35_000);
        assertThat(count("SELECT COUNT(DISTINCT run_date) FROM nightly_run")).isEqualTo(1);
        assertThat(count("SELECT MAX(attempt) FROM nightly_run")).as("attempts").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM nightly_run WHERE trigger_kind <> 'SCHEDULE'"))
                .isZero();
        assertThat(jdbc.sql("SELECT DISTINCT j.node_id FROM job_node j JOIN nightly_run n"
                                + " ON n.job_execution_id = j.job_execution_id")
                        .query(String.class)
                        .list())
                .as("the node that ran the night")
                .hasSize(1);
        assertThat(Files.readString(a) + Files.readString(b)).doesNotContain("ConflictingJobsException");
    }

    @Test
    void nodesOnMachinesInDifferentZonesSeeEachOtherAlive() throws Exception {
        // given two nodes whose machines keep different time zones: a cloud server on UTC, an office one in Beijing
        Path home = TestHomes.fresh("two-nodes-zones");
        Path a = home.resolve("node-a.log");
        Path b = home.resolve("node-b.log");
        Process utc = node(home, "utc", a, "-Duser.timezone=UTC");
        Process beijing = node(home, "beijing", b, "-Duser.timezone=Asia/Shanghai");

        // when both have started and beaten
        awaitLog(utc, a, "watching");
        awaitLog(beijing, b, "watching");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM lujing_node WHERE node_id IN ('utc', 'beijing')") == 2);

        // then their heartbeats are written in one zone: seconds apart, not eight hours apart, so neither takes the
        // other for dead (after 10 s here) and its files for orphans
        List<java.sql.Timestamp> beats = jdbc.sql("SELECT heartbeat_at FROM lujing_node ORDER BY node_id")
                .query(java.sql.Timestamp.class)
                .list();
        assertThat(Duration.between(beats.get(0).toInstant(), beats.get(1).toInstant())
                        .abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    record CommandRun(int exit, String output) {}

    private Process node(Path home, String name, Path log, String... jvmOptions) throws IOException {
        List<String> options = new ArrayList<>();
        options.addAll(List.of(
                "-Dlujing.node.id=" + name,
                "-Dserver.port=0",
                "-Dlujing.inbox.read-lock-min-age=200",
                "-Dlujing.inbox.poll-delay=300",
                "-Dlujing.ingest.chunk-size=2000",
                "-Dlujing.ingest.publish-slice-rows=4000",
                "-Dlujing.jobs.recover-after=10s",
                "-Dlujing.jobs.heartbeat=1s",
                "-Dlogging.level.org.lujing.ingest.StagingFileWriter=DEBUG"));
        // the test's own options last: of two -D of one name, the last wins
        options.addAll(List.of(jvmOptions));
        Process p = new ProcessBuilder(java(options, "serve", "--home", home.toString()))
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        nodes.add(p);
        return p;
    }

    private CommandRun command(Path home, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(args));
        line.add("--home");
        line.add(home.toString());
        Path out = Files.createTempFile(home, "command-", ".out");
        Process p = new ProcessBuilder(java(List.of(), line.toArray(String[]::new)))
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        nodes.add(p);
        int exit = p.waitFor();
        return new CommandRun(exit, Files.readString(out).replace(" ", ""));
    }

    private List<String> java(List<String> jvmOptions, String... args) {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(jvmOptions);
        line.addAll(List.of(
                "-Xmx256m",
                "-Dspring.profiles.active=postgresql",
                "-Dspring.datasource.url=" + POSTGRES.getJdbcUrl("postgres", database),
                "-Dspring.datasource.username=postgres",
                "-Dspring.datasource.password=",
                "-DLUJING_KEY=" + KEY,
                "-cp",
                System.getProperty("java.class.path"),
                org.lujing.cli.LujingCommand.class.getName()));
        line.addAll(List.of(args));
        return line;
    }

    private String storedCron() {
        return jdbc.sql("SELECT cron_expression FROM qrtz_cron_triggers")
                .query(String.class)
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Five records of five people on the file's own day: no two files share a record. */
    public static Path smallLedger(Path file, int n, int rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("日期,姓名,身份证号,活动类型,合作单位\n");
            for (int person = 0; person < rows; person++) {
                String first17 = "4301041980" + String.format("%02d%02d", 1 + person % 12, 1 + person % 28)
                        + String.format("%03d", person);
                String id = first17 + CrashRecoveryIntegrationTests.check(first17);
                w.write(LocalDate.of(2025, 1, 1).plusDays(n) + ",对象" + person + "," + id + ",公益活动,湘江英烈纪念馆\n");
            }
        }
        return file;
    }

    private static void awaitLog(Process process, Path log, String text) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(process.isAlive()).as("node died, see %s", log).isTrue();
                    return Files.exists(log) && Files.readString(log).contains(text);
                });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }
}
