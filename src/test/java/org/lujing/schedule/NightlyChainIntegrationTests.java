package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.ledger.StatisticsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The nightly chain: steps in order, a failed step stops the night, and the night resumes from that step. On the
 * shared context, with a chain of its own steps ({@link TestNightlySteps}); the roster it drops in the inbox and the
 * reports of its night are taken away afterwards.
 */
class NightlyChainIntegrationTests extends SharedLedgerContext {

    static final LocalDate NIGHT = LocalDate.of(2025, 3, 31);

    @Autowired
    TestNightlySteps.Chains chains;

    @Autowired
    FileIngestService ingest;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.batch.core.launch.JobOperator jobOperator;

    @Autowired
    org.springframework.batch.core.repository.JobRepository jobRepository;

    NightlyChain chain;

    @BeforeEach
    void aChainWithAStepThatFails() {
        TestNightlySteps.reset();
        chain = chains.of(List.of("pull-feeds", "ingest-inbox", "rematch", "flaky", "reconcile", "reports"));
    }

    @AfterEach
    void takeAwayTheInboxRosterAndTheNightsReports() throws IOException {
        Files.deleteIfExists(HOME.resolve("inbox/roster/roster.csv"));
        FileSystemUtils.deleteRecursively(HOME.resolve("reports/" + NIGHT));
    }

