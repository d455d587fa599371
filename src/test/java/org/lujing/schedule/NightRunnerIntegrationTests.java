package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nights run one at a time on a database: a night is not begun while another live process (another node, or serve
 * while a `nightly` command asks) runs one. Two processes ran nights side by side: two attempts of one night inserting
 * the same step, an admin's resume restarting the step serve was running, reconciliations of two nights at once.
 */
class NightRunnerIntegrationTests extends SharedLedgerContext {

    static final LocalDate NIGHT = LocalDate.of(2099, 1, 1);
    static final String OTHER = "night-runner-other-node";

    @Autowired
    TestNightlySteps.Chains chains;

    @Autowired
    JdbcClient jdbc;

    NightlyChain chain;

    @BeforeEach
    void aChainThatCompletes() {
        TestNightlySteps.reset();
        TestNightlySteps.mend();
        chain = chains.of(List.of("flaky"));
    }

    @AfterEach
    void forgetTheNightAndTheOtherNode() {
        jdbc.sql("UPDATE nightly_runner SET node_id = NULL, run_date = NULL, trigger_kind = NULL, taken_at = NULL")
                .update();
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = ?").param(OTHER).update();
        jdbc.sql("DELETE FROM nightly_run WHERE run_date >= ?")
                .param(java.sql.Date.valueOf(NIGHT.minusDays(1)))
                .update();
        TestNightlySteps.reset();
    }

    @Test
    void aNightIsNotBegunWhileAnotherLiveProcessRunsOne() {
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());

