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
 * An admin's restart of an ingest another node still runs: stopped from elsewhere, the execution and its step are
 * marked STOPPED at once (Spring Batch's stop) while its node finishes the chunk it is in — or hangs in it. A restart
 * then ran the same rows beside it, failed on the ledger's unique key, and left the file waiting for yet another
 * restart by hand (a stranger's two nodes on PostgreSQL). It is refused while that node's process has not ended the
 * run and beats; a restart that goes ahead takes the file's claim for its process, never from another live node.
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
    void aRunAnotherLiveNodeHasNotEndedIsNotRestartedBesideIt() throws Exception {
        // given an ingest whose execution and steps are marked ended — as a stop asked from another node marks them at
        // once — while the node running it, which still beats, has not ended the run (it is in its chunk, or hangs)
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处.xlsx"));
        // a run of this process records its end for the other nodes
        assertThat(endedAt(id)).isNotNull();
        runBy(id, HUNG, null);
        startedAndBeats(Instant.now().minus(Duration.ofHours(1)), Instant.now());

        // then its restart is refused, naming the node, in the admin's words, and nothing runs
        assertThatThrownBy(() -> control.restart(id)).isInstanceOfSatisfying(JobControl.Refused.class, r -> {
            assertThat(r.runningOn()).isEqualTo(HUNG);
            assertThat(JobRefusalWords.of(r, ReportLanguage.ZH, s -> s))
                    .contains("仍由节点 " + HUNG + " 运行或持有")
                    .contains("重新启动 Lujing（serve）");
        });
        assertThat(executionsOfItsInstance(id)).isEqualTo(1);

        // once that node has ended the run, it may be restarted here
        jdbc.sql("UPDATE job_node SET ended_at = ? WHERE job_execution_id = ?")
                .params(Timestamp.from(Instant.now()), id)
                .update();
        control.check(id, "restart");
        // and so once the node is a new process of the same name (started again after a crash), or silent
        runBy(id, HUNG, null);
        startedAndBeats(Instant.now(), Instant.now());
        control.check(id, "restart");
        startedAndBeats(
                Instant.now().minus(Duration.ofHours(2)),
                Instant.now().minus(node.recoverAfter()).minus(Duration.ofMinutes(1)));
        control.check(id, "restart");
    }

    @Test
    void aRestartTakesTheUnfinishedFilesClaimFromTheNodeThatRanIt() throws Exception {
        // given an ingest that failed with its file unfinished, the content's claim still held by the node that ran
        // and ended it, which beats
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处3.xlsx"));
        String sha = unfinishedFileClaimedBy(id, HUNG);
        runBy(id, HUNG, Instant.now());
        startedAndBeats(Instant.now().minus(Duration.ofHours(1)), Instant.now());

        // when an admin restarts it here
        control.restart(id);

        // then the claim is this process's: its heartbeat keeps the file, its silence hands it on
        assertThat(claimHolder(sha)).isEqualTo(node.id());
    }

    @Test
    void aClaimAnotherLiveNodeTookIsNotTakenFromIt() throws Exception {
        // given an ingest that failed with its file unfinished, whose claim another live node (not the one that ran
        // it) took a moment ago, to finish it or because another admin restarted it there
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/别处4.xlsx"));
        String sha = unfinishedFileClaimedBy(id, HUNG);
        startedAndBeats(Instant.now().minus(Duration.ofHours(1)), Instant.now());

        // then a restart here is refused naming that node, and the claim stays with it
        assertThatThrownBy(() -> control.restart(id))
                .isInstanceOfSatisfying(
                        JobControl.Refused.class, r -> assertThat(r.runningOn()).isEqualTo(HUNG));
        assertThat(claimHolder(sha)).isEqualTo(HUNG);
        assertThat(executionsOfItsInstance(id)).isEqualTo(1);
    }

    private String unfinishedFileClaimedBy(long executionId, String holder) {
        String sha = Long.toHexString(executionId).repeat(64).substring(0, 64);
        jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format,
                          received_at, outcome, job_execution_id)
                        VALUES ('community', '别处.xlsx', 'archive/community/gone/别处.xlsx', ?, 1, 'xlsx', ?, 'IN_PROGRESS', ?)""").params(sha, Timestamp.from(Instant.now()), executionId).update();
        long fileId = jdbc.sql("SELECT id FROM ingest_file WHERE sha256 = ?")
                .param(sha)
                .query(Long.class)
                .single();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO file_claim (sha256, file_id, claimed_at, node_id, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                .params(sha, fileId, now, holder, now)
                .update();
        return sha;
    }

    private String claimHolder(String sha) {
        return jdbc.sql("SELECT node_id FROM file_claim WHERE sha256 = ?")
                .param(sha)
                .query(String.class)
                .single();
    }

    private Timestamp endedAt(long id) {
        return jdbc.sql("SELECT ended_at FROM job_node WHERE job_execution_id = ?")
                .param(id)
                .query(Timestamp.class)
                .single();
    }

    private void runBy(long id, String runner, Instant ended) {
        jdbc.sql("DELETE FROM job_node WHERE job_execution_id = ?").param(id).update();
        jdbc.sql("INSERT INTO job_node (job_execution_id, node_id, ended_at) VALUES (?, ?, ?)")
                .params(id, runner, ended == null ? null : Timestamp.from(ended))
                .update();
    }

    private void startedAndBeats(Instant started, Instant beat) {
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = ?").param(HUNG).update();
        jdbc.sql(
                        "INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES (?, 'elsewhere', 1, ?, ?)")
                .params(HUNG, Timestamp.from(started), Timestamp.from(beat))
                .update();
    }

    private long executionsOfItsInstance(long id) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution WHERE job_instance_id =
                          (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(id).query(Long.class).single();
    }
}
