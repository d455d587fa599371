package org.lujing.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.reconcile.ReconcileRunner;
import org.lujing.reconcile.ReconcileSummary;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reconcile [--date D] [--json]}: runs the nightly rules as of a date (the reconcile job) and prints per-rule counts. */
@Command(
        name = "reconcile",
        description =
                "Check the whole ledger as of a date (default: yesterday, Asia/Shanghai) and update the findings.")
class ReconcileCommand implements Callable<Integer> {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Mixin
    HomeOptions options;

    @Option(
            names = "--date",
            paramLabel = "yyyy-MM-dd",
            description = "The as-of date (default: yesterday in Asia/Shanghai).")
    LocalDate date;

    @Option(names = "--json", description = "Print a JSON object and nothing else on stdout.")
    boolean json;

    /**
     * Refuses a day after today: a reconciliation as of a day to come (alone or in a night) would open MISSING_FEED
     * findings for every period not yet due, thousands of them, that no later run clears.
     */
    static void notAfterToday(LocalDate day, LocalDate today, String zhWhat, String enWhat) {
        if (day.isAfter(today)) {
            throw new IllegalArgumentException("--date " + day + " 在今天（" + today + "，Asia/Shanghai）之后：" + zhWhat
                    + "只能按今天或以前的日期进行 ‖ --date " + day + " is after today (" + today + ", Asia/Shanghai): " + enWhat
                    + " runs as of today or an earlier date");
        }
    }

    @Override
    public Integer call() {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate asOf = date != null ? date : today.minusDays(1);
        notAfterToday(asOf, today, "对账", "reconciliation");
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            ReconcileRunner.Result result =
                    context.getBean(ReconcileRunner.class).run(asOf);
            ReconcileSummary s = result.summary();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("asOf", asOf.toString());
                m.put("status", result.status().name());
                m.put("jobExecutionId", result.jobExecutionId());
                if (s != null) {
                    List<Map<String, Object>> rules = new ArrayList<>();
                    for (ReconcileSummary.RuleCounts r : s.rules()) {
                        Map<String, Object> rule = new LinkedHashMap<>();
                        rule.put("rule", r.rule());
                        rule.put("new", r.opened());
                        rule.put("seenAgain", r.seenAgain());
                        rule.put("cleared", r.cleared());
                        rules.add(rule);
                    }
                    m.put("rules", rules);
                    m.put("active", s.active());
                }
                System.out.println(Json.write(m));
            } else if (s != null) {
                TextTable t = CliWords.table("规则 rule", "新 new", "仍在 seen again", "已消除 cleared");
                s.rules()
                        .forEach(r -> t.row(
                                CliWords.rule(r.rule()),
                                Integer.toString(r.opened()),
                                Integer.toString(r.seenAgain()),
                                Integer.toString(r.cleared())));
                System.out.println(CliWords.lang().pick("对账日期 " + asOf, "as of " + asOf));
                System.out.print(t.render());
                System.out.println(CliWords.lang()
                        .pick(
                                "共 " + s.active() + " 项发现待处理，`findings` 列出它们。",
                                s.active() + " findings hold. See `findings`."));
            } else {
                System.err.println(CliWords.lang()
                        .pick(
                                "对账任务 #" + result.jobExecutionId() + "（" + asOf + "）结束于"
                                        + CliWords.jobStatus(result.status().name()) + "（退出码 " + result.exitCode()
                                        + "）；排除原因后再运行 `reconcile --date " + asOf + "`。",
                                "reconcile job #" + result.jobExecutionId() + " for " + asOf + " ended "
                                        + result.status() + " (" + result.exitCode()
                                        + "); fix the cause and run `reconcile --date " + asOf + "` again."));
            }
            return result.completed() ? 0 : 1;
        }
    }
}
