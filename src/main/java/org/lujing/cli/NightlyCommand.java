package org.lujing.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.console.JobProgress;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.lujing.report.TextTable;
import org.lujing.schedule.NightlyChain;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nightly [--date D] [--resume]}: the whole nightly chain, now. */
@Command(
        name = "nightly",
        description = "Run the nightly chain now: pull feeds → ingest inbox → rematch → reconcile → reports.")
class NightlyCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--date",
            paramLabel = "DATE",
            description = "The night (yyyy-MM-dd); default: yesterday, Asia/Shanghai.")
    LocalDate date;

    @Option(names = "--resume", description = "Continue the night's last attempt from the step where it stopped.")
    boolean resume;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate night = date != null ? date : today.minusDays(1);
        ReconcileCommand.notAfterToday(night, today, "夜间任务", "the nightly chain");
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            NightlyChain.Result r;
            // on a terminal, the running step's place in the night and its count, as the console shows it
            try (ProgressLine line = ProgressLine.start(
                    context.getBean(JobQueries.class), context.getBean(JobProgress.class), "nightlyStepJob", !json)) {
                r = context.getBean(NightlyChain.class).run(night, "COMMAND", resume);
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("night", r.night().toString());
                m.put("attempt", r.attempt());
                m.put("completed", r.completed());
                m.put(
                        "steps",
                        r.steps().stream()
                                .map(s -> {
                                    Map<String, Object> step = new LinkedHashMap<>();
                                    step.put("step", s.step());
                                    step.put("status", s.status());
                                    step.put("message", s.message());
                                    step.put("jobExecutionId", s.jobExecutionId());
                                    return step;
                                })
                                .toList());
                System.out.println(Json.write(m));
            } else {
                TextTable t = CliWords.table("步骤 step", "结果 status", "说明 message");
                ReportLanguage lang = CliWords.lang();
                r.steps()
                        .forEach(s -> t.row(
                                CliWords.coded(JobProgress.nightlyStepName(s.step(), lang), s.step()),
                                CliWords.jobStatus(s.status()),
                                "done earlier".equals(s.message())
                                        ? lang.pick("此前已完成", "done earlier")
                                        : lang.oneLanguage(s.message())));
                System.out.println(lang.pick(
                        "夜间任务 " + r.night() + "（第 " + r.attempt() + " 次）",
                        "Night of " + r.night() + " (attempt " + r.attempt() + ")"));
                System.out.print(t.render());
                if (r.givenUp()) {
                    System.out.println(lang.pick(
                            "已停止：这一轮的一个步骤已被放弃；运行 nightly --date " + r.night() + " 开始新的一轮",
                            "stopped: a step of this round was abandoned; run nightly --date " + r.night()
                                    + " to start a new round"));
                } else if (!r.completed()) {
                    System.out.println(lang.pick(
                            "已停止；排除原因后运行：nightly --date " + r.night() + " --resume",
                            "stopped; fix the cause, then: nightly --date " + r.night() + " --resume"));
                }
            }
            return r.completed() ? 0 : 4;
        }
    }
}
