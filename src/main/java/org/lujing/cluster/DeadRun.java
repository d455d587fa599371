package org.lujing.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * A job execution whose process is gone (killed, the power lost, its node silent), marked FAILED so that it can be
 * restarted, with the reason the job's page and the dashboard show: Spring Batch's recovery leaves the exit
 * description empty, and the page read "failed without a message". One wording for every path that finds such a run:
 * start-up and heartbeat recovery, and the takeover of a dead node's file.
 */
public final class DeadRun {

    private static final Logger log = LoggerFactory.getLogger(DeadRun.class);

    /** Chinese, then English: each reader's page shows one (the ledger's bilingual separator). */
    public static final String REASON = "运行它的进程已中止（被终止、断电或节点失联），恢复时标为失败；入库由 serve 自动完成，其他任务请重新运行"
            + " ‖ "
            + "the process running it stopped (killed, power lost or its node gone) and recovery marked it FAILED; an"
            + " ingest is finished by serve, anything else is restarted";

    private DeadRun() {}

    /**
     * Marks the run FAILED and writes why. {@link JobOperator#recover} throws when another node or thread recovered
     * it a moment earlier (the caller decides what that means); the reason not written is only logged.
     */
    public static JobExecution markFailed(JobOperator jobOperator, JobRepository jobRepository, JobExecution running) {
        JobExecution failed = jobOperator.recover(running);
        try {
            // recovery leaves the exit code as the dead run had it (UNKNOWN, EXECUTING): the page read 失败 beside 退出码 未知
            failed.setExitStatus(new org.springframework.batch.core.ExitStatus(
                            "FAILED", failed.getExitStatus().getExitDescription())
                    .addExitDescription(REASON));
            jobRepository.update(failed);
        } catch (RuntimeException e) {
            // another node or thread updated it meanwhile: FAILED all the same, only without the words
            log.info("execution #{}: recovered, its reason not written: {}", failed.getId(), e.toString());
        }
        return failed;
    }
}
