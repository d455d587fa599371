package org.lujing.console;

import java.time.LocalDate;
import java.util.List;
import org.lujing.audit.AuditLog;
import org.lujing.operations.FailedRestarts;
import org.lujing.operations.JobControl;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
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

    private final JobQueries jobs;
    private final JobControl control;
    private final FailedRestarts restarts;
    private final AuditLog audit;
    private final TaskExecutor executor;
    /** Executions whose restart this console is launching now: a second request for one is refused, not queued. */
    private final java.util.Set<Long> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    JobActions(
            JobQueries jobs,
            JobControl control,
            FailedRestarts restarts,
            AuditLog audit,
            @Qualifier("consoleJobExecutor") TaskExecutor executor) {
        this.jobs = jobs;
        this.control = control;
        this.restarts = restarts;
        this.audit = audit;
        this.executor = executor;
    }

    /** Thrown when an action does not apply to an execution as it stands; the message says why and what to do. */
    static class ActionRefusedException extends RuntimeException {
        ActionRefusedException(String message) {
            super(message);
        }
    }

    /**
     * One action on one execution, audited first; a restart goes on in the background. A restart is refused, and not
     * audited, while another restart of the same execution is being launched from this console, or once a later
     * execution of its instance exists (it was restarted already, or is running): the background restart would only
     * fail with "already running" or "already complete" in the server's log, after the page said it was under way.
     */
    void apply(JobAction action, long id, String reason, String actor) throws Exception {
        if (action != JobAction.RESTART) {
            check(id, reason, action);
            applies(id, action);
            audit.record(actor, action.auditAction, "job execution #" + id, reason, "console");
            switch (action) {
                case STOP -> control.stop(id);
                case ABANDON -> control.abandon(id);
                default -> throw new IllegalStateException(action.name());
            }
            return;
        }
        if (!restarting.add(id)) {
            throw new ActionRefusedException(alreadyRestarting(id));
        }
        JobQueries.Execution e;
        try {
            e = check(id, reason, action);
            applies(id, action);
            audit.record(actor, action.auditAction, "job execution #" + id, reason, "console");
        } catch (RuntimeException refused) {
            restarting.remove(id);
            throw refused;
        }
        submit(id, () -> {
            try {
                var restarted = control.restart(id);
                log.info(
                        "{} restarted {} execution #{} as #{}: {}",
                        actor,
                        e.jobName(),
                        id,
                        restarted.getId(),
                        restarted.getStatus());
            } catch (Exception ex) {
                log.error("restart of execution #{} asked by {} failed: {}", id, actor, ex.toString());
            } finally {
                restarting.remove(id);
            }
        });
    }

    /**
     * Runs a restart on the console's threads; when they take no more (a full queue, shutting down), the execution
     * is let go at once, not left refused as "being restarted" until the server restarts.
     */
    private void submit(long id, Runnable restart) {
        try {
            executor.execute(restart);
        } catch (RuntimeException e) {
            restarting.remove(id);
            throw new ActionRefusedException(
                    lang().pick(
                                    "现在无法开始重新运行（后台任务已满或服务正在停止），请稍后再试",
                                    "the restart cannot start now (the background threads are busy or stopping); try again later"));
        }
    }

    /**
     * Refuses, in the reader's words, what the operations' rules refuse beyond the status: an execution restarted
     * already (act on its successor), one whose job was given up, an ingest whose file would stay unfinished for good.
     */
    private void applies(long id, JobAction action) {
        try {
            control.check(id, action.name().toLowerCase(java.util.Locale.ROOT));
        } catch (JobControl.Refused r) {
            ReportLanguage lang = lang();
            throw new ActionRefusedException(JobRefusalWords.of(r, lang, lang::jobStatus));
        }
    }

    private static String alreadyRestarting(long id) {
        return lang().pick(
                        "执行 #" + id + " 正在重新运行（刚刚已有人提交），请刷新页面查看进度",
                        "execution #" + id + " is being restarted already (just asked for); reload to follow it");
    }

    /**
     * Restarts every failed execution that nothing has restarted yet — of one night when {@code night} is given,
     * else of one job, or of all jobs when {@code job} is blank — with one reason and one audit entry naming them
     * all. The restarts run one after another in the background (a night's failed step last, resumed through the
     * chain); the page returns at once.
     */
    List<Long> restartFailed(String job, LocalDate night, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ActionRefusedException(reasonRequired());
        }
        // what another request is launching already is left to it (the restart would fail as already running)
        List<JobQueries.Execution> failed = restarts.waiting(job, night).stream()
                .filter(e -> restarting.add(e.id()))
                .toList();
        if (failed.isEmpty()) {
            ReportLanguage lang = lang();
            String which = job == null || job.isBlank() ? "" : lang.jobName(job.strip());
            throw new ActionRefusedException(lang.pick(
                    (night == null ? "" : night + " 夜间") + "没有等待重新运行的失败" + which + "执行",
                    "no failed execution" + (which.isEmpty() ? "" : " of " + which)
                            + (night == null ? "" : " of the night of " + night) + " is waiting for a restart"));
        }
        try {
            audit.record(
                    actor,
                    "JOB_RESTART_ALL",
                    FailedRestarts.auditTarget(job, night, failed),
                    reason,
                    "console: " + failed.size() + " execution(s)");
        } catch (RuntimeException e) {
            failed.forEach(f -> restarting.remove(f.id()));
            throw e;
        }
        executor.execute(() -> {
            try {
                for (FailedRestarts.Outcome o : restarts.restart(failed, night, "CONSOLE")) {
                    log.info("{} restarted execution #{} as #{}: {}", actor, o.failedId(), o.restartedId(), o.status());
                }
            } finally {
                failed.forEach(f -> restarting.remove(f.id()));
            }
        });
        return failed.stream().map(JobQueries.Execution::id).toList();
    }

    List<Long> restartFailed(String job, String reason, String actor) {
        return restartFailed(job, null, reason, actor);
    }

    /** The names of the jobs that have failed executions waiting for a restart, for the bulk restart's choice. */
    List<String> failedJobNames() {
        return jobs.failedAwaitingRestart(10_000).stream()
                .map(JobQueries.Execution::jobName)
                .distinct()
                .sorted()
                .toList();
    }

    private JobQueries.Execution check(long id, String reason, JobAction action) {
        ReportLanguage lang = lang();
        // an execution that does not exist is not found (404 from the API), as GET /api/jobs/{id} answers
        JobQueries.Execution e = jobs.find(id).orElseThrow(() -> NotFoundException.execution(id));
        if (reason == null || reason.isBlank()) {
            throw new ActionRefusedException(reasonRequired());
        }
        if (!action.appliesTo.contains(e.status())) {
            List<String> allowed = action.appliesTo.stream().sorted().toList();
            throw new ActionRefusedException(lang.pick(
                    "执行 #" + id + " 的状态是" + lang.jobStatus(e.status()) + "，不能" + action.zh + "（只有"
                            + String.join(
                                    "、", allowed.stream().map(lang::jobStatus).toList()) + "的执行可以）",
                    "execution #" + id + " is " + e.status() + " and cannot be " + action.verb + " (only "
                            + String.join(", ", allowed) + ")"));
        }
        return e;
    }

    /** The refusal of an audited action asked for without a reason, in the reader's language. */
    static String reasonRequired() {
        return lang().pick("请填写原因：它会写入审计日志", "a reason is required: it goes to the audit log");
    }

    private static ReportLanguage lang() {
        return ReportLanguage.of(LocaleContextHolder.getLocale());
    }
}
