package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.audit.AuditLog;
import org.lujing.console.JobProgress;
import org.lujing.operations.FailedRestarts;
import org.lujing.operations.JobControl;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * A running night shows its step (i of n), what the step has done of how much and for how long, live from the
 * database; and a failed night is rerun in one go — its failed step resumed through the chain, with one audit entry.
 * On the shared context, with a chain of its own steps ({@link TestNightlySteps}); its night's reports are taken
 * away afterwards.
 */
class NightlyProgressIntegrationTests extends SharedLedgerContext {

    static final LocalDate NIGHT = LocalDate.of(2025, 4, 30);

    @Autowired
    TestNightlySteps.Chains chains;

    @Autowired
    JobProgress progress;

    @Autowired
    JobQueries jobs;

    @Autowired
    JobControl control;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    NightlyChain chain;

    /** What the console's "rerun the night" uses, resuming this test's chain. */
    FailedRestarts restarts;

    @BeforeEach
    void aChainWhoseSecondStepCountsAndThirdFails() {
        TestNightlySteps.reset();
        chain = chains.of(List.of("rematch", "counting", "flaky", "reports"));
        restarts = new FailedRestarts(jobs, control, chain);
    }

    @AfterEach
    void letTheCountingGoOnAndTakeAwayTheNightsReports() throws java.io.IOException {
        TestNightlySteps.release();
        FileSystemUtils.deleteRecursively(HOME.resolve("reports/" + NIGHT));
    }

    @Test
    void aRunningNightShowsItsStepAndCountsAndAFailedNightIsRerunInOneGo() throws Exception {
        LocalDate night = NIGHT;
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

        TestNightlySteps.release();
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
        TestNightlySteps.mend();
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
