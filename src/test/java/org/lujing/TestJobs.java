package org.lujing;

import java.nio.file.Path;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;

/** Job executions the tests need in a given state. */
public final class TestJobs {

    private TestJobs() {}

    /**
     * A community ingest of a file that is not there: it fails at once, and so does each restart until the file is
     * put there. Returns the failed execution's id.
     */
    public static long failedIngest(JobOperator jobOperator, Job fileIngestJob, Path missing) throws Exception {
        return jobOperator
                .start(
                        fileIngestJob,
                        new JobParametersBuilder()
                                .addString("file", missing.toString())
                                .addString("source", "community")
                                .addString("name", missing.getFileName().toString())
                                .toJobParameters())
                .getId();
    }
}
