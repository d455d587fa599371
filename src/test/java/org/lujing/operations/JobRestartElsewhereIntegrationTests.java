package org.lujing.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestJobs;
import org.lujing.cluster.ClusterNode;
import org.lujing.console.JobRefusalWords;
import org.lujing.report.ReportLanguage;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An admin's restart of an ingest another node still runs: stopped from elsewhere, the execution is marked at once
 * while its node finishes the chunk it is in — or hangs in it. A restart then ran the same rows beside it, failed on
 * the ledger's unique key, and left the file waiting for yet another restart by hand (a stranger's two nodes on
 * PostgreSQL). It is refused while that node beats; a restart that goes ahead takes the file's claim for its process.
 */
class JobRestartElsewhereIntegrationTests extends SharedLedgerContext {

    private static final String HUNG = "node-hung-elsewhere";

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("fileIngestJob")
    Job fileIngestJob;

    @Autowired
    JobControl control;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClusterNode node;

    @AfterEach
    void forgetTheOtherNode() {
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = ?").param(HUNG).update();
    }

    @Test
    void aRunStillGoingOnAnotherLiveNodeIsNotRestartedBesideIt() throws Exception {
        // given an ingest whose execution is marked stopped while its step, on another node that still beats, has
        // not ended
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处.xlsx"));
        jdbc.sql("UPDATE batch_job_execution SET status = 'STOPPED' WHERE job_execution_id = ?")
                .param(id)
                .update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = ?")
                .param(id)
                .update();
        jdbc.sql("DELETE FROM job_node WHERE job_execution_id = ?").param(id).update();
        jdbc.sql("INSERT INTO job_node (job_execution_id, node_id) VALUES (?, ?)")
                .params(id, HUNG)
                .update();
        beats(Instant.now());

        // then its restart is refused, naming the node, in the admin's words, and nothing runs
        assertThatThrownBy(() -> control.restart(id)).isInstanceOfSatisfying(JobControl.Refused.class, r -> {
            assertThat(r.runningOn()).isEqualTo(HUNG);
            assertThat(JobRefusalWords.of(r, ReportLanguage.ZH, s -> s))
                    .contains("仍在节点 " + HUNG + " 上运行")
                    .contains("lujing.jobs.recover-after");
        });
        assertThat(executionsOfItsInstance(id)).isEqualTo(1);

        // once that node has been silent for recover-after, the restart goes ahead
        beats(Instant.now().minus(node.recoverAfter()).minus(Duration.ofMinutes(1)));
        control.check(id, "restart");
    }

    @Test
    void aRunWhoseStepsEndedIsRestartedWhateverItsNode() throws Exception {
        // given a failed ingest whose steps ended, run by another node that still beats
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处2.xlsx"));
        jdbc.sql("DELETE FROM job_node WHERE job_execution_id = ?").param(id).update();
        jdbc.sql("INSERT INTO job_node (job_execution_id, node_id) VALUES (?, ?)")
                .params(id, HUNG)
                .update();
        beats(Instant.now());

        // then it may be restarted here
        long later = control.restart(id).getId();
        assertThat(later).isGreaterThan(id);
    }

    @Test
    void aRestartTakesTheUnfinishedFilesClaimForItsProcess() throws Exception {
        // given an ingest that failed with its file unfinished, the content's claim still held by the node that ran it
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处3.xlsx"));
        String sha = "e".repeat(64);
        jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format,
                          received_at, outcome, job_execution_id)
                        VALUES ('community', '别处3.xlsx', ?, ?, 1, 'xlsx', ?, 'IN_PROGRESS', ?)""")
                .params(
                        HOME.resolve("archive/community/gone/别处3.xlsx").toString(),
                        sha,
                        Timestamp.from(Instant.now()),
                        id)
                .update();
        long fileId = jdbc.sql("SELECT id FROM ingest_file WHERE sha256 = ?")
                .param(sha)
                .query(Long.class)
                .single();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO file_claim (sha256, file_id, claimed_at, node_id, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                .params(sha, fileId, now, HUNG, now)
                .update();
        beats(Instant.now());

        // when an admin restarts it here
        control.restart(id);

        // then the claim is this process's: its heartbeat keeps the file, its silence hands it on
        assertThat(jdbc.sql("SELECT node_id FROM file_claim WHERE sha256 = ?")
                        .param(sha)
                        .query(String.class)
                        .single())
                .isEqualTo(node.id());
    }

    private void beats(Instant at) {
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = ?").param(HUNG).update();
        jdbc.sql(
                        "INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, 'elsewhere', 1, ?, ?)")
                .params(HUNG, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    private long executionsOfItsInstance(long id) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution WHERE job_instance_id =
                          (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(id).query(Long.class).single();
    }
}
