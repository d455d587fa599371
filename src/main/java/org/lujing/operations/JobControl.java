package org.lujing.operations;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/** What an admin does to one execution: restart it, ask it to stop, give it up. Reading is {@link JobQueries}'. */
@Service
public class JobControl {

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    /** The statuses each action takes, here and on the console's job page alike. */
    public static final Set<String> RESTARTS = Set.of("FAILED", "STOPPED");

    public static final Set<String> STOPS = Set.of("STARTING", "STARTED");

    public static final Set<String> ABANDONS = Set.of("FAILED", "STOPPED", "STOPPING");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public JobControl(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Restarts a failed or stopped execution; a restarted ingest resumes after its last committed chunk. */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution execution = existing(executionId, "restart", RESTARTS);
        log.info("restarting {} execution #{}", execution.getJobInstance().getJobName(), executionId);
        return jobOperator.restart(execution);
    }

    public boolean stop(long executionId) throws Exception {
        return jobOperator.stop(existing(executionId, "stop", STOPS));
    }

    public JobExecution abandon(long executionId) throws Exception {
        return jobOperator.abandon(existing(executionId, "abandon", ABANDONS));
    }

    /**
     * Refuses ({@link Refused}) an action that does not apply to the execution, before anything is done or audited:
     * {@code restart}, {@code stop} or {@code abandon}.
     */
    public void check(long executionId, String action) {
        existing(
                executionId,
                action,
                switch (action) {
                    case "restart" -> RESTARTS;
                    case "stop" -> STOPS;
                    case "abandon" -> ABANDONS;
                    default -> throw new IllegalArgumentException("no such job action: " + action);
                });
    }

    /**
     * An action that does not apply: the execution does not exist ({@code status} null) or is in a status the action
     * does not take. The caller says so in the operator's words; the codes are here for it.
     */
    public static final class Refused extends IllegalArgumentException {

        private final long executionId;
        private final String action;
        private final String status;
        private final List<String> allowed;

        private final Long restartedAs;
        private final String restartedStatus;

        Refused(long executionId, String action, String status, Set<String> allowed) {
            this(executionId, action, status, allowed, null, null);
        }

        Refused(
                long executionId,
                String action,
                String status,
                Set<String> allowed,
                Long restartedAs,
                String restartedStatus) {
            super(
                    status == null
                            ? "there is no job execution #" + executionId + " (see `jobs`)"
                            : restartedAs != null
                                    ? "execution #" + executionId + " was restarted already as #" + restartedAs + " ("
                                            + restartedStatus + ")"
                                    : "execution #" + executionId + " is " + status + " and cannot be given " + action
                                            + " (only " + String.join(", ", new TreeSet<>(allowed)) + ")");
            this.executionId = executionId;
            this.action = action;
            this.status = status;
            this.allowed = List.copyOf(new TreeSet<>(allowed));
            this.restartedAs = restartedAs;
            this.restartedStatus = restartedStatus;
        }

        /** The later execution of the same instance when the one asked for was restarted already, else null. */
        public Long restartedAs() {
            return restartedAs;
        }

        /** That later execution's status, else null. */
        public String restartedStatus() {
            return restartedStatus;
        }

        public long executionId() {
            return executionId;
        }

        /** restart, stop or abandon. */
        public String action() {
            return action;
        }

        /** The execution's status, or null when there is no such execution. */
        public String status() {
            return status;
        }

        /** The statuses the action takes, sorted. */
        public List<String> allowed() {
            return allowed;
        }
    }

    private JobExecution existing(long executionId, String action, Set<String> appliesTo) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            // the JDBC job repository answers a missing id with an exception, not with null
            execution = null;
        }
        if (execution == null) {
            throw new Refused(executionId, action, null, appliesTo);
        }
        if (!appliesTo.contains(execution.getStatus().name())) {
            throw new Refused(executionId, action, execution.getStatus().name(), appliesTo);
        }
        if ("restart".equals(action)) {
            // restarted already: restarting it again would restart its successor, or fail as already complete
            JobExecution later = jobRepository.getLastJobExecution(execution.getJobInstance());
            if (later != null && later.getId() > executionId) {
                throw new Refused(
                        executionId,
                        action,
                        execution.getStatus().name(),
                        appliesTo,
                        later.getId(),
                        later.getStatus().name());
            }
        }
        return execution;
    }
}