        assertThatThrownBy(() -> chain.run(NIGHT, "COMMAND", false))
                .isInstanceOf(NightlyChain.NightHeldElsewhere.class)
                .hasMessageContaining("另一个进程（" + OTHER + "，h 上的进程 1）正在运行 " + NIGHT.minusDays(1) + " 的夜间任务")
                .hasMessageContaining("请等它结束后再运行");
        assertThat(attempts(NIGHT)).as("nothing of the night is begun").isZero();
    }

    @Test
    void aHolderWhoseHeartbeatStoppedHoldsNothingAndTheRunnerIsGivenBack() {
        // the other node died running a night: its heartbeat is an hour old
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now().minus(Duration.ofHours(1)));

        NightlyChain.Result r = chain.run(NIGHT, "COMMAND", false);

        assertThat(r.completed()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM nightly_runner WHERE node_id IS NOT NULL")
                        .query(Long.class)
                        .single())
                .as("given back when the night ended")
                .isZero();
    }

    @Test
    void theScheduledNightWaitsForTheOtherOneAndThenRuns() throws Exception {
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());

        CompletableFuture<Optional<NightlyChain.Result>> scheduled =
                CompletableFuture.supplyAsync(() -> chain.runWhenFree(NIGHT, "SCHEDULE", false));
        Thread.sleep(1500);
        assertThat(scheduled).as("waiting").isNotDone();
        assertThat(attempts(NIGHT)).isZero();
        // the other node's night ends
        jdbc.sql("UPDATE nightly_runner SET node_id = NULL").update();

        Optional<NightlyChain.Result> r = scheduled.get(30, TimeUnit.SECONDS);
        assertThat(r).hasValueSatisfying(done -> assertThat(done.completed()).isTrue());
        assertThat(attempts(NIGHT)).isOne();
    }

    @Test
    void aNightWaitingWhenItsProcessStopsIsRecordedToBeGoneOnWith() throws Exception {
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());
        CompletableFuture<Optional<NightlyChain.Result>> scheduled =
                CompletableFuture.supplyAsync(() -> chain.runWhenFree(NIGHT, "SCHEDULE", false));
        Thread.sleep(1000);
        assertThat(chain.busy())
                .as("a stop waits for it as for a running night")
                .isTrue();

        chain.stopStarting();

        assertThat(scheduled.get(3, TimeUnit.SECONDS)).as("woken by the stop").isEmpty();
        assertThat(chain.busy()).isFalse();
        assertThat(status(NIGHT)).isEqualTo("FAILED");
        assertThat(chain.stoppedNight()).as("found by the next start").contains(NIGHT);
    }

    @Test
    void aCutShortNightTakenUpAndStillWaitingGetsItsMarkBack() throws Exception {
        // the night was cut short, and this process took it up (its mark overwritten) but waits for another's night
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind, started_at,
                          finished_at, steps_total, message)
                        VALUES (?, 1, 'flaky', 0, 'FAILED', 'SCHEDULE', ?, ?, 1, ?)""")
                .params(java.sql.Date.valueOf(NIGHT), longAgo, longAgo, NightlyChain.STOPPED_WITH_SERVE + "这一步没有开始")
                .update();
        assertThat(chain.takeStoppedNight(NIGHT)).isTrue();
        assertThat(chain.stoppedNight()).isEmpty();
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());
        CompletableFuture<Optional<NightlyChain.Result>> resumed =
                CompletableFuture.supplyAsync(() -> chain.runWhenFree(NIGHT, "SCHEDULE", true));
        Thread.sleep(1000);

        chain.stopStarting();

        assertThat(resumed.get(3, TimeUnit.SECONDS)).isEmpty();
        assertThat(chain.stoppedNight()).as("found again by the next start").contains(NIGHT);
    }

    @Test
    void aRunnerThisProcessLeftHeldWhileIdleIsGivenBack() {
        // its release failed (the database away for a moment): held by this live process, running nothing
        jdbc.sql("UPDATE nightly_runner SET node_id = ?, taken_at = ?")
                .params(ownNode(), Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
                .update();

        assertThat(chain.releaseRunnerIfIdle()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM nightly_runner WHERE node_id IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        // a hold taken a moment ago (a night beginning in another thread) is left
        jdbc.sql("UPDATE nightly_runner SET node_id = ?, taken_at = ?")
                .params(ownNode(), Timestamp.from(Instant.now()))
                .update();
        assertThat(chain.releaseRunnerIfIdle()).isZero();
    }

    @Autowired
    org.lujing.cluster.ClusterNode node;

    private String ownNode() {
        return node.id();
    }

    @Test
    void aStoppedNightIsNotTakenUpWhileAnotherProcessRunsANight() {
        // the schedule's night was cut short by a stop, and another node runs a night now
        Timestamp long_ago = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind, started_at,
                          finished_at, steps_total, message)
                        VALUES (?, 1, 'flaky', 0, 'FAILED', 'SCHEDULE', ?, ?, 1, ?)""")
                .params(java.sql.Date.valueOf(NIGHT), long_ago, long_ago, NightlyChain.STOPPED_WITH_SERVE + "这一步没有开始")
                .update();
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());

        assertThat(chain.goOnWithStoppedNight(Duration.ZERO)).isEmpty();
        assertThat(jdbc.sql("SELECT message FROM nightly_run WHERE run_date = ?")
                        .param(java.sql.Date.valueOf(NIGHT))
                        .query(String.class)
                        .single())
                .as("left to be taken up once the other night has ended")
                .startsWith(NightlyChain.STOPPED_WITH_SERVE);
    }

    @Test
    void aStepLeftRunningUnderADeadRunnerIsCutShortEvenWithoutItsRun() {
        // another node began the scheduled night's step and died before the step's job began (no run to recover)
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind, started_at,
                          steps_total)
                        VALUES (?, 1, 'flaky', 0, 'RUNNING', 'SCHEDULE', ?, 1)""").params(java.sql.Date.valueOf(NIGHT), now).update();
        anotherNodeRunsTheNightOf(NIGHT, Instant.now());

        // while its node beats, the step is its own
        assertThat(chain.cutShortLeftByDeadRunner()).isZero();
        assertThat(status(NIGHT)).isEqualTo("RUNNING");

        // once its heartbeat has stopped, the step says how it ended, and the night is found to go on with
        jdbc.sql("UPDATE lujing_node SET heartbeat_at = ? WHERE node_id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofHours(1))), OTHER)
                .update();
        assertThat(chain.cutShortLeftByDeadRunner()).isOne();
        assertThat(status(NIGHT)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT message FROM nightly_run WHERE run_date = ?")
                        .param(java.sql.Date.valueOf(NIGHT))
                        .query(String.class)
                        .single())
                .startsWith(NightlyChain.STOPPED_WITH_SERVE + NightlyChain.DIED);
        assertThat(chain.stoppedNight()).contains(NIGHT);
    }

    @Test
    void anAdminsRestartOfTheNightSaysWhyItDidNotGoOn(@Autowired org.lujing.operations.FailedRestarts restarts) {
        anotherNodeRunsTheNightOf(NIGHT.minusDays(1), Instant.now());
        var failedStep = new org.lujing.operations.JobQueries.Execution(
                987_654L, "nightlyStepJob", "FAILED", "FAILED", "the disk is full", null, null, null);

        List<org.lujing.operations.FailedRestarts.Outcome> outcomes =
                restarts.restart(List.of(failedStep), NIGHT, "COMMAND");

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo("FAILED");
            assertThat(o.restartedId()).isNull();
            assertThat(o.message()).contains("另一个进程（" + OTHER + "，h 上的进程 1）正在运行");
        });
        assertThat(attempts(NIGHT)).isZero();
    }

    private String status(LocalDate night) {
        return jdbc.sql("SELECT status FROM nightly_run WHERE run_date = ?")
                .param(java.sql.Date.valueOf(night))
                .query(String.class)
                .single();
    }

    private void anotherNodeRunsTheNightOf(LocalDate night, Instant heartbeat) {
        jdbc.sql("INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, 'h', 1, ?, ?)")
                .params(OTHER, Timestamp.from(heartbeat), Timestamp.from(heartbeat))
                .update();
        jdbc.sql("UPDATE nightly_runner SET node_id = ?, run_date = ?, trigger_kind = 'SCHEDULE', taken_at = ?")
                .params(OTHER, java.sql.Date.valueOf(night), Timestamp.from(heartbeat))
                .update();
    }

    private long attempts(LocalDate night) {
        return jdbc.sql("SELECT COUNT(DISTINCT attempt) FROM nightly_run WHERE run_date = ?")
                .param(java.sql.Date.valueOf(night))
                .query(Long.class)
                .single();
    }
}
