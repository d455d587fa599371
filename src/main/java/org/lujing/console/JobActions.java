package org.lujing.console;

import java.util.List;
import java.util.Set;
import org.lujing.audit.AuditLog;
import org.lujing.operations.JobsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Restart, stop and abandon from the console and the API: each needs a reason, which goes to the audit log with who
 * asked, before the action. A restart runs in the background (a file can take minutes), so the page returns at once
 * and shows the new execution as it goes.
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobActions {

    private static final Logger log = LoggerFactory.getLogger(JobActions.class);
    private static final Set<String> RESTARTABLE = Set.of("FAILED", "STOPPED");
    private static final Set<String> STOPPABLE = Set.of("STARTING", "STARTED");
    private static final Set<String> ABANDONABLE = Set.of("FAILED", "STOPPED", "STOPPING");

    private final JobsService jobs;
    private final AuditLog audit;
    private final TaskExecutor executor;

    JobActions(JobsService jobs, AuditLog audit, @Qualifier("consoleJobExecutor") TaskExecutor executor) {
        this.jobs = jobs;
        this.audit = audit;
        this.executor = executor;
    }

    /** Thrown when an action does not apply to an execution as it stands; the message says why and what to do. */
    static class ActionRefusedException extends RuntimeException {
        ActionRefusedException(String message) {
            super(message);
        }
    }

    void restart(long id, String reason, String actor) {
        JobsService.Execution e = check(id, reason, RESTARTABLE, "restarted");
        audit.record(actor, "JOB_RESTART", "job execution #" + id, reason, "console");
        executor.execute(() -> {
            try {
                var restarted = jobs.restart(id);
                log.info(
                        "{} restarted {} execution #{} as #{}: {}",
                        actor,
                        e.jobName(),
                        id,
                        restarted.getId(),
                        restarted.getStatus());
            } catch (Exception ex) {
                log.error("restart of execution #{} asked by {} failed: {}", id, actor, ex.toString());
            }
        });
    }

    /**
     * Restarts every failed execution that nothing has restarted yet — of one job, or of all jobs when {@code job} is
     * blank — with one reason and one audit entry naming them all. The restarts run one after another in the
     * background (two ingests at once would only compete for the same disk); the page returns at once.
     */
    List<Long> restartFailed(String job, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ActionRefusedException("a reason is required: it goes to the audit log");
        }
        List<JobsService.Execution> failed = jobs.failedAwaitingRestart(10_000).stream()
                .filter(e -> job == null || job.isBlank() || e.jobName().equals(job.strip()))
                .sorted(java.util.Comparator.comparingLong(JobsService.Execution::id))
                .toList();
        if (failed.isEmpty()) {
            throw new ActionRefusedException("no failed execution"
                    + (job == null || job.isBlank() ? "" : " of " + job.strip()) + " is waiting for a restart");
        }
        List<Long> ids = failed.stream().map(JobsService.Execution::id).toList();
        audit.record(
                actor,
                "JOB_RESTART_ALL",
                (job == null || job.isBlank() ? "all jobs" : job.strip()) + ": "
                        + String.join(", ", ids.stream().map(id -> "#" + id).toList()),
                reason,
                "console: " + ids.size() + " execution(s)");
        executor.execute(() -> {
            for (long id : ids) {
                try {
                    var restarted = jobs.restart(id);
                    log.info(
                            "{} restarted execution #{} as #{}: {}",
                            actor,
                            id,
                            restarted.getId(),
                            restarted.getStatus());
                } catch (Exception ex) {
                    log.error("restart of execution #{} asked by {} failed: {}", id, actor, ex.toString());
                }
            }
        });
        return ids;
    }

    /** The names of the jobs that have failed executions waiting for a restart, for the bulk restart's choice. */
    List<String> failedJobNames() {
        return jobs.failedAwaitingRestart(10_000).stream()
                .map(JobsService.Execution::jobName)
                .distinct()
                .sorted()
                .toList();
    }

    void stop(long id, String reason, String actor) throws Exception {
        check(id, reason, STOPPABLE, "stopped");
        audit.record(actor, "JOB_STOP", "job execution #" + id, reason, "console");
        jobs.stop(id);
    }

    void abandon(long id, String reason, String actor) throws Exception {
        check(id, reason, ABANDONABLE, "abandoned");
        audit.record(actor, "JOB_ABANDON", "job execution #" + id, reason, "console");
        jobs.abandon(id);
    }

    private JobsService.Execution check(long id, String reason, Set<String> allowed, String verb) {
        JobsService.Execution e =
                jobs.find(id).orElseThrow(() -> new ActionRefusedException("there is no job execution #" + id));
        if (reason == null || reason.isBlank()) {
            throw new ActionRefusedException("a reason is required: it goes to the audit log");
        }
        if (!allowed.contains(e.status())) {
            throw new ActionRefusedException("execution #" + id + " is " + e.status() + " and cannot be " + verb
                    + " (only " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return e;
    }
}