    @Test
    void aFailedNightStopsAtItsStepAndResumesFromThere() throws IOException {
        LocalDate night = NIGHT;
        // records arrive before their people's roster rows; the roster waits in the inbox for the night
        ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/merge/community/ledger.csv"), "community");
        Path inbox = Files.createDirectories(HOME.resolve("inbox/roster"));
        Path roster = Files.copy(
                Path.of("src/test/resources/org/lujing/ingest/merge/roster/roster.csv"), inbox.resolve("roster.csv"));
        // it has waited a while: the night leaves a file changed within the read lock's minimum age to the route
        Files.setLastModifiedTime(
                roster,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(statistics.compute(Period.parse("2025-03"), a -> true).pendingRecords())
                .isEqualTo(4);

        NightlyChain.Result first = chain.run(night, "COMMAND", false);

        assertThat(first.completed()).isFalse();
        assertThat(first.steps())
                .extracting(NightlyChain.StepResult::step, NightlyChain.StepResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pull-feeds", "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple("ingest-inbox", "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple("rematch", "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple("flaky", "FAILED"));
        assertThat(first.steps().get(0).message())
                .as("no feed URL configured")
                .contains("micro-lesson SKIPPED")
                .contains("拉取：智慧矫正在线教育平台 已跳过：未配置接口地址（SKIPPED）");
        assertThat(first.steps().get(3).message()).contains("the disk is full");
        assertThat(Files.exists(inbox.resolve("roster.csv"))).isFalse();
        // the roster came in that night and the waiting records are matched (孙三 is not on the roster)
        assertThat(statistics.compute(Period.parse("2025-03"), a -> true).pendingRecords())
                .isEqualTo(1);
        assertThat(HOME.resolve("reports/" + night)).doesNotExist();

        TestNightlySteps.mend();
        NightlyChain.Result resumed = chain.run(night, "COMMAND", true);

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.attempt()).isEqualTo(first.attempt());
        assertThat(resumed.steps())
                .extracting(NightlyChain.StepResult::status)
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED");
        assertThat(resumed.steps().get(4).message()).contains("holding");
        assertThat(resumed.steps().get(0).message()).isEqualTo("done earlier");
        // the failed step's job was restarted (same instance, a second execution), not started anew
        long flakyExecutions = jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                        WHERE p.parameter_name = 'step' AND p.parameter_value = 'flaky'""").query(Long.class).single();
        assertThat(flakyExecutions).isEqualTo(2);
        assertThat(HOME.resolve("reports/" + night + "/statistics-2025.json")).exists();
        assertThat(HOME.resolve("reports/" + night + "/statistics-2025.xlsx")).exists();
        assertNightReports(night);
    }

    @Autowired
    org.lujing.operations.JobControl jobControl;

    @Autowired
    org.lujing.operations.JobQueries jobQueries;

    @Test
    void aNightWhoseFailedStepAnAdminRestartedResumesPastIt() throws Exception {
        // given a night stopped at its failing step, whose job an admin restarted by hand once the cause was mended
        LocalDate night = NIGHT.plusDays(1);
        NightlyChain.Result first = chain.run(night, "COMMAND", false);
        assertThat(first.completed()).isFalse();
        long failed = first.steps().get(3).jobExecutionId();
        TestNightlySteps.mend();
        jobControl.restart(failed);

        // when the night is resumed
        NightlyChain.Result resumed = chain.run(night, "COMMAND", true);

        // then the step counts as done by the admin's run, not started a third time, and the night goes on
        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.steps())
                .extracting(NightlyChain.StepResult::status)
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED");
        assertThat(resumed.steps().get(3).message()).startsWith("已由重新运行的执行 #").contains("done by execution #");
        long flakyExecutions = jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                        WHERE p.parameter_name = 'step' AND p.parameter_value = 'flaky'
                          AND e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(failed).query(Long.class).single();
        assertThat(flakyExecutions).isEqualTo(2);
        FileSystemUtils.deleteRecursively(HOME.resolve("reports/" + night));
    }

    @Test
    void aNightWhoseStepAnAdminGaveUpStartsANewRoundInsteadOfResuming() throws Exception {
        // given a night stopped at its failing step, restarted once by an admin and failed again
        LocalDate night = NIGHT.plusDays(2);
        NightlyChain.Result first = chain.run(night, "COMMAND", false);
        long failed = first.steps().get(3).jobExecutionId();
        long again = jobControl.restart(failed).getId();

        // when the admin gives up the first run: refused, since that would give up its successor too
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobControl.check(failed, "abandon"))
                .isInstanceOfSatisfying(
                        org.lujing.operations.JobControl.Refused.class,
                        r -> assertThat(r.restartedAs()).isEqualTo(again));
        // and gives up the latest one
        jobControl.abandon(again);

        // then resuming the round stops at once and says to start a new one; nothing is restarted
        NightlyChain.Result resumed = chain.run(night, "COMMAND", true);
        assertThat(resumed.completed()).isFalse();
        assertThat(resumed.givenUp()).isTrue();
        assertThat(resumed.steps().get(3).message())
                .contains("#" + again + " 已被放弃")
                .contains("nightly --date " + night);
        // and the abandoned step's job is no failure waiting for a restart
        assertThat(jobQueries.failedAwaitingRestart(10_000))
                .extracting(org.lujing.operations.JobQueries.Execution::id)
                .doesNotContain(failed, again);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobControl.check(failed, "restart"))
                .isInstanceOf(org.lujing.operations.JobControl.Refused.class);

        // and a new round, the cause mended, goes through
        TestNightlySteps.mend();
        NightlyChain.Result next = chain.run(night, "COMMAND", false);
        assertThat(next.completed()).isTrue();
        assertThat(next.attempt()).isEqualTo(first.attempt() + 1);
        FileSystemUtils.deleteRecursively(HOME.resolve("reports/" + night));
    }

    @Test
    void aNightAStoppingProcessCutShortIsFoundAndGoneOnWithFromThere() {
        // a night of its own (today's: no other test's night comes after it), taken away afterwards
        LocalDate night = LocalDate.now();
        try {
            // given a process that is stopping (SIGTERM) as its night's chain comes to a step
            NightlyChain stopping = chains.of(List.of("pull-feeds", "rematch"));
            stopping.stopStarting();

            NightlyChain.Result cut = stopping.run(night, "SCHEDULE", false);

            // then no step is begun, the night says why and what next, and a start finds it
            assertThat(cut.completed()).isFalse();
            assertThat(cut.steps())
                    .extracting(NightlyChain.StepResult::step, NightlyChain.StepResult::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("pull-feeds", "FAILED"));
            assertThat(cut.steps().get(0).message())
                    .startsWith("serve 停止时这一步没有开始")
                    .contains("nightly --date " + night + " --resume");
            assertThat(stopping.busy()).isFalse();
            assertThat(stopping.stoppedNight()).contains(night);

            // when the next process goes on with it
            NightlyChain next = chains.of(List.of("pull-feeds", "rematch"));
            NightlyChain.Result resumed = next.run(night, "SCHEDULE", true);

            // then the same attempt completes, and there is nothing left to go on with
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.attempt()).isEqualTo(cut.attempt());
            assertThat(next.stoppedNight()).isEmpty();
        } finally {
            jdbc.sql("DELETE FROM nightly_run WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(night))
                    .update();
        }
    }

    @Test
    void aCommandsNightCutShortByItsStopSaysToResumeItNotThatServeWill() {
        // Ctrl-C of `nightly`: its words said "serve 停止时…；serve 再次启动时接着完成", though no serve ran, and
        // serve never takes up a command's night
        LocalDate night = LocalDate.now();
        try {
            NightlyChain stopping = chains.of(List.of("pull-feeds", "rematch"));
            stopping.stopStarting();

            NightlyChain.Result cut = stopping.run(night, "COMMAND", false);

            assertThat(cut.completed()).isFalse();
            assertThat(cut.steps().get(0).message())
                    .startsWith("命令中止时这一步没有开始；运行 nightly --date " + night + " --resume 接着完成")
                    .doesNotContain("serve")
                    .contains("the command stopped before this step began; run nightly --date " + night
                            + " --resume to go on");
            assertThat(stopping.stoppedNight()).as("the operator's to resume").isEmpty();

            // and the operator's resume goes on with the same attempt
            NightlyChain.Result resumed =
                    chains.of(List.of("pull-feeds", "rematch")).run(night, "COMMAND", true);
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.attempt()).isEqualTo(cut.attempt());
        } finally {
            jdbc.sql("DELETE FROM nightly_run WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(night))
                    .update();
        }
    }

    @Test
    void stepsADeadProcessLeftRunningSayHowTheyEndedAndTheScheduledNightIsFound() {
        // a night of its own, after every other test's (stoppedNight looks at the last night), taken away afterwards
        LocalDate night = LocalDate.now().plusDays(1);
        LocalDate other = LocalDate.now().plusDays(2);
        try {
            // given steps left RUNNING: one of the schedule's, one a command began, one of a live process
            running(night, "ingest-inbox", "SCHEDULE", 900_001L);
            running(other, "reconcile", "COMMAND", 900_002L);
            running(other, "reports", "COMMAND", 900_003L);

            // when crash recovery found the first two executions dead
            int marked = chain.cutShortByDeadProcess(List.of(900_001L, 900_002L), false);

            // then those two say how they ended and what comes next; the live one is left alone
            assertThat(marked).isEqualTo(2);
            assertThat(statusAndMessage(night, "ingest-inbox"))
                    .startsWith("FAILED|serve 停止时这一步正在运行，进程意外终止（任务执行 #900001 已标记为失败）")
                    .contains("nightly --date " + night + " --resume");
            assertThat(statusAndMessage(other, "reconcile"))
                    .startsWith("FAILED|运行这一步的进程意外终止（任务执行 #900002 已标记为失败）")
                    .contains("nightly --date " + other + " --resume 接着完成");
            assertThat(statusAndMessage(other, "reports")).isEqualTo("RUNNING|");
            // and a command's night is not serve's to go on with: the last scheduled night cut short is not found
            // while a later night exists, and is found once it is the last
            assertThat(chain.stoppedNight()).isEmpty();
            jdbc.sql("DELETE FROM nightly_run WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(other))
                    .update();
            assertThat(chain.stoppedNight()).contains(night);

            // and on the embedded database at start-up every step still running is dead
            running(other, "reports", "COMMAND", null);
            assertThat(chain.cutShortByDeadProcess(List.of(), true)).isEqualTo(1);
            assertThat(statusAndMessage(other, "reports")).startsWith("FAILED|运行这一步的进程意外终止；");
        } finally {
            jdbc.sql("DELETE FROM nightly_run WHERE run_date IN (?, ?)")
                    .params(java.sql.Date.valueOf(night), java.sql.Date.valueOf(other))
                    .update();
        }
    }

    @Test
    void aStepWhoseRunCompletedBeforeItsProcessDiedIsCountedDoneAndTheNightGoesOn() {
        LocalDate night = LocalDate.now().plusDays(3);
        try {
            // given a scheduled night whose step's job completed, and whose process died before the night wrote so
            NightlyChain chain = chains.of(List.of("rematch"));
            NightlyChain.Result first = chain.run(night, "SCHEDULE", false);
            assertThat(first.completed()).isTrue();
            Long execution = first.steps().get(0).jobExecutionId();
            jdbc.sql("UPDATE nightly_run SET status = 'RUNNING', finished_at = NULL, message = NULL WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(night))
                    .update();

            // when a node's heartbeat looks for such steps
            assertThat(chain.cutShortCompletedButUnrecorded(java.time.Duration.ZERO))
                    .isEqualTo(1);

            // then the step says so, the night is found at once, and going on with it counts the step done
            assertThat(statusAndMessage(night, "rematch"))
                    .startsWith("FAILED|serve 停止时这一步正在运行，进程意外终止（任务执行 #" + execution + " 已完成，尚未记下）");
            assertThat(chain.stoppedNight(java.time.Duration.ofHours(1))).contains(night);
            NightlyChain.Result resumed = chain.run(night, "SCHEDULE", true);
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.steps())
                    .extracting(NightlyChain.StepResult::status, NightlyChain.StepResult::jobExecutionId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("COMPLETED", execution));
        } finally {
            jdbc.sql("DELETE FROM nightly_run WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(night))
                    .update();
        }
    }

    @Test
    void aStepAnAdminStoppedIsTheAdminsToGoOnWithAndNamesItsRunWhileItRuns() throws Exception {
        LocalDate night = LocalDate.now().plusDays(3);
        TestNightlySteps.reset();
        try {
            // given a scheduled night's step running (waiting half way)
            NightlyChain chain = chains.of(List.of("counting"));
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> chain.run(night, "SCHEDULE", false));
            // then its record names its job execution while it runs, so a process dying now leaves it findable
            Long running = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(
                            () -> jdbc.sql("SELECT job_execution_id FROM nightly_run WHERE run_date = ?")
                                    .param(java.sql.Date.valueOf(night))
                                    .query(Long.class)
                                    .optional()
                                    .orElse(null),
                            java.util.Objects::nonNull);

            // when an admin stops it (jobs stop), serve not stopping
            jobOperator.stop(jobRepository.getJobExecution(running));
            TestNightlySteps.release();
            NightlyChain.Result stopped = result.get(60, java.util.concurrent.TimeUnit.SECONDS);

            // then the step says it stopped as asked and how to go on, and no serve takes the night up by itself
            assertThat(stopped.completed()).isFalse();
            assertThat(stopped.steps().get(0).message())
                    .startsWith("已按要求停下（任务执行 #" + running + "）；运行 nightly --date " + night + " --resume 接着完成");
            assertThat(chain.stoppedNight()).isEmpty();
        } finally {
            TestNightlySteps.reset();
            jdbc.sql("DELETE FROM nightly_run WHERE run_date = ?")
                    .param(java.sql.Date.valueOf(night))
                    .update();
        }
    }

    private void running(LocalDate night, String step, String trigger, Long execution) {
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind,
                          job_execution_id, started_at, steps_total)
                        VALUES (?, 1, ?, 0, 'RUNNING', ?, ?, CURRENT_TIMESTAMP, 1)""")
                .params(java.sql.Date.valueOf(night), step, trigger, execution)
                .update();
    }

    private String statusAndMessage(LocalDate night, String step) {
        return jdbc.sql(
                        "SELECT status || '|' || COALESCE(message, '') FROM nightly_run WHERE run_date = ? AND step = ?")
                .params(java.sql.Date.valueOf(night), step)
                .query(String.class)
                .single();
    }

    private void assertNightReports(LocalDate night) throws IOException {
        try (var files = Files.list(HOME.resolve("reports/" + night))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("findings-"))
                    .anyMatch(n -> n.startsWith("quality"));
        }
    }
}
