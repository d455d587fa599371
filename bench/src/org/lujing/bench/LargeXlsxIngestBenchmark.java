package org.lujing.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lujing.LujingApplication;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generates an .xlsx of N activity rows (default 1,000,000; shared strings, date cells, a title row) and ingests
 * it through the real job on a fresh embedded home, then prints rows per second and the peak heap. Run it with the
 * heap capped (bench/run.sh uses -Xmx256m) to show that reading streams and the ledger stays on disk.
 */
public final class LargeXlsxIngestBenchmark {

    private static final double MIB = 1024 * 1024;
    private static final String[] CATEGORIES = IngestBenchData.CATEGORIES;
    private static final String[] AGENCIES = IngestBenchData.AGENCIES;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench");
        Files.createDirectories(work);
        Path xlsx = work.resolve("community-" + rows + ".xlsx");
        if (!Files.exists(xlsx)) {
            long t = System.nanoTime();
            // written beside and moved into place, so an interrupted run never leaves a half file to be reused
            Path partial = work.resolve(xlsx.getFileName() + ".partial");
            generate(partial, rows);
            Files.move(partial, xlsx, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(
                    "generated %s (%,d rows, %.1f MB) in %.1f s%n",
                    xlsx, rows, Files.size(xlsx) / 1e6, (System.nanoTime() - t) / 1e9);
        }
        Path home = Files.createTempDirectory(work.toAbsolutePath(), "home-");
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> springArgs = new ArrayList<>(List.of(
                "--lujing.home=" + home,
                "--camel.main.auto-startup=false",
                "--logging.level.root=WARN",
                "--lujing.ingest.max-file-bytes=2000000000"));
        // further arguments go to Spring (e.g. --spring.datasource.url=... to compare settings)
        for (int i = 2; i < args.length; i++) {
            springArgs.add(args[i]);
        }
        try (ConfigurableApplicationContext ctx = app.run(springArgs.toArray(String[]::new))) {
            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            FileIngestService.Result result =
                    ctx.getBean(FileIngestService.class).ingest(xlsx, "community");
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            IngestedFile f = result.file().orElseThrow();
            System.out.printf(
                    "outcome %s: read %,d, accepted %,d, merged %,d, rejected %,d, skipped %,d (balanced: %s)%n",
                    f.outcome(), f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped(), f.balances());
            System.out.printf("steps: %s%n", stepTimes(ctx, result.jobExecutionId()));
            // on a shared machine wall time swings with other load; CPU time (all threads, GC included) swings less
            // MiB, as -Xmx and the GC log count
            System.out.printf(
                    "ingest: %.1f s, %,.0f rows/s, %.1f CPU s (%,.0f rows per CPU s); "
                            + "peak heap %.0f MiB in use, %.0f MiB left after a collection, of max %.0f MiB%n",
                    seconds,
                    f.rowsRead() / seconds,
                    cpuSeconds,
                    f.rowsRead() / cpuSeconds,
                    heap.peakInUse() / MIB,
                    heap.peakAfterGc() / MIB,
                    Runtime.getRuntime().maxMemory() / MIB);
        }
        deleteTree(home); // a million-row ledger takes about a gigabyte of disk
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void generate(Path file, int rows) throws IOException {
        Random random = new Random(20251231L);
        List<String> ids = IngestBenchData.ids(); // the same 5,000 people as the ingest benchmark's roster
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("台账");
            sheet.createRow(0).createCell(0).setCellValue("麓景社区工作台账（性能测试）");
            Row header = sheet.createRow(1);
            String[] titles = {"序号", "日期", "姓名", "身份证号", "活动类型", "活动名称", "合作单位", "时长（小时）"};
            for (int i = 0; i < titles.length; i++) {
                header.createCell(i).setCellValue(titles[i]);
            }
            LocalDate jan1 = LocalDate.of(2025, 1, 1);
            for (int r = 0; r < rows; r++) {
                Row row = sheet.createRow(r + 2);
                int person = random.nextInt(ids.size());
                row.createCell(0).setCellValue(r + 1);
                var d = row.createCell(1);
                d.setCellValue(jan1.plusDays(random.nextInt(365)));
                d.setCellStyle(date);
                row.createCell(2).setCellValue("对象" + person);
                row.createCell(3).setCellValue(ids.get(person));
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                row.createCell(4).setCellValue(category);
                row.createCell(5).setCellValue(category + "第" + (1 + random.nextInt(50)) + "期");
                row.createCell(6).setCellValue(AGENCIES[random.nextInt(AGENCIES.length)]);
                row.createCell(7).setCellValue(1 + random.nextInt(4) * 0.5);
            }
            wb.write(out);
        }
    }

    /** Wall time of each step of the job, from Spring Batch's own records. */
    static String stepTimes(ConfigurableApplicationContext ctx, long jobExecutionId) {
        StringBuilder out = new StringBuilder();
        ctx.getBean(JdbcTemplate.class)
                .query(
                        """
                SELECT step_name, start_time, end_time FROM batch_step_execution
                WHERE job_execution_id = ? ORDER BY step_execution_id""",
                        rs -> {
                            Timestamp from = rs.getTimestamp(2);
                            Timestamp to = rs.getTimestamp(3);
                            if (from != null && to != null) {
                                out.append(out.isEmpty() ? "" : ", ")
                                        .append(rs.getString(1))
                                        .append(String.format(" %.1f s", (to.getTime() - from.getTime()) / 1e3));
                            }
                        },
                        jobExecutionId);
        return out.toString();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The heap as the collector saw it during the ingest: the most in use just before a collection (garbage
     * included, so near the heap size by design) and the most left just after one (close to what the ingest really
     * holds). Summing each pool's own peak would add peaks from different moments and can exceed the maximum.
     */
    static final class HeapWatch {
        private final AtomicLong inUse = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();
        private final Set<String> heapPools = new HashSet<>();

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    watch.heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc)
                        .addNotificationListener(
                                (n, handback) -> {
                                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                            n.getType())) {
                                        GcInfo info = GarbageCollectionNotificationInfo.from(
                                                        (CompositeData) n.getUserData())
                                                .getGcInfo();
                                        watch.inUse.accumulateAndGet(
                                                watch.heap(info.getMemoryUsageBeforeGc()), Math::max);
                                        watch.afterGc.accumulateAndGet(
                                                watch.heap(info.getMemoryUsageAfterGc()), Math::max);
                                    }
                                },
                                null,
                                null);
            }
            return watch;
        }

        private long heap(Map<String, MemoryUsage> pools) {
            return pools.entrySet().stream()
                    .filter(e -> heapPools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed())
                    .sum();
        }

        /** Also counts what is in use now, for a run too short to collect at all. */
        long peakInUse() {
            long now = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            return Math.max(inUse.get(), now);
        }

        long peakAfterGc() {
            return afterGc.get();
        }
    }
}
