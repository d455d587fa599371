package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.audit.AuditLog;
import org.lujing.console.JobProgress;
import org.lujing.operations.FailedRestarts;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running night shows its step (i of n), what the step has done of how much and for how long, live from the
 * database; and a failed night is rerun in one go — its failed step resumed through the chain, with one audit entry.
 */
@SpringBootTest(properties = "camel.main.auto-startup=false")
class NightlyProgressIntegrationTests {

    static final Path HOME = TestHomes.fresh("nightly-progress");
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) throws IOException {
        Path jobs = HOME.resolve("jobs");
        Files.createDirectories(jobs);
        NightlySchedulerIntegrationTests.copyDir(Path.of("jobs/sources"), jobs.resolve("sources"));
        Files.copy(Path.of("jobs/agencies.yaml"), jobs.resolve("agencies.yaml"));
        Files.writeString(jobs.resolve("nightly.yaml"), "steps: [rematch, counting, flaky, reports]\n");
        registry.add("lujing.home", HOME::toString);
        registry.add("lujing.jobs-dir", jobs::toString);
    }

    @TestConfiguration
    static class Steps {

        /** Counts four things, and waits after the first until the test has looked. */
        @Bean
        NightlyStep countingStep() {
            return new NightlyStep() {
                @Override
                public String name() {
                    return "counting";
                }

                @Override
                public String run(LocalDate night) {
                    return run(night, Progress.NONE);
                }

                @Override
                public String run(LocalDate night, Progress progress) {
                    progress.report(1, 4, "正在数第二件", "counting the second");
                    try {
                        RELEASE.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    progress.report(4, 4, "数完了", "counted");
                    return "4 counted";
                }
            };
        }

        @Bean
        NightlyStep flakyStep() {
            return new NightlyStep() {
                @Override
                public String name() {
                    return "flaky";
                }

                @Override
                public String run(LocalDate night) {
                    if (BROKEN.get()) {
                        throw new IllegalStateException("the disk is full");
                    }
                    return "fine now";
                }
            };
        }
    }

    @Autowired
    NightlyChain chain;

    @Autowired
    JobProgress progress;

    @Autowired
    JobQueries jobs;

    @Autowired
    FailedRestarts restarts;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunningNightShowsItsStepAndCountsAndAFailedNightIsRerunInOneGo() throws Exception {
        LocalDate night = LocalDate.of(2025, 4, 30);
        Instant before = Instant.now();

        // given a night under way, its second step having done one thing of four
        CompletableFuture<NightlyChain.Result> first =
                CompletableFuture.supplyAsync(() -> chain.run(night, "COMMAND", false));
        long running = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jobs.search("nightlyStepJob", "STARTED", null, null, 1).stream()
                                .filter(e -> e.parameters().contains("step=counting"))
                                .map(JobQueries.Execution::id)
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);

        // when the console asks how far it is
        JobProgress.Progress zh = await().atMost(Duration.ofSeconds(10))
                .until(() -> progress.of(running, ReportLanguage.ZH).orElseThrow(), p -> p.total() != null);
        JobProgress.Progress en = progress.of(running, ReportLanguage.EN).orElseThrow();

        // then it says which step of how many, what it has done of how much, and what it is at
        assertThat(zh.stepNumber()).isEqualTo(2);
        assertThat(zh.steps()).isEqualTo(4);
        assertThat(zh.done()).isEqualTo(1);
        assertThat(zh.total()).isEqualTo(4);
        assertThat(zh.percent()).isEqualTo(25);
        assertThat(zh.elapsedSeconds()).isNotNull();
        assertThat(zh.text())
                .startsWith("夜间任务 2025-04-30 · 第 2/4 步 counting：1 / 4（25%）")
                .contains("正在数第二件")
                .contains("已用")
                .doesNotContain("counting the second");
        assertThat(en.text())
                .startsWith("Night of 2025-04-30 · step 2/4 counting: 1 / 4 (25%)")
                .contains("counting the second");
        assertThat(zh.asJson())
                .containsEntry("stepNumber", 2)
                .containsEntry("steps", 4)
                .containsKey("elapsedSeconds");

        RELEASE.countDown();
        NightlyChain.Result failed = first.get(60, TimeUnit.SECONDS);
        assertThat(failed.completed()).isFalse();
        long flaky = failed.steps().get(2).jobExecutionId();

        // and the failed night waits for a rerun, alone of its nights
        assertThat(restarts.waiting(null, night))
                .extracting(JobQueries.Execution::id)
                .containsExactly(flaky);
        assertThat(restarts.waiting(null, night.minusDays(1))).isEmpty();
        assertThat(jobs.nightsWithFailures(31)).containsExactly(night);

        // when an admin reruns the night, the cause mended
        BROKEN.set(false);
        List<JobQueries.Execution> waiting = restarts.waiting(null, night);
        audit.record(
                "admin", "JOB_RESTART_ALL", FailedRestarts.auditTarget(null, night, waiting), "disk cleared", "test");
        List<FailedRestarts.Outcome> outcomes = restarts.restart(waiting, night, "COMMAND");

        // then its failed step is resumed through the chain and the steps after it run: the night is complete
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failedId()).isEqualTo(flaky);
            assertThat(o.completed()).isTrue();
        });
        assertThat(jdbc.sql("SELECT step, status FROM nightly_run WHERE run_date = ? ORDER BY position")
                        .param(java.sql.Date.valueOf(night))
                        .query((rs, i) -> rs.getString(1) + "=" + rs.getString(2))
                        .list())
                .containsExactly("rematch=COMPLETED", "counting=COMPLETED", "flaky=COMPLETED", "reports=COMPLETED");
        // the reports step counted its three workbooks
        assertThat(jdbc.sql(
                                "SELECT progress_done, progress_total FROM nightly_run WHERE run_date = ? AND step = 'reports'")
                        .param(java.sql.Date.valueOf(night))
                        .query((rs, i) -> rs.getLong(1) + "/" + rs.getLong(2))
                        .single())
                .isEqualTo("3/3");
        assertThat(restarts.waiting(null, night)).isEmpty();
        assertThat(jobs.nightsWithFailures(31)).isEmpty();
        // with one audit entry naming the night and the execution, and the reason
        assertThat(audit.since(before))
                .filteredOn(e -> e.action().equals("JOB_RESTART_ALL"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.target()).isEqualTo("night 2025-04-30: #" + flaky);
                    assertThat(e.reason()).isEqualTo("disk cleared");
                });
        assertThat(HOME.resolve("reports/" + night + "/statistics-2025.json")).exists();
    }
}
