package org.lujing.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.operations.JobsService;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs [--status S] [--json]}, {@code jobs restart|stop|abandon ID}: every job execution, and what admins do to them. */
@Command(
        name = "jobs",
        description = "Job executions (ingests, nightly steps, reconciliations): list, restart, stop, abandon.",
        subcommands = {JobsCommand.Restart.class, JobsCommand.Stop.class, JobsCommand.Abandon.class})
class JobsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--status", paramLabel = "S", description = "COMPLETED, FAILED, STARTED, STOPPED, ABANDONED …")
    String status;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            List<JobsService.Execution> executions = context.getBean(JobsService.class)
                    .list(status == null ? null : status.toUpperCase(java.util.Locale.ROOT));
            if (json) {
                System.out.println(Json.write(
                        executions.stream().map(JobsService.Execution::asJson).toList()));
            } else {
                TextTable t = new TextTable("#", "任务 job", "状态 status", "开始 start", "结束 end", "参数 parameters");
                executions.forEach(e -> t.row(
                        Long.toString(e.id()),
                        CliWords.job(e.jobName()),
                        CliWords.jobStatus(e.status()),
                        e.startTime() == null ? "" : e.startTime().toString(),
                        e.endTime() == null ? "" : e.endTime().toString(),
                        e.parameters()));
                System.out.print(t.render());
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

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        abstract String act(JobsService jobs) throws Exception;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                context.getBean(AuditLog.class).record(actor.actor(), action(), "job execution #" + id, reason, null);
                System.out.println(act(context.getBean(JobsService.class)));
            }
            return 0;
        }
    }

    /** {@code jobs restart ID}. */
    @Command(
            name = "restart",
            description = "Restart a failed or stopped execution; an ingest resumes after its last committed chunk.")
    static class Restart extends Action {
        @Override
        String act(JobsService jobs) throws Exception {
            var execution = jobs.restart(id);
            return "execution #" + id + " restarted as #" + execution.getId() + ": " + execution.getStatus();
        }

        @Override
        String action() {
            return "JOB_RESTART";
        }
    }

    /** {@code jobs stop ID}. */
    @Command(name = "stop", description = "Ask a running execution to stop after its current chunk.")
    static class Stop extends Action {
        @Override
        String act(JobsService jobs) throws Exception {
            return "execution #" + id + (jobs.stop(id) ? ": stop requested" : ": could not be asked to stop");
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
        String act(JobsService jobs) throws Exception {
            return "execution #" + id + ": " + jobs.abandon(id).getStatus();
        }

        @Override
        String action() {
            return "JOB_ABANDON";
        }
    }
}
