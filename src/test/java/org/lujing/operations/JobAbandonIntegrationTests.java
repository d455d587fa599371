package org.lujing.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestJobs;
import org.lujing.console.JobRefusalWords;
import org.lujing.report.ReportLanguage;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Giving up an execution: an abandoned execution makes its whole job instance final (Spring Batch never runs it
 * again), so abandoning one that was restarted already, or an ingest whose file is unfinished, is refused before
 * anything is done; and what an earlier version let through is told for what it is, not offered a restart that fails.
 */
class JobAbandonIntegrationTests extends SharedLedgerContext {

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("fileIngestJob")
    Job fileIngestJob;

    @Autowired
    JobControl control;

    @Autowired
    JobQueries queries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.batch.core.repository.JobRepository jobRepository;

    @Test
    void anExecutionRestartedAlreadyIsNotAbandonedBehindItsSuccessor() throws Exception {
        // given a failed ingest restarted once, failed again
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/放弃1.xlsx"));
        long later = control.restart(id).getId();

        // then giving up the first is refused, naming the one to act on, and nothing is abandoned
        assertThatThrownBy(() -> control.abandon(id)).isInstanceOfSatisfying(JobControl.Refused.class, r -> {
            assertThat(r.restartedAs()).isEqualTo(later);
            assertThat(JobRefusalWords.of(r, ReportLanguage.ZH, s -> s))
                    .contains("已被重新运行为 #" + later)
                    .contains("请对 #" + later + " 操作");
        });
        assertThat(status(id)).isEqualTo("FAILED");
        // and the successor can still be restarted
        control.check(later, "restart");
    }

    @Test
    void aJobGivenUpByAnEarlierVersionIsNotOfferedARestartThatWouldFail() throws Exception {
        // given a failed ingest restarted once, whose first execution was abandoned behind its successor's back
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/放弃2.xlsx"));
        long later = control.restart(id).getId();
        jobOperator.abandon(jobRepository.getJobExecution(id));

        // then the successor's restart is refused naming the abandoned execution (Spring Batch would fail it as
        // "already complete"), and it waits for no restart on the dashboard
        assertThatThrownBy(() -> control.check(later, "restart"))
                .isInstanceOfSatisfying(JobControl.Refused.class, r -> {
                    assertThat(r.abandonedAt()).isEqualTo(id);
                    assertThat(JobRefusalWords.of(r, ReportLanguage.ZH, s -> s)).contains("已在执行 #" + id + " 被放弃");
                });
        assertThat(queries.failedAwaitingRestart(10_000))
                .extracting(JobQueries.Execution::id)
                .doesNotContain(later);
    }

    @Test
    void anIngestWhoseFileIsUnfinishedIsNotAbandoned() throws Exception {
        // given a failed ingest whose file entry is still in progress (a run that stopped halfway)
        long id = TestJobs.failedIngest(jobOperator, fileIngestJob, HOME.resolve("archive/community/gone/放弃3.xlsx"));
        long fileId = jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, sha256, size_bytes, received_at, outcome,
                          job_execution_id)
                        VALUES ('community', '放弃3.xlsx', ?, 1, ?, 'IN_PROGRESS', ?)""")
                                .params("c".repeat(64), Timestamp.from(Instant.now()), id)
                                .update()
                        > 0
                ? jdbc.sql("SELECT MAX(id) FROM ingest_file").query(Long.class).single()
                : -1;
        try {
            // then giving it up is refused, naming the file, and the execution stays restartable
            assertThatThrownBy(() -> control.abandon(id)).isInstanceOfSatisfying(JobControl.Refused.class, r -> {
                assertThat(r.unfinishedFile().id()).isEqualTo(fileId);
                assertThat(JobRefusalWords.of(r, ReportLanguage.ZH, s -> s))
                        .contains("文件 #" + fileId + "（放弃3.xlsx）尚未入库完成")
                        .contains("重新运行 #" + id);
            });
            assertThat(status(id)).isEqualTo("FAILED");

            // once the file is finished (here: given a final outcome), the execution may be given up
            jdbc.sql("UPDATE ingest_file SET outcome = 'FILE_CORRUPT' WHERE id = ?")
                    .param(fileId)
                    .update();
            control.abandon(id);
            assertThat(status(id)).isEqualTo("ABANDONED");
        } finally {
            jdbc.sql("DELETE FROM ingest_file WHERE id = ?").param(fileId).update();
        }
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
