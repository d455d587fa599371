package org.lujing.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/** What an admin does to one execution: restart it, ask it to stop, give it up. Reading is {@link JobQueries}'. */
@Service
public class JobControl {

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public JobControl(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Restarts a failed or stopped execution; a restarted ingest resumes after its last committed chunk. */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution execution = existing(executionId);
        log.info("restarting {} execution #{}", execution.getJobInstance().getJobName(), executionId);
        return jobOperator.restart(execution);
    }

    public boolean stop(long executionId) throws Exception {
        return jobOperator.stop(existing(executionId));
    }

    public JobExecution abandon(long executionId) throws Exception {
        return jobOperator.abandon(existing(executionId));
    }

    private JobExecution existing(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("there is no job execution #" + executionId + " (see `jobs`)");
        }
        return execution;
    }
}
