package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.hsqldb.jdbc.JDBCDriver;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.db.ServerFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * While {@code serve} (a separate JVM) holds the embedded database, commands run through its HSQLDB server and see
 * its data; SA with an empty password is not open on that port; after serve is killed with SIGKILL, commands open the
 * file again by themselves.
 */
class ServeDatabaseServerIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROSTER = Path.of("sample-data/roster/2025年社区矫正对象名册.xlsx");
    static final Path COMMUNITY = Path.of("sample-data/community/2025年麓景社区工作台账.xlsx");

    @Test
    void commandsWorkThroughARunningServeAndOnTheirOwnAfterItWasKilled() throws Exception {
        Path home = TestHomes.fresh("serve-db");
        Path serverFile = home.resolve("data/server.properties");
        Path log = home.resolve("serve.log");
        JsonNode statsThroughServe;
        Process serve = serve(home, log);
        try {
            // given a serve that has published its database server
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(serve.isAlive())
                                .as("serve died, see %s", log)
                                .isTrue();
                        return ServerFile.read(serverFile)
                                .map(f -> f.port() != null)
                                .orElse(false);
                    });
            ServerFile published = ServerFile.read(serverFile).orElseThrow();
            assertThat(published.pid()).isEqualTo(serve.pid());
            // and has made every source's inbox folder, where the README tells partners to drop their files
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.isDirectory(home.resolve("inbox/hospital"))
                            && Files.isDirectory(home.resolve("inbox/university"))
                            && Files.isDirectory(home.resolve("inbox/roster")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverFile)))
                    .isEqualTo("rw-------");

            // a second serve on the same home refuses in a sentence, without a stack trace, and leaves the first alone
            Path second = home.resolve("second-serve.log");
            Process again = serve(home, second);
            assertThat(again.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            String refused = Files.readString(second);
            assertThat(again.exitValue()).as(refused).isNotZero();
            assertThat(refused)
                    .contains("lujing: 这个数据目录已有另一个 `serve` 在运行（进程 " + serve.pid() + "）")
                    .doesNotContain("\tat ");
            assertThat(serve.isAlive()).isTrue();

            // SA with an empty password is not open on the port, and the commands' login cannot change the schema
            String served = "jdbc:hsqldb:hsql://127.0.0.1:" + published.port() + "/lujing";
            assertThatThrownBy(() -> connect(served, "SA", "").close())
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
            try (Connection c = connect(served, published.user(), published.secret())) {
                assertThatThrownBy(() -> c.createStatement().execute("CREATE TABLE intruder(x INT)"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> c.createStatement().execute("GRANT DBA TO " + published.user()))
                        .isInstanceOf(SQLException.class);
            }

            // when a partner's file lands in serve's inbox, a command sees serve's ingest
            Path inbox = Files.createDirectories(home.resolve("inbox/roster"));
            Path staged = Files.copy(ROSTER, home.resolve("roster.staged"));
            Files.move(staged, inbox.resolve(ROSTER.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(outcomes(ok("files", "--home", home.toString(), "--json")))
                            .containsExactly("roster:LOADED"));

            // and a command ingests into serve's database, counts it, and lists every job as it really is
            CapturedRun ingest =
                    ok("ingest", "--home", home.toString(), "--source", "community", "--json", COMMUNITY.toString());
            assertThat(JSON.readTree(ingest.out()).get(0).get("outcome").asString())
                    .startsWith("LOADED");

            statsThroughServe = JSON.readTree(ok("stats", "--home", home.toString(), "--period", "2025", "--json")
                    .out());
            assertThat(statsThroughServe
                            .get("stats")
                            .get("PUBLIC_WELFARE")
                            .get("records")
                            .asLong())
                    .isPositive();

            JsonNode jobs = JSON.readTree(
                    ok("jobs", "--home", home.toString(), "--json").out());
            List<String> statuses = new ArrayList<>();
            jobs.forEach(j -> statuses.add(j.get("status").asString()));
            assertThat(statuses).hasSizeGreaterThanOrEqualTo(2).containsOnly("COMPLETED");
            assertThat(serve.isAlive()).isTrue();
        } finally {
            // when serve is killed outright
            serve.destroyForcibly().waitFor();
        }
        assertThat(serverFile).as("a killed serve cannot clean up").exists();

        // then a command opens the database file itself, with serve's data and without a stack trace
        CapturedRun files = ok("files", "--home", home.toString(), "--json");
        assertThat(outcomes(files)).containsExactlyInAnyOrder("roster:LOADED", "community:LOADED");
        assertThat(serverFile).as("the stale file is removed").doesNotExist();
        assertThat(JSON.readTree(ok("stats", "--home", home.toString(), "--period", "2025", "--json")
                        .out()))
                .isEqualTo(statsThroughServe);
        // and the administrator has its configured login back: the database opens as before serve ever ran
        try (Connection c = connect("jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true", "SA", "")) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    /** {@code serve} on the home in a JVM of its own, its output in {@code log}. */
    private static Process serve(Path home, Path log) throws java.io.IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-Dserver.port=0",
                        "-Dlujing.inbox.read-lock-min-age=200",
                        "-Dlujing.inbox.poll-delay=500",
                        "-cp",
                        System.getProperty("java.class.path"),
                        org.lujing.cli.LujingCommand.class.getName(),
                        "serve",
                        "--home",
                        home.toString())
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static CapturedRun ok(String... args) {
        CapturedRun run = CapturedRun.of(args);
        assertThat(run.exit()).as("%s: %s", String.join(" ", args), run.err()).isZero();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return run;
    }

    private static List<String> outcomes(CapturedRun files) {
        return StreamSupport.stream(JSON.readTree(files.out()).spliterator(), false)
                // the sample files carry rows rejected on purpose: LOADED_WITH_REJECTS is loaded too
                .map(f -> f.get("source").asString() + ":"
                        + f.get("outcome").asString().replace("_WITH_REJECTS", ""))
                .toList();
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return JDBCDriver.getConnection(url, p);
    }
}
