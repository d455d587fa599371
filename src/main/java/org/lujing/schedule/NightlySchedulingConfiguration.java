package org.lujing.schedule;

import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The one place for schedules: the nightly chain's JobDetail and cron Trigger, stored in Quartz's JDBC job store.
 * A fire missed while the machine was off is fired once when the scheduler starts (fire-and-proceed), not once
 * per missed night. A trigger already stored is kept (it remembers the missed fire); a changed cron replaces it.
 * Only {@code serve} stores or changes them ({@code lujing.nightly.writes-schedule}, false for every other command):
 * a command run with another {@code lujing.nightly.cron} — or none — never changes the cluster's schedule.
 */
@Configuration(proxyBeanMethods = false)
class NightlySchedulingConfiguration {

    static final String JOB = "nightly-chain";
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("nightly-chain-cron");
    private static final Logger log = LoggerFactory.getLogger(NightlySchedulingConfiguration.class);

    static final String WRITES_SCHEDULE = "lujing.nightly.writes-schedule";

    @Bean
    @ConditionalOnProperty(name = WRITES_SCHEDULE, havingValue = "true", matchIfMissing = true)
    JobDetail nightlyJobDetail() {
        return JobBuilder.newJob(NightlyQuartzJob.class)
                .withIdentity(JOB)
                .storeDurably()
                .withDescription("pull feeds → ingest inbox → rematch → reconcile → reports")
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = WRITES_SCHEDULE, havingValue = "true", matchIfMissing = true)
    Trigger nightlyTrigger(JobDetail nightlyJobDetail, NightlyDefinition definition) {
        return TriggerBuilder.newTrigger()
                .forJob(nightlyJobDetail)
                .withIdentity(TRIGGER)
                .withSchedule(cronSchedule(definition))
                .build();
    }

    static CronScheduleBuilder cronSchedule(NightlyDefinition definition) {
        return CronScheduleBuilder.cronSchedule(definition.cron())
                .inTimeZone(TimeZone.getTimeZone(definition.zone()))
                .withMisfireHandlingInstructionFireAndProceed();
    }

    /** The stored trigger wins (it carries a missed fire); when the configured cron differs, the configuration wins. */
    @EventListener(ApplicationReadyEvent.class)
    void applyChangedCron(ApplicationReadyEvent event) throws SchedulerException {
        if (!event.getApplicationContext().getEnvironment().getProperty(WRITES_SCHEDULE, Boolean.class, true)) {
            return;
        }
        Scheduler scheduler = event.getApplicationContext().getBean(Scheduler.class);
        NightlyDefinition definition = event.getApplicationContext().getBean(NightlyDefinition.class);
        Trigger stored = scheduler.getTrigger(TRIGGER);
        if (stored instanceof CronTrigger cron
                && (!cron.getCronExpression().equals(definition.cron())
                        || !cron.getTimeZone().toZoneId().equals(definition.zone()))) {
            log.info(
                    "nightly schedule changed from '{}' to '{}' ({})",
                    cron.getCronExpression(),
                    definition.cron(),
                    definition.zone());
            scheduler.rescheduleJob(
                    TRIGGER,
                    TriggerBuilder.newTrigger()
                            .forJob(JOB)
                            .withIdentity(TRIGGER)
                            .withSchedule(cronSchedule(definition))
                            .build());
        }
    }
}
