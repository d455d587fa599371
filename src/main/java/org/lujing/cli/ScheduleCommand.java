package org.lujing.cli;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import org.lujing.schedule.NightlyDefinition;
import org.quartz.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schedule}: when the nightly chain fires next. */
@Command(name = "schedule", description = "The nightly chain's schedule and its next fire times.")
class ScheduleCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--count", defaultValue = "5", description = "How many fire times to show.")
    int count;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1_000) {
            throw new IllegalArgumentException("--count " + count + " 不对：应为 1 到 1000 之间的整数 ‖ --count " + count
                    + " is out of range: give a whole number from 1 to 1000");
        }
        try (var context = Boot.start(options.home, false, options.verbose)) {
            NightlyDefinition d = context.getBean(NightlyDefinition.class);
            CronExpression cron = new CronExpression(d.cron());
            cron.setTimeZone(TimeZone.getTimeZone(d.zone()));
            List<String> next = new ArrayList<>();
            Date t = new Date();
            for (int i = 0; i < count && (t = cron.getNextValidTimeAfter(t)) != null; i++) {
                next.add(ZonedDateTime.ofInstant(t.toInstant(), d.zone())
                        .toOffsetDateTime()
                        .toString());
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cron", d.cron());
                m.put("zone", d.zone().toString());
                m.put("steps", d.steps());
                m.put("next", next);
                System.out.println(Json.write(m));
            } else {
                var lang = CliWords.lang();
                System.out.println(lang.pick("夜间任务：", "nightly: ") + d.cron() + " (" + d.zone() + ") — "
                        + String.join(
                                " → ",
                                d.steps().stream()
                                        .map(step -> CliWords.coded(
                                                org.lujing.console.JobProgress.nightlyStepName(step, lang), step))
                                        .toList()));
                next.forEach(n -> System.out.println("  " + n));
            }
        }
        return 0;
    }
}
