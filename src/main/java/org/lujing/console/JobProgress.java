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
 * How far a running execution has got, from what has been committed, so it works for a run in any process sharing
 * the database. Every job says which of its steps runs (step i of n) and for how long. An ingest adds its rows:
 * while they are read and staged, how many — of about how many for a CSV, whose lines were counted while it was
 * hashed (other formats' totals are not known before a streaming reader reaches the end); while they are published
 * into the ledger, how many of the staged total, the percentage and the time left at the rate since publication
 * started. A nightly step adds its place in the night (step i of n) and what it has done of how much — files
 * ingested, reports written, feeds pulled — as the step records it in {@code nightly_run}.
 *
 * <p>Why one class of this length: each kind of job (an ingest's reading and publication, a nightly step, a
 * report) reads its progress from the job repository differently, and the figure, percentage, time left and words
 * they produce must stay one shape for the dashboard, the job page, the API and the command line.
 */
@Component
public class JobProgress {

    /** One look at a running (or finished) execution. */
    public record Progress(
            long executionId,
            String status,
            String step,
            long done,
            Long total,
            Integer percent,
            Long secondsLeft,
            String text,
            Integer stepNumber,
            Integer steps,
            Long elapsedSeconds) {

        /** {@code GET /api/jobs/{id}/progress}: the ingest's fields first, as before; the step's place and time after. */
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
            m.put("stepNumber", stepNumber);
            m.put("steps", steps);
            m.put("elapsedSeconds", elapsedSeconds);
            return m;
        }
    }

    /** The ingest's steps in the order a loaded file passes them (a refused file stops after the first). */
    private static final List<String> INGEST_STEPS =
            List.of("inspectFileStep", "stageRowsStep", "publishRowsStep", "completeFileStep");

    private record StepRow(String name, String status, long read, long write, Timestamp start) {}

    private record NightRow(
            String step, int position, Integer stepsTotal, Long done, Long total, String note, String night) {}

    private final JdbcClient jdbc;

    public JobProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Progress> of(long executionId, ReportLanguage lang) {
        Optional<String[]> job = jdbc.sql("""
                        SELECT e.status, i.job_name FROM batch_job_execution e
                        JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id WHERE e.job_execution_id = ?""")
                .param(executionId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        if (job.isEmpty()) {
            return Optional.empty();
        }
        String status = job.get()[0];
        String jobName = job.get()[1];
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
        if (running == null) {
            return Optional.of(new Progress(
                    executionId, status, null, 0, null, null, null, lang.jobStatus(status), null, null, null));
        }
        long elapsed = running.start() == null
                ? 0
                : Math.max(
                        0,
                        Duration.between(running.start().toInstant(), Instant.now())
                                .toSeconds());
        if ("runNightlyStep".equals(running.name())) {
            return Optional.of(nightly(executionId, status, running, elapsed, lang));
        }
        String stepWords = lang.stepName(running.name());
        int index = INGEST_STEPS.indexOf(running.name());
        Integer stepNumber = "fileIngestJob".equals(jobName) && index >= 0 ? index + 1 : null;
        Integer stepCount = stepNumber == null ? null : INGEST_STEPS.size();
        String place = stepNumber == null
                ? ""
                : lang.pick("第 " + stepNumber + "/" + stepCount + " 步 ", "step " + stepNumber + "/" + stepCount + " ");
        if (running.name().equals("stageRowsStep")) {
            long read = running.read();
            Long expected = "fileIngestJob".equals(jobName) ? expectedRows(executionId) : null;
            if (expected != null && expected > 0) {
                // a CSV's line count, taken at inspection: an estimate (a quoted cell may span lines), so never 100%
                // before the reading ends
                int percent = (int) Math.min(99, read * 100 / expected);
                Long left = read > 0 && expected > read && elapsed > 0 ? (expected - read) * elapsed / read : null;
                return Optional.of(new Progress(
                        executionId,
                        status,
                        running.name(),
                        read,
                        expected,
                        percent,
                        left,
                        place
                                + stepWords
                                + lang.pick(
                                        "：已读取 " + read + " / 约 " + expected + " 行（" + percent + "%）",
                                        ": " + read + " / about " + expected + " rows read (" + percent + "%)")
                                + (left == null
                                        ? ""
                                        : lang.pick(
                                                "，读取预计还需 " + words(left, lang),
                                                ", reading about " + words(left, lang) + " more")),
                        stepNumber,
                        stepCount,
                        elapsed));
            }
            return Optional.of(new Progress(
                    executionId,
                    status,
                    running.name(),
                    read,
                    null,
                    null,
                    null,
                    lang.pick(
                            place + stepWords + "：已读取 " + read + " 行，已用 " + words(elapsed, lang),
                            place + stepWords + ": " + read + " rows read, " + words(elapsed, lang) + " so far"),
                    stepNumber,
                    stepCount,
                    elapsed));
        }
        if (running.name().equals("publishRowsStep")) {
            long total = stagedTotal(executionId);
            long published = publishedRows(executionId);
            Integer percent = total > 0 ? (int) Math.min(100, published * 100 / total) : null;
            Long left = published > 0 && total > published && elapsed > 0
                    ? (total - published) * elapsed / published
                    : null;
            return Optional.of(new Progress(
                    executionId,
                    status,
                    running.name(),
                    published,
                    total,
                    percent,
                    left,
                    place
                            + stepWords
                            + lang.pick(
                                    "：" + published + " / " + total + " 行", ": " + published + " / " + total + " rows")
                            + (percent == null ? "" : lang.pick("（" + percent + "%）", " (" + percent + "%)"))
                            + eta(left, lang),
                    stepNumber,
                    stepCount,
                    elapsed));
        }
        return Optional.of(new Progress(
                executionId,
                status,
                running.name(),
                0,
                null,
                null,
                null,
                place + stepWords + lang.pick("，已用 ", ", ") + words(elapsed, lang) + lang.pick("", " so far"),
                stepNumber,
                stepCount,
                elapsed));
    }

    /**
     * A nightly step: its place in the night, what it has done of how much when it counts (with the percentage and
     * the time left at its rate so far), what it is at, and how long it has run.
     */
    private Progress nightly(long executionId, String status, StepRow running, long elapsed, ReportLanguage lang) {
        NightRow row = nightRow(executionId).orElse(null);
        if (row == null) {
            return new Progress(
                    executionId,
                    status,
                    running.name(),
                    0,
                    null,
                    null,
                    null,
                    lang.stepName(running.name()) + lang.pick("，已用 ", ", ") + words(elapsed, lang),
                    null,
                    null,
                    elapsed);
        }
        long done = row.done() == null ? 0 : row.done();
        Long total = row.total();
        Integer percent = total != null && total > 0 ? (int) Math.min(100, done * 100 / total) : null;
        Long left = total != null && done > 0 && total > done && elapsed > 0 ? (total - done) * elapsed / done : null;
        int number = row.position() + 1;
        StringBuilder text = new StringBuilder(lang.pick("夜间任务 ", "Night of ") + row.night() + " · ");
        text.append(
                row.stepsTotal() == null
                        ? lang.pick("第 " + number + " 步 ", "step " + number + " ")
                        : lang.pick(
                                "第 " + number + "/" + row.stepsTotal() + " 步 ",
                                "step " + number + "/" + row.stepsTotal() + " "));
        text.append(nightlyStepName(row.step(), lang));
        if (total != null) {
            text.append(lang.pick("：" + done + " / " + total, ": " + done + " / " + total));
            text.append(lang.pick("（" + percent + "%）", " (" + percent + "%)"));
        }
        if (row.note() != null) {
            text.append(lang.pick(" · ", " · ")).append(lang.oneLanguage(row.note()));
        }
        text.append(lang.pick(" · 已用 ", " · ")).append(words(elapsed, lang)).append(lang.pick("", " so far"));
        text.append(eta(left, lang));
        return new Progress(
                executionId,
                status,
                row.step(),
                done,
                total,
                percent,
                left,
                text.toString(),
                number,
                row.stepsTotal(),
                elapsed);
    }

    /** The nightly_run row of the night, attempt and step this execution runs (from its job parameters). */
    private Optional<NightRow> nightRow(long executionId) {
        Map<String, String> p = new java.util.HashMap<>();
        jdbc.sql("SELECT parameter_name, parameter_value FROM batch_job_execution_params WHERE job_execution_id = ?")
                .param(executionId)
                .query(rs -> {
                    p.put(rs.getString(1), rs.getString(2));
                });
        if (p.get("night") == null || p.get("step") == null || p.get("attempt") == null) {
            return Optional.empty();
        }
        java.time.LocalDate night;
        int attempt;
        try {
            night = java.time.LocalDate.parse(p.get("night").strip());
            attempt = Integer.parseInt(p.get("attempt").strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT step, position, steps_total, progress_done, progress_total, progress_note FROM nightly_run
                        WHERE run_date = ? AND attempt = ? AND step = ?""")
                .params(java.sql.Date.valueOf(night), attempt, p.get("step"))
                .query((rs, n) -> new NightRow(
                        rs.getString(1),
                        rs.getInt(2),
                        (Integer) rs.getObject(3, Integer.class),
                        (Long) rs.getObject(4, Long.class),
                        (Long) rs.getObject(5, Long.class),
                        rs.getString(6),
                        night.toString()))
                .optional();
    }

    /** A nightly step of {@code jobs/nightly.yaml} in words ({@code ingest-inbox}: 收件箱入库); an unknown one as it is. */
    public static String nightlyStepName(String code, ReportLanguage lang) {
        return switch (code == null ? "" : code) {
            case "pull-feeds" -> lang.pick("拉取数据接口", "Pull the feeds");
            case "ingest-inbox" -> lang.pick("收件箱入库", "Ingest the inbox");
            case "rematch" -> lang.pick("待识别记录重新匹配", "Match pending records again");
            case "reconcile" -> lang.pick("核查对账", "Reconcile");
            case "reports" -> lang.pick("生成报表", "Write the reports");
            default -> code == null ? "" : code;
        };
    }

    private long stagedTotal(long executionId) {
        Long total = jdbc.sql("""
                        SELECT MAX(s.write_count) FROM batch_step_execution s
                        JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                        WHERE s.step_name = 'stageRowsStep' AND s.status = 'COMPLETED'
                          AND e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(executionId).query(Long.class).single();
        return total == null ? 0 : total;
    }

    /** The rows the file is expected to hold (a CSV's line count, V17), or null when its format does not say. */
    private Long expectedRows(long executionId) {
        return jdbc.sql("""
                        SELECT MAX(f.expected_rows) FROM ingest_file f
                        JOIN batch_job_execution e ON e.job_execution_id = f.job_execution_id
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(executionId).query(Long.class).single();
    }

    private long publishedRows(long executionId) {
        Long rows = jdbc.sql("""
                        SELECT MAX(f.published_rows) FROM ingest_file f
                        JOIN batch_job_execution e ON e.job_execution_id = f.job_execution_id
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""").param(executionId).query(Long.class).single();
        return rows == null ? 0 : rows;
    }

    private static String eta(Long left, ReportLanguage lang) {
        return left == null ? "" : lang.pick("，预计还需 " + words(left, lang), ", about " + words(left, lang) + " left");
    }

    private static String words(long seconds, ReportLanguage lang) {
        return seconds < 60
                ? lang.pick(seconds + " 秒", seconds + " s")
                : lang.pick(
                        (seconds / 60) + " 分 " + (seconds % 60) + " 秒",
                        (seconds / 60) + " min " + (seconds % 60) + " s");
    }
}
