package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.lujing.LujingApplication;
import org.lujing.TestHomes;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Quartz fires the nightly chain from its JDBC store: once at its time, and once — not once per missed night — when
 * the application starts after being down over a fire time.
 */
class NightlySchedulerIntegrationTests {

    @Test
    void aCronAFewSecondsAheadRunsTheChainOnce() throws Exception {
        Path home = home("cron");

        try (ConfigurableApplicationContext app = start(home, "0 0 2 * * ?")) {
            // once the scheduler runs (start-up time varies on a shared machine), move the trigger to 5 s from now
            String cron = cronAt(ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(5));
            app.getBean(org.quartz.Scheduler.class)
                    .rescheduleJob(
                            NightlySchedulingConfiguration.TRIGGER,
                            org.quartz.TriggerBuilder.newTrigger()
                                    .forJob(NightlySchedulingConfiguration.JOB)
                                    .withIdentity(NightlySchedulingConfiguration.TRIGGER)
                                    .withSchedule(org.quartz.CronScheduleBuilder.cronSchedule(cron)
                                            .inTimeZone(java.util.TimeZone.getTimeZone("Asia/Shanghai"))
                                            .withMisfireHandlingInstructionFireAndProceed())
                                    .build());
            NightlyChain chain = app.getBean(NightlyChain.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> chain.attempts("SCHEDULE") == 1);
            // the chain's last step writes three workbooks: on a loaded machine that outlasts a fixed pause
            var night = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> chain.history(night).stream()
                            .noneMatch(row -> row.values().contains("RUNNING")));
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);

            assertThat(chain.attempts("SCHEDULE")).isEqualTo(1);
            LocalDateAssertions.lastNightCompleted(chain);
        }
    }

    @Test
    void aFireMissedWhileTheApplicationWasDownRunsOnceAtStart() throws Exception {
        Path home = home("catch-up");
        // far enough ahead that the first start-up (which stores the trigger) is over before it
        ZonedDateTime fire = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(25);
        String cron = cronAt(fire);

        // the application stores the trigger, then goes down before the fire time
        try (ConfigurableApplicationContext app = start(home, cron)) {
            assertThat(app.getBean(NightlyChain.class).attempts("SCHEDULE")).isZero();
            assertThat(ZonedDateTime.now(fire.getZone()))
                    .as("stored before its fire time")
                    .isBefore(fire);
        }
        long wait = Duration.between(ZonedDateTime.now(fire.getZone()), fire).toMillis() + 2_500;
        Thread.sleep(Math.max(wait, 0));

        // and comes back after it
        try (ConfigurableApplicationContext app = start(home, cron)) {
            NightlyChain chain = app.getBean(NightlyChain.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> chain.attempts("SCHEDULE") == 1);
            await().pollDelay(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> true);

            assertThat(chain.attempts("SCHEDULE"))
                    .as("one catch-up run, not one per missed fire")
                    .isEqualTo(1);
        }
    }

    static String cronAt(ZonedDateTime t) {
        return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * ?";
    }

    static Path home(String name) throws IOException {
        Path home = TestHomes.fresh("scheduler-" + name);
        Path jobs = home.resolve("jobs");
        Files.createDirectories(jobs);
        Files.createDirectories(home.resolve("no-routes"));
        copyDir(Path.of("jobs/sources"), jobs.resolve("sources"));
        Files.copy(Path.of("jobs/agencies.yaml"), jobs.resolve("agencies.yaml"));
        Files.writeString(jobs.resolve("nightly.yaml"), """
                cron: "0 0 2 * * ?"
                zone: Asia/Shanghai
                steps: [ingest-inbox, rematch, reports]
                """);
        return home;
    }

    static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    static ConfigurableApplicationContext start(Path home, String cron) {
        return new SpringApplicationBuilder(LujingApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--lujing.home=" + home,
                        "--lujing.jobs-dir=" + home.resolve("jobs"),
                        "--lujing.nightly.cron=" + cron,
                        "--lujing.routes-dir=" + home.resolve("no-routes"),
                        "--spring.quartz.auto-startup=true",
                        "--camel.main.auto-startup=false",
                        "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000");
    }

    /** Shared assertion: the night before today completed every step. */
    static final class LocalDateAssertions {
        static void lastNightCompleted(NightlyChain chain) {
            var night = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
            assertThat(chain.history(night))
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.values()).contains("COMPLETED"));
        }
    }
}
