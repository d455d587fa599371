package org.lujing.console;

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
