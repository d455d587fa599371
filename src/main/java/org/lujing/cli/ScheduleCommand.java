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
            // what fires is the trigger serve stored (its own cron, a --lujing.nightly.cron on its command line
            // included), not what this command reads in jobs/nightly.yaml
            var stored = context.getBean(org.lujing.schedule.StoredSchedule.class)
                    .read()
                    .orElse(null);
            boolean differs = stored != null
                    && (!stored.cron().equals(d.cron()) || !stored.zone().equals(d.zone()));
            String firing = stored != null ? stored.cron() : d.cron();
            java.time.ZoneId firingZone = stored != null ? stored.zone() : d.zone();
            CronExpression cron = new CronExpression(firing);
            cron.setTimeZone(TimeZone.getTimeZone(firingZone));
            List<String> next = new ArrayList<>();
            Date t = new Date();
            for (int i = 0; i < count && (t = cron.getNextValidTimeAfter(t)) != null; i++) {
                next.add(ZonedDateTime.ofInstant(t.toInstant(), firingZone)
                        .toOffsetDateTime()
                        .toString());
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cron", d.cron());
                m.put("zone", d.zone().toString());
                m.put("steps", d.steps());
                // the trigger serve stored, null before serve stored one: "next" follows it
                Map<String, Object> storedJson = null;
                if (stored != null) {
                    storedJson = new LinkedHashMap<>();
                    storedJson.put("cron", stored.cron());
                    storedJson.put("zone", stored.zone().toString());
                }
                m.put("stored", storedJson);
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
                if (differs) {
                    System.out.println(lang.pick(
                            "  serve 存储并按此执行的计划是 " + stored.cron() + " (" + stored.zone() + ")，与上面的配置不同；"
                                    + "下面是它的执行时间。serve 下次启动时改用配置中的计划",
                            "  serve stored and fires " + stored.cron() + " (" + stored.zone() + "), not the"
                                    + " configuration above; the times below are its own. The next serve start"
                                    + " stores the configuration"));
                }
                next.forEach(n -> System.out.println("  " + n));
            }
        }
        return 0;
    }
}
