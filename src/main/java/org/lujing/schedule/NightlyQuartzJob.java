package org.lujing.schedule;

import java.time.LocalDate;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The one Quartz job: at its fire time, runs the nightly chain for the day that has just ended. */
@DisallowConcurrentExecution
public class NightlyQuartzJob extends QuartzJobBean {

    private final NightlyChain chain;
    private final NightlyDefinition definition;

    public NightlyQuartzJob(NightlyChain chain, NightlyDefinition definition) {
        this.chain = chain;
        this.definition = definition;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        // the night is the day before the fire; a catch-up fire at start-up (after a night missed while the machine
        // was off) is dated now, so it too runs for the day that has just ended
        LocalDate night = context.getScheduledFireTime()
                .toInstant()
                .atZone(definition.zone())
                .toLocalDate()
                .minusDays(1);
        // another node may still finish an earlier night (one a dead node left): this one waits for it, not beside it
        chain.runWhenFree(night, "SCHEDULE", false);
    }
}
