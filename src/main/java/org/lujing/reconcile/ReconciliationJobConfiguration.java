package org.lujing.reconcile;

import java.time.LocalDate;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reconcile job the nightly chain runs through {@code JobOperator}: one tasklet step reconciling the ledger
 * as of the job parameter {@code asOf} (yyyy-MM-dd). Restartable; the step is idempotent for its date, so a rerun
 * (a new {@code run.id}) is always safe.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJobConfiguration {

    static final String JOB_NAME = "reconcileJob";
    static final String AS_OF = "asOf";

    @Bean
    Job reconcileJob(JobRepository jobRepository, Step reconcileStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(reconcileStep).build();
    }

    @Bean
    Step reconcileStep(JobRepository jobRepository, ReconcileTasklet reconcileTasklet) {
        // no transaction around the step: the reconciliation commits a batch of findings at a time itself
        return new StepBuilder("reconcileStep", jobRepository)
                .tasklet(reconcileTasklet, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    ReconcileTasklet reconcileTasklet(ReconcileService service, @Value("#{jobParameters['asOf']}") String asOf) {
        if (asOf == null || asOf.isBlank()) {
            throw new IllegalArgumentException("reconcileJob needs the job parameter asOf (yyyy-MM-dd)");
        }
        return new ReconcileTasklet(service, LocalDate.parse(asOf.strip()));
    }
}
