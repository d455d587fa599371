package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.operations.JobControl;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * `jobs restart ID` of an execution restarted already is refused naming its successor: Spring Batch would restart the
 * successor instead, or fail as "already complete" in its own words.
 */
class JobsRestartedAlreadyIntegrationTests extends SharedLedgerContext {

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("fileIngestJob")
    Job fileIngestJob;

    @Autowired
    JobControl control;

    @Test
    void aRestartOfAnExecutionRestartedAlreadyIsRefusedNamingItsSuccessor() throws Exception {
        // given an ingest that failed (its archived copy is not there), restarted once: it failed again as a new one
        Path file = HOME.resolve("archive/community/gone/再次.xlsx");
        long id = org.lujing.TestJobs.failedIngest(jobOperator, fileIngestJob, file);
        long later = control.restart(id).getId();

        // when it is asked for again, then it is refused before anything is done
        assertThatThrownBy(() -> control.check(id, "restart")).isInstanceOfSatisfying(JobControl.Refused.class, r -> {
            assertThat(r.restartedAs()).isEqualTo(later);
            assertThat(JobsCommand.refusal(r)).contains("执行 #" + id + " 已被重新运行为 #" + later + "（失败（FAILED））");
        });
        // and the successor itself may still be restarted
        control.check(later, "restart");

        // and `jobs` lists the first with the restart that took it on, the successor as waiting
        var first = queries.find(id).orElseThrow();
        assertThat(JobsCommand.statusOf(first, queries)).isEqualTo("失败（FAILED），已重新运行为 #" + later + "：失败（FAILED）");
        assertThat(JobsCommand.statusOf(queries.find(later).orElseThrow(), queries))
                .isEqualTo("失败（FAILED）");
    }

    @Autowired
    org.lujing.operations.JobQueries queries;
}
