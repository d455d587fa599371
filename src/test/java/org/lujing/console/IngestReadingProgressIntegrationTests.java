package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.ingest.FileIngestService;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Autowired;

/** While a CSV is read, its ingest shows rows read of about how many (its lines), with a percentage. */
class IngestReadingProgressIntegrationTests extends SharedLedgerContext {

    /** This class's own files, outside the shared home. */
    static final Path FILES = TestHomes.fresh("reading-progress");

    static final int ROWS = 40_000;

    @Autowired
    FileIngestService ingest;

    @Autowired
    JobQueries jobs;

    @Autowired
    JobProgress progress;

    @Test
    void aCsvsReadingPhaseShowsAPercentageOfItsLines() throws Exception {
        // given a CSV of ROWS rows (a header line, then a line a row)
        Path csv = FILES.resolve("2025年普法活动-读取进度.csv");
        try (var out = Files.newBufferedWriter(csv)) {
            out.write("姓名,身份证号,日期,活动类型,活动名称\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("对象" + i + ",,2025-03-" + String.format("%02d", 1 + i % 28) + ",普法活动,第" + i + "期\n");
            }
        }

        // when it is ingested and its progress asked for as it reads
        Future<FileIngestService.Result> running =
                Executors.newSingleThreadExecutor().submit(() -> ingest.ingest(csv, "university"));
        List<JobProgress.Progress> seen = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    jobs.search("fileIngestJob", "STARTED", null, null, 1).stream()
                            .findFirst()
                            .flatMap(e -> progress.of(e.id(), ReportLanguage.ZH))
                            .filter(p -> "stageRowsStep".equals(p.step()))
                            .ifPresent(seen::add);
                    return running.isDone();
                });
        assertThat(running.get(1, TimeUnit.MINUTES).outcome()).startsWith("LOADED");

        // then the reading phase said how many of about how many, with a percentage under 100
        assertThat(seen).isNotEmpty().allSatisfy(p -> {
            assertThat(p.total()).isEqualTo(ROWS);
            assertThat(p.percent()).isBetween(0, 99);
            assertThat(p.stepNumber()).isEqualTo(2);
            assertThat(p.text()).matches("第 2/4 步 读取并暂存各行：已读取 \\d+ / 约 " + ROWS + " 行（\\d+%）.*");
        });
        // and the figure moved as chunks committed
        assertThat(seen).anyMatch(p -> p.done() > 0 && p.percent() > 0);
    }
}
