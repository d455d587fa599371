package org.lujing.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.lujing.LujingApplication;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.report.ReportService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fills a fresh embedded home with an N-record ledger for 2025 (default 1,000,000; plain JDBC batches, not the
 * ingest job, so the set-up takes seconds rather than the ingest's minutes), then writes the year's statistics
 * workbook and, when ReportService has one, the per-person ledger workbook, printing the time and the peak heap of
 * each. Run with the heap capped (bench/reports.sh uses -Xmx256m) to show that reports do not hold the ledger.
 */
public final class ReportWorkbookBenchmark {

    private static final double MIB = 1024 * 1024;
    private static final int SUBJECTS = 3_000;
    private static final int BATCH = 10_000;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench");
        Files.createDirectories(work);
        Path home = Files.createTempDirectory(work.toAbsolutePath(), "reports-home-");
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> springArgs = new ArrayList<>(
                List.of("--lujing.home=" + home, "--camel.main.auto-startup=false", "--logging.level.root=WARN"));
        for (int i = 2; i < args.length; i++) {
            springArgs.add(args[i]); // e.g. --spring.datasource.url=... to compare settings
        }
        try (ConfigurableApplicationContext ctx = app.run(springArgs.toArray(String[]::new))) {
            run(ctx, home, records);
        } finally {
            LargeXlsxIngestBenchmark.deleteTree(home); // a million-record ledger takes about a gigabyte of disk
        }
    }

    static void run(ConfigurableApplicationContext ctx, Path home, int records) throws Exception {
        long t = System.nanoTime();
        fill(ctx.getBean(DataSource.class), records, agencyNames(Path.of("jobs/agencies.yaml")));
        System.out.printf(
                "ledger: %,d records of %,d people inserted in %.1f s%n",
                records, SUBJECTS, (System.nanoTime() - t) / 1e9);

        ReportService reports = ctx.getBean(ReportService.class);
        Period year = Period.parse("2025");
        Path out = Files.createDirectories(home.resolve("reports").resolve("2025"));
        // -Dbench.reports=ledger measures one workbook alone, in a JVM no other workbook has used
        List<String> which =
                List.of(System.getProperty("bench.reports", "statistics,ledger").split(","));
        if (which.contains("statistics")) {
            measure("statistics", () -> reports.writeStatistics(year, out, "zh"));
        }
        if (which.contains("ledger")) {
            Method ledger = ledgerWriter();
            if (ledger == null) {
                System.out.println(
                        "ledger workbook: ReportService has no writeLedger(Period, Path, String); not measured");
            } else {
                measure("ledger", () -> ledger.invoke(reports, year, out, "zh"));
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.sorted().toList()) {
                System.out.printf("  %s %.1f MB%n", f.getFileName(), Files.size(f) / 1e6);
            }
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    static void measure(String name, Work work) throws Exception {
        LargeXlsxIngestBenchmark.HeapWatch heap = LargeXlsxIngestBenchmark.HeapWatch.start();
        long start = System.nanoTime();
        long cpuStart = LargeXlsxIngestBenchmark.processCpuNanos();
        try {
            work.run();
        } catch (OutOfMemoryError | java.lang.reflect.InvocationTargetException e) {
            // reported and survived: what the writer held is garbage now, so the next workbook is still measured
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            if (!(cause instanceof OutOfMemoryError)) {
                throw e;
            }
            System.out.printf(
                    "%s workbook: FAILED with %s after %.1f s, peak heap %.0f MiB in use%n",
                    name, cause, (System.nanoTime() - start) / 1e9, heap.peakInUse() / MIB);
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (LargeXlsxIngestBenchmark.processCpuNanos() - cpuStart) / 1e9;
        // the listener of the previous measure stays registered; the values of this one start from zero
        System.out.printf(
                "%s workbook: %.1f s (%.1f CPU s); peak heap %.0f MiB in use, %.0f MiB left after a "
                        + "collection, of max %.0f MiB%n",
                name,
                seconds,
                cpu,
                heap.peakInUse() / MIB,
                heap.peakAfterGc() / MIB,
                Runtime.getRuntime().maxMemory() / MIB);
    }

    /** Present once the per-person ledger workbook is written; looked up so this compiles either way. */
    static Method ledgerWriter() {
        try {
            return ReportService.class.getMethod("writeLedger", Period.class, Path.class, String.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static List<String> agencyNames(Path yaml) throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(yaml)) {
            String s = line.strip();
            if (s.startsWith("- name:")) {
                names.add(s.substring("- name:".length()).strip());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no agency names in " + yaml);
        }
        return names;
    }

    /**
     * One ingest_file row, SUBJECTS people and the records. Record i belongs to person i % SUBJECTS; its k-th record
     * (k = i / SUBJECTS) takes category k % 19 and day (k / 19 + person) of 2025, so no two records of a person share
     * (category, date, agency) and the ledger's identity constraint holds.
     */
    static void fill(DataSource dataSource, int records, List<String> agencies) throws Exception {
        fill(dataSource, records, agencies, SUBJECTS);
    }

    /** The same with {@code people} people instead of 3,000 (records per person at most 19 × 365). */
    static void fill(DataSource dataSource, int records, List<String> agencies, int people) throws Exception {
        if ((long) people * 19 * 365 < records) {
            throw new IllegalArgumentException(records + " records do not fit " + people + " people's identities");
        }
        Random random = new Random(20251231L);
        Category[] categories = Category.values();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long fileId;
            try (PreparedStatement file = c.prepareStatement("""
                    INSERT INTO ingest_file (source_id, file_name, sha256, size_bytes, format, received_at, finished_at,
                      outcome, rows_read, accepted) VALUES ('community', 'bench.xlsx', ?, 0, 'xlsx', ?, ?, 'LOADED', ?, ?)""", new String[] {"id"})) {
                file.setString(1, hex(random, 32));
                file.setTimestamp(2, now);
                file.setTimestamp(3, now);
                file.setInt(4, records);
                file.setInt(5, records);
                file.executeUpdate();
                try (var keys = file.getGeneratedKeys()) {
                    keys.next();
                    fileId = keys.getLong(1);
                }
            }
            String[] keys = new String[people];
            String[] masked = new String[people];
            long[] ids = new long[people];
            try (PreparedStatement subject = c.prepareStatement("""
                    INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, first_file_id, last_file_id,
                      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
                for (int p = 0; p < people; p++) {
                    keys[p] = hex(random, 32);
                    masked[p] = String.format("4301************%02d", p % 100);
                    subject.setString(1, keys[p]);
                    subject.setString(2, "v1:" + hex(random, 48)); // ciphertext-shaped, never decrypted here
                    subject.setString(3, masked[p]);
                    subject.setString(4, "对象" + p);
                    subject.setLong(5, fileId);
                    subject.setLong(6, fileId);
                    subject.setTimestamp(7, now);
                    subject.setTimestamp(8, now);
                    subject.executeUpdate();
                    try (var generated = subject.getGeneratedKeys()) {
                        generated.next();
                        ids[p] = generated.getLong(1);
                    }
                }
            }
            c.commit();
            try (PreparedStatement record = c.prepareStatement("""
                    INSERT INTO support_record (subject_key, subject_id, match_method, person_name, id_masked, category,
                      activity_date, agency, activity_name, hours, quantity, first_file_id, created_at,
                      key_kind) VALUES (?, ?, 'ID_NUMBER', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'ID_NUMBER')""")) {
                for (int i = 0; i < records; i++) {
                    int p = i % people;
                    int k = i / people;
                    Category category = categories[k % categories.length];
                    record.setString(1, keys[p]);
                    record.setLong(2, ids[p]);
                    record.setString(3, "对象" + p);
                    record.setString(4, masked[p]);
                    record.setString(5, category.name());
                    record.setDate(6, Date.valueOf(jan1.plusDays((k / categories.length + p) % 365)));
                    record.setString(7, agencies.get(random.nextInt(agencies.size())));
                    record.setString(8, category.zh() + "第" + (1 + random.nextInt(50)) + "期");
                    record.setBigDecimal(9, java.math.BigDecimal.valueOf(1 + random.nextInt(4) * 0.5));
                    record.setLong(10, fileId);
                    record.setTimestamp(11, now);
                    record.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        record.executeBatch();
                        c.commit();
                    }
                }
                if (records % BATCH != 0) { // HSQLDB refuses an empty batch
                    record.executeBatch();
                }
                c.commit();
            }
        }
    }

    static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
