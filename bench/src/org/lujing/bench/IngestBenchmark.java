package org.lujing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lujing's ingest against {@link LeanIngest} on the same generated file, back to back in one run, each in its own
 * JVM with -Xmx256m: per round a fresh Lujing home (the 5,000-person roster ingested first, not timed), then {@code
 * java -jar lujing.jar ingest FILE --source S} timed end to end, its job's own start/end read back from {@code jobs
 * --json}, its accounting from {@code files --json} and its records from {@code stats --json}; then the lean loop on
 * a fresh database. Prints every round, the medians, rows/s and the ratios, and checks that every record is there
 * once and the file balances.
 *
 * <p>{@code IngestBenchmark --jar J --rows N[,M...] --rounds R --formats xlsx,csv [--work DIR] [--growth]
 * [--pg-url jdbc:postgresql://127.0.0.1:PORT/ --pg-user U]}. With {@code --pg-url}, both write to PostgreSQL (a fresh
 * database per run; the lean loop with binary COPY).
 */
public final class IngestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAN = Pattern.compile(
            "LEAN read=(\\d+) accepted=(\\d+) merged=(\\d+) rejected=(\\d+) skipped=(\\d+) inserted=(\\d+) "
                    + "load_ms=(\\d+) roster_ms=(\\d+) setup_ms=(\\d+)");
    private static final String HSQLDB_OPTIONS =
            ";hsqldb.tx=mvcc;hsqldb.default_table_type=cached;shutdown=true;hsqldb.write_delay=false;"
                    + "hsqldb.reconfig_logging=false"; // spring.datasource.url's options in application.properties

    private final Path jar;
    private final Path work;
    /** This invocation's homes and logs: concurrent runs never share a home, a key or a log. */
    private final Path runDir;

    private final String classpath = System.getProperty("java.class.path");
    private final String pgUrl;
    private final String pgUser;
    private final List<String> failures = new ArrayList<>();
    private int runNo;

    IngestBenchmark(Path jar, Path work, String pgUrl, String pgUser) {
        this.jar = jar;
        this.work = work;
        this.runDir = work.resolve(
                "runs/" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + "-"
                        + ProcessHandle.current().pid());
        this.pgUrl = pgUrl;
        this.pgUser = pgUser;
    }

    /** One round's figures, in milliseconds. */
    record Round(long lujingTotal, long lujingJob, long leanTotal, long leanLoad, String load) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--growth")) {
                a.put("growth", "true");
            } else {
                a.put(args[i].substring(2), args[++i]);
            }
        }
        boolean growth = a.containsKey("growth");
        List<Integer> sizes = Arrays.stream(a.getOrDefault("rows", growth ? "100000,1000000" : "1000000")
                        .split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        List<String> formats = List.of(a.getOrDefault("formats", "xlsx,csv").split(","));
        IngestBenchmark bench = new IngestBenchmark(
                Path.of(a.getOrDefault("jar", "target/lujing.jar")).toAbsolutePath(),
                Path.of(a.getOrDefault("work", "target/bench")).toAbsolutePath(),
                a.get("pg-url"),
                a.getOrDefault("pg-user", "lujingbench"));

        System.out.printf(
                "Ingest benchmark: Lujing vs. a lean hand-written loop, back to back, rows %s, formats %s, %d round(s), "
                        + "-Xmx256m each, on %d CPUs, database %s%n",
                sizes,
                formats,
                rounds,
                Runtime.getRuntime().availableProcessors(),
                bench.pgUrl == null ? "HSQLDB (file, cached tables)" : "PostgreSQL " + bench.pgUrl);
        Map<String, List<Round>> results = new LinkedHashMap<>();
        for (int rows : sizes) {
            IngestBenchData.ensure(rows, bench.work); // all data first, so generating never overlaps a timed run
        }
        System.out.println("homes and logs: " + bench.runDir);
        for (int rows : sizes) {
            Path data = IngestBenchData.ensure(rows, bench.work);
            Properties expected = new Properties();
            try (Reader r = Files.newBufferedReader(data.resolve("expected.properties"))) {
                expected.load(r);
            }
            for (String format : formats) {
                List<Round> list = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    Round result = bench.round(data, format, expected, round);
                    list.add(result);
                    System.out.printf("  round %d: %s%n", round, describe(rows, result));
                }
                results.put(rows + " " + format, list);
            }
        }
        bench.print(results, rounds);
        if (growth && sizes.size() >= 2) {
            bench.printGrowth(results, sizes, formats);
        }
        if (!bench.failures.isEmpty()) {
            System.out.println("CHECKS FAILED:");
            bench.failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
        System.out.println(
                "checks: every run read every row, balanced (read = accepted + merged + rejected + skipped), "
                        + "and holds each distinct record once");
    }

    Round round(Path data, String format, Properties expected, int round) throws Exception {
        int rows = Integer.parseInt(expected.getProperty("rows"));
        int distinct = Integer.parseInt(expected.getProperty("distinct"));
        int repeats = Integer.parseInt(expected.getProperty("repeats"));
        Path file = data.resolve("community." + format);
        // the community source takes xlsx and xls only; the university source takes csv (jobs/sources/*.yaml)
        String source = format.equals("csv") ? "university" : "community";
        String label = rows + " " + format + " round " + round;
        String loadBefore = loadAverage();
        int n = ++runNo;

        // Lujing: a fresh home, the roster first (not timed), then the timed ingest
        Path home = runDir.resolve("homes/lujing-" + n);
        deleteTree(home);
        Files.createDirectories(home);
        String db = null;
        Map<String, String> env = new HashMap<>();
        if (pgUrl != null) {
            db = "lujing_bench_" + ProcessHandle.current().pid() + "_" + n;
            pgAdmin("DROP DATABASE IF EXISTS " + db);
            pgAdmin("CREATE DATABASE " + db);
            env.put("SPRING_PROFILES_ACTIVE", "postgresql");
            env.put("SPRING_DATASOURCE_URL", pgUrl + db);
            env.put("SPRING_DATASOURCE_USERNAME", pgUser);
            env.put("SPRING_DATASOURCE_PASSWORD", "bench");
        }
        Path log = runDir.resolve("logs");
        Files.createDirectories(log);
        run(
                env,
                log.resolve(n + "-roster.log"),
                "java",
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "ingest",
                data.resolve("roster.xlsx").toString(),
                "--source",
                "roster",
                "--home",
                home.toString());
        long t0 = System.nanoTime();
        run(
                env,
                log.resolve(n + "-ingest.log"),
                "java",
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "ingest",
                file.toString(),
                "--source",
                source,
                "--home",
                home.toString());
        long lujingTotal = (System.nanoTime() - t0) / 1_000_000;

        JsonNode jobs = JSON.readTree(run(
                env,
                log.resolve(n + "-jobs.log"),
                "java",
                "-jar",
                jar.toString(),
                "jobs",
                "--json",
                "--home",
                home.toString()));
        long lujingJob = -1;
        for (JsonNode j : jobs) {
            if (j.path("job").asText().equals("fileIngestJob")
                    && j.path("parameters").asText().contains("source=" + source)) {
                lujingJob = Duration.between(
                                time(j.path("startTime").asText()),
                                time(j.path("endTime").asText()))
                        .toMillis();
                check(j.path("status").asText().equals("COMPLETED"), label + ": Lujing job status " + j.path("status"));
            }
        }
        check(lujingJob >= 0, label + ": no fileIngestJob execution for source " + source + " in jobs --json");
        JsonNode files = JSON.readTree(run(
                env,
                log.resolve(n + "-files.log"),
                "java",
                "-jar",
                jar.toString(),
                "files",
                "--json",
                "--home",
                home.toString()));
        for (JsonNode f : files) {
            if (f.path("source").asText().equals(source)) {
                long read = f.path("read").asLong();
                long acc = f.path("accepted").asLong();
                long mer = f.path("merged").asLong();
                long rej = f.path("rejected").asLong();
                long skp = f.path("skipped").asLong();
                String counts = String.format(
                        "outcome %s, read %d, accepted %d, merged %d, rejected %d, skipped %d",
                        f.path("outcome").asText(), read, acc, mer, rej, skp);
                check(
                        read == rows && acc == distinct && mer == repeats && rej == 0 && skp == 0,
                        label + ": Lujing " + counts + "; expected read " + rows + ", accepted " + distinct
                                + ", merged " + repeats);
                check(
                        read == acc + mer + rej + skp && f.path("balanced").asBoolean(),
                        label + ": Lujing unbalanced: " + counts);
            }
        }
        JsonNode stats = JSON.readTree(run(
                env,
                log.resolve(n + "-stats.log"),
                "java",
                "-jar",
                jar.toString(),
                "stats",
                "--period",
                "2025",
                "--json",
                "--home",
                home.toString()));
        long records = 0;
        for (JsonNode c : stats.path("stats")) {
            records += c.path("records").asLong();
        }
        long pending = stats.path("pendingRecords").asLong();
        check(
                records == distinct && pending == 0,
                label + ": Lujing stats count " + records + " records on the roster and " + pending
                        + " pending; expected " + distinct + " and 0");
        deleteTree(home); // a million-row ledger takes about a gigabyte
        if (db != null) {
            pgAdmin("DROP DATABASE " + db);
        }

        // the lean loop: a fresh database
        Path leanDir = runDir.resolve("homes/lean-" + n);
        deleteTree(leanDir);
        List<String> cmd = new ArrayList<>(List.of(
                "java",
                "-Xmx256m",
                "-cp",
                classpath,
                LeanIngest.class.getName(),
                "--file",
                file.toString(),
                "--roster",
                data.resolve("roster.xlsx").toString()));
        String leanDb = null;
        if (pgUrl != null) {
            leanDb = "lean_bench_" + ProcessHandle.current().pid() + "_" + n;
            pgAdmin("DROP DATABASE IF EXISTS " + leanDb);
            pgAdmin("CREATE DATABASE " + leanDb);
            cmd.addAll(List.of("--url", pgUrl + leanDb, "--user", pgUser, "--password", "bench", "--copy"));
        } else {
            cmd.addAll(List.of("--url", "jdbc:hsqldb:file:" + leanDir + "/lean" + HSQLDB_OPTIONS));
        }
        long t1 = System.nanoTime();
        String out = run(Map.of(), log.resolve(n + "-lean.log"), cmd.toArray(String[]::new));
        long leanTotal = (System.nanoTime() - t1) / 1_000_000;
        Matcher m = LEAN.matcher(out);
        check(m.find(), label + ": no LEAN line from the lean loop");
        long leanLoad = Long.parseLong(m.group(7));
        check(
                Long.parseLong(m.group(1)) == rows
                        && Long.parseLong(m.group(2)) == distinct
                        && Long.parseLong(m.group(3)) == repeats
                        && Long.parseLong(m.group(6)) == distinct,
                label + ": lean " + m.group());
        deleteTree(leanDir);
        if (leanDb != null) {
            pgAdmin("DROP DATABASE " + leanDb);
        }
        return new Round(lujingTotal, lujingJob, leanTotal, leanLoad, loadBefore + " → " + loadAverage());
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
            System.out.println("  CHECK FAILED: " + failure);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            LargeXlsxIngestBenchmark.deleteTree(root);
        }
    }

    static LocalDateTime time(String s) {
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    /** Runs a command from the working directory (the repository: Lujing's installation), stdout returned. */
    static String run(Map<String, String> env, Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = Path.of(log + ".out");
        pb.redirectOutput(out.toFile());
        pb.redirectError(log.toFile());
        int exit = pb.start().waitFor();
        String stdout = Files.readString(out);
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + " from " + String.join(" ", command) + "; see " + log);
        }
        return stdout;
    }

    void pgAdmin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl + "postgres", pgUser, "bench");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String describe(int rows, Round r) {
        return String.format(
                "Lujing %.1f s end to end (job %.1f s), lean %.1f s end to end (load %.1f s); "
                        + "Lujing/lean throughput %.3f end to end, %.3f job vs. load; load average %s",
                r.lujingTotal() / 1e3,
                r.lujingJob() / 1e3,
                r.leanTotal() / 1e3,
                r.leanLoad() / 1e3,
                (double) r.leanTotal() / r.lujingTotal(),
                (double) r.leanLoad() / r.lujingJob(),
                r.load());
    }

    static long median(List<Round> rounds, java.util.function.ToLongFunction<Round> f) {
        long[] v = rounds.stream().mapToLong(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    void print(Map<String, List<Round>> results, int rounds) {
        System.out.println();
        System.out.printf("Every round (seconds; load average before → after)%n");
        System.out.printf(
                "%-16s %5s %12s %10s %12s %10s  %s%n",
                "rows format", "round", "Lujing e2e", "Lujing job", "lean e2e", "lean load", "load avg");
        results.forEach((k, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Round r = list.get(i);
                System.out.printf(
                        "%-16s %5d %12.1f %10.1f %12.1f %10.1f  %s%n",
                        k,
                        i + 1,
                        r.lujingTotal() / 1e3,
                        r.lujingJob() / 1e3,
                        r.leanTotal() / 1e3,
                        r.leanLoad() / 1e3,
                        r.load());
            }
        });
        System.out.println();
        System.out.printf(
                "Medians of %d round(s): seconds and rows/s; ratio = Lujing's throughput / the lean loop's%n", rounds);
        System.out.printf(
                "%-16s %22s %22s %22s %22s %9s %9s%n",
                "rows format",
                "Lujing end to end",
                "Lujing job",
                "lean end to end",
                "lean load",
                "ratio e2e",
                "ratio job");
        results.forEach((k, list) -> {
            int rows = Integer.parseInt(k.split(" ")[0]);
            long lt = median(list, Round::lujingTotal);
            long lj = median(list, Round::lujingJob);
            long nt = median(list, Round::leanTotal);
            long nl = median(list, Round::leanLoad);
            System.out.printf(
                    "%-16s %22s %22s %22s %22s %9.3f %9.3f%n",
                    k,
                    cell(rows, lt),
                    cell(rows, lj),
                    cell(rows, nt),
                    cell(rows, nl),
                    (double) nt / lt,
                    (double) nl / lj);
        });
    }

    static String cell(int rows, long ms) {
        return String.format("%.1f s %,9.0f/s", ms / 1e3, rows / (ms / 1e3));
    }

    void printGrowth(Map<String, List<Round>> results, List<Integer> sizes, List<String> formats) {
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        System.out.println();
        System.out.printf(
                "Growth: time(%,d rows) / time(%,d rows), medians (linear = %.0f; target for Lujing ≤ 11)%n",
                large, small, (double) large / small);
        System.out.printf(
                "%-8s %18s %18s %18s %18s%n",
                "format", "Lujing end to end", "Lujing job", "lean end to end", "lean load");
        for (String f : formats) {
            List<Round> s = results.get(small + " " + f);
            List<Round> l = results.get(large + " " + f);
            System.out.printf(
                    "%-8s %18.2f %18.2f %18.2f %18.2f%n",
                    f,
                    (double) median(l, Round::lujingTotal) / median(s, Round::lujingTotal),
                    (double) median(l, Round::lujingJob) / median(s, Round::lujingJob),
                    (double) median(l, Round::leanTotal) / median(s, Round::leanTotal),
                    (double) median(l, Round::leanLoad) / median(s, Round::leanLoad));
        }
    }
}
