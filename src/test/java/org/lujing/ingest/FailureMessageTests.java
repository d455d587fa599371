package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLDataException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

class FailureMessageTests {

    @Test
    void aRunThatFailedInAStepSaysWhyThroughItsDeepestCause() {
        // given a run whose step failed: the job's own exit description stays blank
        JobExecution run = new JobExecution(7L, new JobInstance(3L, "fileIngestJob"), new JobParameters());
        run.setExitStatus(ExitStatus.FAILED);
        run.addFailureException(new IllegalStateException(
                "step failed",
                new RuntimeException(new SQLDataException("data exception: string data, right truncation"))));

        // then what is logged names the cause, not an empty message
        assertThat(FileIngestService.why(run))
                .isEqualTo("SQLDataException: data exception: string data, right truncation");
    }

    @Test
    void aRunWithADescriptionKeepsIt() {
        JobExecution run = new JobExecution(8L, new JobInstance(4L, "fileIngestJob"), new JobParameters());
        run.setExitStatus(ExitStatus.FAILED.addExitDescription("文件无法读取"));
        assertThat(FileIngestService.why(run)).isEqualTo("文件无法读取");
    }
}
