package org.lujing.schedule;

import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a running nightly step's progress into its {@code nightly_run} row (V17), where the console and the
 * {@code nightly} command read it — from any process sharing the database, like an ingest's committed counts.
 */
@Component
class NightlyProgressRecorder {

    private static final Logger log = LoggerFactory.getLogger(NightlyProgressRecorder.class);

    private final JdbcClient jdbc;

    NightlyProgressRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The progress of one night's attempt's step; a failed write is logged, never fails the step. */
    NightlyStep.Progress of(LocalDate night, long attempt, String step) {
        return (done, total, zh, en) -> {
            try {
                // steps name no file or person in a note (a file's name may hold an ID number), so it needs no mask
                String note = zh == null ? null : truncate(zh + " ‖ " + (en == null ? zh : en));
                jdbc.sql("""
                                UPDATE nightly_run SET progress_done = ?, progress_total = ?, progress_note = ?
                                WHERE run_date = ? AND attempt = ? AND step = ?""")
                        .params(done, total > 0 ? total : null, note, java.sql.Date.valueOf(night), attempt, step)
                        .update();
            } catch (RuntimeException e) {
                log.warn("progress of nightly step {} for {} not recorded: {}", step, night, e.toString());
            }
        };
    }

    /**
     * Writes the step's job execution into its row as the execution begins, not only when it ends: a process killed
     * under the step (SIGKILL, a power cut) leaves the row naming the execution that crash recovery marks FAILED, so
     * the night can be found and gone on with ({@link NightlyChain#cutShortByDeadProcess}).
     */
    void begun(LocalDate night, long attempt, String step, long executionId) {
        jdbc.sql("""
                        UPDATE nightly_run SET job_execution_id = ?
                        WHERE run_date = ? AND attempt = ? AND step = ? AND status = 'RUNNING'""")
                .params(executionId, java.sql.Date.valueOf(night), attempt, step)
                .update();
    }

    private static String truncate(String s) {
        return s.length() > 400 ? s.substring(0, 399) + "…" : s;
    }
}
