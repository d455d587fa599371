package org.lujing.schedule;

import java.time.ZoneId;
import java.util.Optional;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The nightly schedule as {@code serve} stored it in Quartz's job store: what fires. It is the configuration of the
 * last {@code serve} started — a cron given to that serve on its command line included — and may differ from what a
 * command reads in {@code jobs/nightly.yaml}; the next serve stores the configuration again.
 */
@Component
public class StoredSchedule {

    /** The stored trigger's cron expression and zone. */
    public record Stored(String cron, ZoneId zone) {}

    private final ObjectProvider<Scheduler> scheduler;

    StoredSchedule(ObjectProvider<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    /** The stored trigger, when serve has stored one. */
    public Optional<Stored> read() {
        Scheduler s = scheduler.getIfAvailable();
        if (s == null) {
            return Optional.empty();
        }
        try {
            Trigger t = s.getTrigger(NightlySchedulingConfiguration.TRIGGER);
            return t instanceof CronTrigger cron
                    ? Optional.of(new Stored(
                            cron.getCronExpression(), cron.getTimeZone().toZoneId()))
                    : Optional.empty();
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }
}
