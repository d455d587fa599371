package org.lujing.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Runs {@code reconcileJob} for a date through {@link JobOperator}, for the command line and the nightly chain.
 * Each run gets its own {@code run.id} (random, not the clock: two runs in the same millisecond, from two nodes or a
 * command beside the nightly chain, would otherwise be one job instance and the second refused), so the same date
 * can be reconciled again.
 */
@Component
public class ReconcileRunner {

    /** How a run ended: the job's status and id, and the summary when it completed. */
    public record Result(BatchStatus status, String exitCode, long jobExecutionId, ReconcileSummary summary) {

        public boolean completed() {
            return status == BatchStatus.COMPLETED;
        }
    }

    private final JobOperator jobOperator;
    private final Job reconcileJob;

    ReconcileRunner(JobOperator jobOperator, @Qualifier("reconcileJob") Job reconcileJob) {
        this.jobOperator = jobOperator;
        this.reconcileJob = reconcileJob;
    }

    /** A run's parameters: the date, and an id of its own. */
    static JobParameters parameters(LocalDate asOf) {
        return new JobParametersBuilder()
                .addString(ReconciliationJobConfiguration.AS_OF, asOf.toString())
                .addString("run.id", java.util.UUID.randomUUID().toString())
                .toJobParameters();
    }

    public Result run(LocalDate asOf) {
        JobParameters params = parameters(asOf);
        JobExecution execution;
        try {
            execution = jobOperator.start(reconcileJob, params);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not start " + ReconciliationJobConfiguration.JOB_NAME + " for " + asOf + ": "
                            + e.getMessage(),
                    e);
        }
        ReconcileSummary summary = null;
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            summary = summary(asOf, execution.getExecutionContext());
        }
        return new Result(execution.getStatus(), execution.getExitStatus().getExitCode(), execution.getId(), summary);
    }

    private static ReconcileSummary summary(LocalDate asOf, ExecutionContext context) {
        List<ReconcileSummary.RuleCounts> rules = new ArrayList<>();
        for (String rule : ReconcileService.RULE_ORDER) {
            String key = ReconcileTasklet.COUNTS + rule;
            if (context.containsKey(key)) {
                String[] n = context.getString(key).split(",");
                rules.add(new ReconcileSummary.RuleCounts(
                        rule, Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2])));
            }
        }
        return new ReconcileSummary(
                asOf,
                List.copyOf(rules),
                context.containsKey(ReconcileTasklet.ACTIVE) ? context.getInt(ReconcileTasklet.ACTIVE) : 0);
    }
}
