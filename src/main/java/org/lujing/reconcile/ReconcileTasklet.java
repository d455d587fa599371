package org.lujing.reconcile;

import java.time.LocalDate;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The reconcile step: one reconciliation as of the job's {@code asOf}, its per-rule counts left in the job's context. */
class ReconcileTasklet implements Tasklet {

    /** Job execution context key prefix: {@code reconcile.<RULE>} = "opened,seenAgain,cleared". */
    static final String COUNTS = "reconcile.";

    static final String ACTIVE = "reconcile.active";

    private final ReconcileService service;
    private final LocalDate asOf;

    ReconcileTasklet(ReconcileService service, LocalDate asOf) {
        this.service = service;
        this.asOf = asOf;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ReconcileSummary summary = service.reconcile(asOf);
        ExecutionContext job = chunkContext
                .getStepContext()
                .getStepExecution()
                .getJobExecution()
                .getExecutionContext();
        // plain strings: the context is serialised into the job repository
        summary.rules()
                .forEach(r -> job.putString(COUNTS + r.rule(), r.opened() + "," + r.seenAgain() + "," + r.cleared()));
        job.putInt(ACTIVE, summary.active());
        contribution.incrementWriteCount(summary.opened() + summary.seenAgain());
        return RepeatStatus.FINISHED;
    }
}
