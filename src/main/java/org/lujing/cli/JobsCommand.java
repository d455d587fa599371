package org.lujing.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.operations.FailedRestarts;
import org.lujing.operations.JobControl;
import org.lujing.operations.JobQueries;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs [--status S] [--json]}, {@code jobs restart|stop|abandon ID}: every job execution, and what admins do to them. */
@Command(
        name = "jobs",
        description = "Job executions (ingests, nightly steps, reconciliations): list, restart, stop, abandon.",
        subcommands = {
            JobsCommand.Restart.class,
            JobsCommand.RestartFailed.class,
            JobsCommand.Stop.class,
            JobsCommand.Abandon.class
        })
class JobsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--status",
            paramLabel = "S",
            description = "COMPLETED, FAILED, STARTED, STOPPED, ABANDONED … (or its word: 失败, 已完成 …)")
    String status;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        // a mistyped status is refused before anything starts, not answered with an empty list
        String wanted = status == null ? null : org.lujing.report.ReportLanguage.jobStatusCode(status);
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            // read a thousand executions at a time as they are printed: every file ingested is one
            Iterable<JobQueries.Execution> executions =
                    context.getBean(JobQueries.class).newestFirst(wanted);
            org.lujing.source.SourceCatalog sources = context.getBean(org.lujing.source.SourceCatalog.class);
            JobQueries queries = context.getBean(JobQueries.class);
            if (json) {
                Json.printEach(executions, JobQueries.Execution::asJson);
            } else {
                TableBlocks.print(
                        executions,
                        () -> CliWords.table("#", "任务 job", "状态 status", "开始 start", "结束 end", "参数 parameters"),
                        (t, e) -> t.row(
                                Long.toString(e.id()),
                                CliWords.job(e.jobName()),
                                statusOf(e, queries),
                                CliWords.time(e.startTime()),
                                CliWords.time(e.endTime()),
                                org.lujing.console.JobParametersText.render(
                                        e.parameters(),
                                        CliWords.lang(),
                                        id -> sources.find(id)
                                                .map(org.lujing.source.SourceDefinition::agency)
                                                .orElse(id))),
                        wanted == null
                                ? CliWords.lang().pick("还没有任务运行过。", "No job has run yet.")
                                : CliWords.lang()
                                        .pick(
                                                "没有状态为「" + CliWords.jobStatus(wanted) + "」的任务。",
                                                "No job is " + CliWords.jobStatus(wanted) + "."),
                        System.out);
            }
        }
        return 0;
    }

    /** What restart, stop and abandon share: the execution, the reason, who. */
    abstract static class Action implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Parameters(paramLabel = "ID", description = "The execution's # (see `jobs`).")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        abstract String act(JobControl jobs) throws Exception;

        abstract String action();

        /** The action as {@link JobControl#check} names it: restart, stop or abandon. */
        String verb() {
            return action().substring("JOB_".length()).toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                JobControl jobs = context.getBean(JobControl.class);
                // a refused action is not one that was taken: the audit log names only those that were
                jobs.check(id, verb());
                context.getBean(AuditLog.class).record(actor.actor(), action(), "job execution #" + id, reason, null);
                System.out.println(act(jobs));
            } catch (JobControl.Refused r) {
                System.err.println("lujing: " + refusal(r));
                return 2;
            }
            return 0;
        }
    }

    /**
     * An execution's status, and for one that failed or stopped the restart that took it on: {@code jobs --status
     * FAILED} listed runs completed since as if they waited for a restart (the dashboard counts none).
     */
    static String statusOf(JobQueries.Execution e, JobQueries queries) {
        String status = CliWords.jobStatus(e.status());
        if (!"FAILED".equals(e.status()) && !"STOPPED".equals(e.status())) {
            return status;
        }
        return queries.restartedAs(e.id())
                .map(r -> status
                        + CliWords.lang()
                                .pick(
                                        "，已重新运行为 #" + r.id() + "：" + CliWords.jobStatus(r.status()),
                                        ", restarted as #" + r.id() + ": " + CliWords.jobStatus(r.status())))
                .orElse(status);
    }

    /** Why an action does not apply, in the operator's words, the statuses' codes beside them. */
    static String refusal(JobControl.Refused r) {
        return org.lujing.console.JobRefusalWords.of(r, CliWords.lang(), CliWords::jobStatus);
    }

    /** {@code jobs restart ID}. */
    @Command(
            name = "restart",
            description = "Restart a failed or stopped execution; an ingest resumes after its last committed chunk.")
    static class Restart extends Action {
        @Override
        String act(JobControl jobs) throws Exception {
            var execution = jobs.restart(id);
            return CliWords.lang()
                    .pick(
                            "执行 #" + id + " 已重新运行为 #" + execution.getId() + "："
                                    + CliWords.jobStatus(execution.getStatus().name()),
                            "execution #" + id + " restarted as #" + execution.getId() + ": "
                                    + CliWords.jobStatus(execution.getStatus().name()));
        }

        @Override
        String action() {
            return "JOB_RESTART";
        }
    }

    /**
     * {@code jobs restart-failed [--job NAME] [--night D] --reason TEXT}: every failed execution nothing has restarted
     * yet — of one job, of one night, or of all — restarted one after another with one audit entry naming them all.
     */
    @Command(
            name = "restart-failed",
            description = "Restart every failed execution not yet restarted (of --job NAME, of --night D, or of all)"
                    + " with one reason; a night's failed step is resumed through the chain.")
    static class RestartFailed implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Option(names = "--job", paramLabel = "NAME", description = "fileIngestJob, nightlyStepJob, reconcileJob …")
        String job;

        @Option(
                names = "--night",
                paramLabel = "DATE",
                description =
                        "A night (yyyy-MM-dd): its failed nightly step, the ingests it started, its reconciliation.")
        java.time.LocalDate night;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                FailedRestarts restarts = context.getBean(FailedRestarts.class);
                String wanted = job == null ? null : jobCode(job, context);
                List<JobQueries.Execution> failed = restarts.waiting(wanted, night);
                if (failed.isEmpty()) {
                    System.out.println(CliWords.lang()
                            .pick(
                                    night == null ? "没有等待重新运行的失败执行" : night + " 夜间没有等待重新运行的失败执行",
                                    night == null
                                            ? "no failed execution waits for a restart"
                                            : "no failed execution of the night of " + night + " waits for a restart"));
                    return 0;
                }
                context.getBean(AuditLog.class)
                        .record(
                                actor.actor(),
                                "JOB_RESTART_ALL",
                                FailedRestarts.auditTarget(wanted, night, failed),
                                reason,
                                "command line: " + failed.size() + " execution(s)");
                int notCompleted = 0;
                for (FailedRestarts.Outcome o : restarts.restart(failed, night, "COMMAND")) {
                    notCompleted += o.completed() ? 0 : 1;
                    System.out.println("#" + o.failedId() + " " + CliWords.job(o.jobName()) + " → "
                            + (o.restartedId() == null ? "" : "#" + o.restartedId() + " ")
                            + CliWords.jobStatus(o.status())
                            + (o.message() == null ? "" : "  " + CliWords.lang().oneLanguage(o.message())));
                }
                return notCompleted == 0 ? 0 : 1;
            }
        }
    }

    /**
     * The job a {@code --job} names, by its code (any case) or its name in either language (文件入库, File ingest); an
     * unknown one is refused with the list — it matched no execution and was answered "nothing waits".
     */
    static String jobCode(String typed, ConfigurableApplicationContext context) {
        String name = typed.strip();
        List<String> codes = context.getBeansOfType(org.springframework.batch.core.job.Job.class).values().stream()
                .map(org.springframework.batch.core.job.Job::getName)
                .distinct()
                .sorted()
                .toList();
        for (String code : codes) {
            if (code.equalsIgnoreCase(name)
                    || org.lujing.report.ReportLanguage.ZH.jobName(code).equals(name)
                    || org.lujing.report.ReportLanguage.EN.jobName(code).equalsIgnoreCase(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("没有任务 " + name + "；任务有 "
                + codes.stream()
                        .map(c -> org.lujing.report.ReportLanguage.ZH.jobName(c) + " " + c)
                        .collect(java.util.stream.Collectors.joining("、"))
                + " ‖ there is no job " + name + "; the jobs are " + String.join(", ", codes));
    }

    /** {@code jobs stop ID}. */
    @Command(name = "stop", description = "Ask a running execution to stop after its current chunk.")
    static class Stop extends Action {
        @Override
        String act(JobControl jobs) throws Exception {
            boolean asked = jobs.stop(id);
            return CliWords.lang()
                    .pick(
                            "执行 #" + id + (asked ? "：已请求停止" : "：无法请求停止"),
                            "execution #" + id + (asked ? ": stop requested" : ": could not be asked to stop"));
        }

        @Override
        String action() {
            return "JOB_STOP";
        }
    }

    /** {@code jobs abandon ID}. */
    @Command(
            name = "abandon",
            description = "Give up a stopped or failed execution for good (it will not be restarted).")
    static class Abandon extends Action {
        @Override
        String act(JobControl jobs) throws Exception {
            String status = CliWords.jobStatus(jobs.abandon(id).getStatus().name());
            return CliWords.lang().pick("执行 #" + id + "：" + status, "execution #" + id + ": " + status);
        }

        @Override
        String action() {
            return "JOB_ABANDON";
        }
    }
}
