package org.lujing.operations;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
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

    private static final String FILE_INGEST_JOB = "fileIngestJob";

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final FileRegistry files;
    private final org.lujing.cluster.ClusterNode node;

    public JobControl(
            JobOperator jobOperator,
            JobRepository jobRepository,
            FileRegistry files,
            org.lujing.cluster.ClusterNode node) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.files = files;
        this.node = node;
    }

    /**
     * Restarts a failed or stopped execution; a restarted ingest resumes after its last committed chunk. The file an
     * ingest loads is claimed for this process first, so it is this process's heartbeat that keeps other nodes from
     * taking it over while it runs, and, should this process die, theirs to finish. A claim another live node holds
     * (it took the file over, or another admin's restart did a moment ago) refuses the restart.
     */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution execution = existing(executionId, "restart", RESTARTS);
        log.info("restarting {} execution #{}", execution.getJobInstance().getJobName(), executionId);
        if (FILE_INGEST_JOB.equals(execution.getJobInstance().getJobName())) {
            Optional<IngestedFile> unfinished = files.unfinishedOf(executionId);
            if (unfinished.isPresent()) {
                node.join();
                Optional<String> holder = files.claimForRestart(
                        unfinished.get(), node.nodeOf(executionId).orElse(null));
                if (holder.isPresent()) {
                    throw new Refused(
                            executionId,
                            "restart",
                            execution.getStatus().name(),
                            RESTARTS,
                            null,
                            null,
                            null,
                            null,
                            holder.get());
                }
            }
        }
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
        private final Long abandonedAt;
        private final IngestedFile unfinishedFile;
        private final String runningOn;

        Refused(long executionId, String action, String status, Set<String> allowed) {
            this(executionId, action, status, allowed, null, null, null, null, null);
        }

        private Refused(
                long executionId,
                String action,
                String status,
                Set<String> allowed,
                Long restartedAs,
                String restartedStatus,
                Long abandonedAt,
                IngestedFile unfinishedFile,
                String runningOn) {
            super(
                    status == null
                            ? "there is no job execution #" + executionId + " (see `jobs`)"
                            : restartedAs != null
                                    ? "execution #" + executionId + " was restarted already as #" + restartedAs + " ("
                                            + restartedStatus + ")"
                                    : abandonedAt != null
                                            ? "execution #" + executionId + " belongs to a job given up at #"
                                                    + abandonedAt + " (ABANDONED): it cannot run again"
                                            : runningOn != null
                                                    ? "execution #" + executionId + " is still being run by node "
                                                            + runningOn + ", which is alive: a restart now would run"
                                                            + " its rows a second time beside it"
                                                    : unfinishedFile != null
                                                            ? "execution #" + executionId + " is loading file #"
                                                                    + unfinishedFile.id()
                                                                    + ", still IN_PROGRESS: giving it"
                                                                    + " up would leave the file unfinished for good"
                                                            : "execution #" + executionId + " is " + status
                                                                    + " and cannot be given " + action + " (only "
                                                                    + String.join(", ", new TreeSet<>(allowed)) + ")");
            this.executionId = executionId;
            this.action = action;
            this.status = status;
            this.allowed = List.copyOf(new TreeSet<>(allowed));
            this.restartedAs = restartedAs;
            this.restartedStatus = restartedStatus;
            this.abandonedAt = abandonedAt;
            this.unfinishedFile = unfinishedFile;
            this.runningOn = runningOn;
        }

        /**
         * The node still running or holding the execution asked to restart — its process has not ended the run and
         * beats, or it holds the file's claim — else null.
         */
        public String runningOn() {
            return runningOn;
        }

        /**
         * An execution of the same instance that was given up (ABANDONED), which makes the instance final: Spring
         * Batch refuses to run any execution of it again. Null otherwise.
         */
        public Long abandonedAt() {
            return abandonedAt;
        }

        /**
         * The file an ingest execution is loading, still {@code IN_PROGRESS}, when abandoning was asked for: the file
         * would stay unfinished and its content claimed for good. Null otherwise.
         */
        public IngestedFile unfinishedFile() {
            return unfinishedFile;
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
        String status = execution.getStatus().name();
        if ("restart".equals(action) || "abandon".equals(action)) {
            // restarted already: restarting it again would restart its successor, or fail as already complete; giving
            // it up would give up the successor too (an abandoned execution makes its whole instance final), so the
            // admin acts on the latest execution, which the page and `jobs` show
            JobExecution later = jobRepository.getLastJobExecution(execution.getJobInstance());
            if (later != null && later.getId() > executionId) {
                throw new Refused(
                        executionId,
                        action,
                        status,
                        appliesTo,
                        later.getId(),
                        later.getStatus().name(),
                        null,
                        null,
                        null);
            }
        }
        if ("restart".equals(action)) {
            // an instance with an abandoned execution (given up before the check above existed) cannot run again
            Optional<JobExecution> abandoned = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                    .filter(e -> e.getStatus() == BatchStatus.ABANDONED)
                    .findFirst();
            if (abandoned.isPresent()) {
                throw new Refused(
                        executionId,
                        action,
                        status,
                        appliesTo,
                        null,
                        null,
                        abandoned.get().getId(),
                        null,
                        null);
            }
        }
        if ("restart".equals(action)) {
            Optional<String> runner = node.stillRunning(executionId);
            if (runner.isPresent()) {
                throw new Refused(executionId, action, status, appliesTo, null, null, null, null, runner.get());
            }
        }
        if ("abandon".equals(action)
                && FILE_INGEST_JOB.equals(execution.getJobInstance().getJobName())) {
            Optional<IngestedFile> unfinished = files.unfinishedOf(executionId);
            if (unfinished.isPresent()) {
                throw new Refused(executionId, action, status, appliesTo, null, null, null, unfinished.get(), null);
            }
        }
        return execution;
    }
}
