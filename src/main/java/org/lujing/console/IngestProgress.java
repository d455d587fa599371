package org.lujing.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.report.ReportLanguage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far a running ingest has got, from what its steps have committed: while the rows are read and staged, how
 * many (the total is not known before the file is read to its end); while they are published into the ledger, how
 * many of the staged total, the percentage and the time left at the rate since publication started. Read from the
 * job repository and the file's publication mark, so it works for a run in any process sharing the database.
 */
@Component
public class IngestProgress {

    /** One look at a running (or finished) execution. */
    public record Progress(
            long executionId,
            String status,
            String step,
            long done,
            Long total,
            Integer percent,
            Long secondsLeft,
            String text) {

        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("executionId", executionId);
            m.put("status", status);
            m.put("step", step);
            m.put("done", done);
            m.put("total", total);
            m.put("percent", percent);
            m.put("secondsLeft", secondsLeft);
            m.put("text", text);
            return m;
        }
    }

    private record StepRow(String name, String status, long read, long write, Timestamp start) {}

    private final JdbcClient jdbc;

    public IngestProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Progress> of(long executionId, ReportLanguage lang) {
        Optional<String> status = jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
                .param(executionId)
                .query(String.class)
                .optional();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        List<StepRow> steps = jdbc.sql("""
                        SELECT step_name, status, read_count, write_count, start_time FROM batch_step_execution
                        WHERE job_execution_id = ? ORDER BY step_execution_id""")
                .param(executionId)
                .query((rs, i) ->
                        new StepRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getTimestamp(5)))
                .list();
        StepRow running = steps.stream()
                .filter(s -> s.status().equals("STARTED") || s.status().equals("STARTING"))
                .reduce((a, b) -> b)
                .orElse(null);
        String done = lang.jobStatus(status.get());
        if (running == null) {
            return Optional.of(new Progress(executionId, status.get(), null, 0, null, null, null, done));
        }
        String stepWords = lang.stepName(running.name());
        if (running.name().equals("stageRowsStep")) {
            return Optional.of(new Progress(
                    executionId,
                    status.get(),
                    running.name(),
                    running.read(),
                    null,
                    null,
                    null,
                    lang.pick(
                            stepWords + "：已读取 " + running.read() + " 行",
                            stepWords + ": " + running.read() + " rows read")));
        }
        if (running.name().equals("publishRowsStep")) {
            long total = stagedTotal(executionId);
            long published = publishedRows(executionId);
            Integer percent = total > 0 ? (int) Math.min(100, published * 100 / total) : null;
            Long left = null;
            long elapsed =
                    Duration.between(running.start().toInstant(), Instant.now()).toSeconds();
            if (published > 0 && total > published && elapsed > 0) {
                left = (total - published) * elapsed / published;
            }
            String eta = left == null
                    ? ""
                    : lang.pick("，预计还需 " + words(left, lang), ", about " + words(left, lang) + " left");
            return Optional.of(new Progress(
                    executionId,
                    status.get(),
                    running.name(),
                    published,
                    total,
                    percent,
                    left,
                    lang.pick(
                            stepWords + "：" + published + " / " + total + " 行"
                                    + (percent == null ? "" : "（" + percent + "%）") + eta,
                            stepWords + ": " + published + " / " + total + " rows"
                                    + (percent == null ? "" : " (" + percent + "%)") + eta)));
        }
        return Optional.of(new Progress(executionId, status.get(), running.name(), 0, null, null, null, stepWords));
    }

    private long stagedTotal(long executionId) {
        Long total = jdbc.sql("""
                        SELECT MAX(s.write_count) FROM batch_step_execution s
                        JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                        WHERE s.step_name = 'stageRowsStep' AND s.status = 'COMPLETED'
                          AND e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(executionId).query(Long.class).single();
        return total == null ? 0 : total;
    }

    private long publishedRows(long executionId) {
        Long rows = jdbc.sql("""
                        SELECT MAX(f.published_rows) FROM ingest_file f
                        JOIN batch_job_execution e ON e.job_execution_id = f.job_execution_id
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(executionId).query(Long.class).single();
        return rows == null ? 0 : rows;
    }

    private static String words(long seconds, ReportLanguage lang) {
        return seconds < 60
                ? lang.pick(seconds + " 秒", seconds + " s")
                : lang.pick(
                        (seconds / 60) + " 分 " + (seconds % 60) + " 秒",
                        (seconds / 60) + " min " + (seconds % 60) + " s");
    }
}
