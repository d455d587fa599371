package org.lujing.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lujing.normalise.Masking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the job repository for operators: executions (filtered, of an instance, failed and waiting, of a night) and
 * their steps. A page of executions costs two queries whatever its length — the executions, then the parameters of
 * all of them at once — never one per execution.
 */
@Service
public class JobQueries {

    /** The most executions one parameters query covers; a longer list takes one query per this many. */
    static final int PARAMETERS_BATCH = 10_000;

    /** One execution as operators see it; messages masked. */
    public record Execution(
            long id,
            String jobName,
            String status,
            String exitCode,
            String exitMessage,
            Timestamp startTime,
            Timestamp endTime,
            String parameters) {

        /** The shape of {@code jobs --json} and {@code GET /api/jobs}: an interface scripts rely on. */
        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("job", jobName);
            m.put("status", status);
            m.put("exitCode", exitCode);
            m.put("exitMessage", exitMessage);
            // as Spring Batch stores them: Beijing wall-clock time, no zone (kept: scripts read them)
            m.put("startTime", startTime == null ? null : startTime.toString());
            m.put("endTime", endTime == null ? null : endTime.toString());
            m.put("parameters", parameters);
            // the same moments as ISO-8601 instants in UTC, as files' receivedAt and findings' times are written
            m.put("startedAt", startTime == null ? null : startTime.toInstant().toString());
            m.put("endedAt", endTime == null ? null : endTime.toInstant().toString());
            return m;
        }

        Execution withParameters(String text) {
            return new Execution(id, jobName, status, exitCode, exitMessage, startTime, endTime, text);
        }
    }

    /** One step of an execution, with its counts and, when it failed, its exit message (stack trace included, masked). */
    public record Step(
            long id,
            String name,
            String status,
            long readCount,
            long writeCount,
            long skipCount,
            long readSkipCount,
            long processSkipCount,
            long writeSkipCount,
            long commitCount,
            long rollbackCount,
            String exitCode,
            String exitMessage,
            Timestamp startTime,
            Timestamp endTime) {}

    /** The columns every execution query starts with; {@link #execution} reads them. */
    private static final String EXECUTIONS = """
            SELECT e.job_execution_id, i.job_name, e.status, e.exit_code, e.exit_message, e.start_time, e.end_time
            FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            """;

    /** Failed, and no later execution of its instance has taken over: what still needs someone. */
    private static final String AWAITING_RESTART = """
            e.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM batch_job_execution other
              WHERE other.job_instance_id = e.job_instance_id
                AND (other.job_execution_id > e.job_execution_id OR other.status = 'ABANDONED'))""";

    private final JdbcClient jdbc;

    public JobQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Executions a window of {@link #newestFirst} covers (by id). */
    static final int NEWEST_WINDOW = 1_000;

    /**
     * Every execution, or those with one status, newest first (as the README promises for {@code jobs --json}), read
     * as it is iterated: a window of {@value #NEWEST_WINDOW} execution ids at a time, from the newest down, each with
     * its parameters. Every file ingested is an execution; a flood of files had made {@code jobs} hold them all.
     */
    public Iterable<Execution> newestFirst(String status) {
        return () -> {
            long[] range = jdbc.sql("SELECT MIN(job_execution_id), MAX(job_execution_id) FROM batch_job_execution")
                    .query((rs, i) -> {
                        long min = rs.getLong(1);
                        return rs.wasNull() ? new long[] {0, -1} : new long[] {min, rs.getLong(2)};
                    })
                    .single();
            long oldest = range[0];
            // windows [from, to) from the newest down to the oldest
            return java.util.stream.LongStream.iterate(range[1] + 1, to -> to > oldest, to -> to - NEWEST_WINDOW)
                    .mapToObj(to -> withParameters(jdbc.sql(EXECUTIONS + """
                                    WHERE e.job_execution_id >= ? AND e.job_execution_id < ?
                                      AND (CAST(? AS VARCHAR(10)) IS NULL OR e.status = ?)
                                    ORDER BY e.job_execution_id DESC""")
                            .params(Math.max(oldest, to - NEWEST_WINDOW), to, status, status)
                            .query(JobQueries::execution)
                            .list()))
                    .flatMap(List::stream)
                    .iterator();
        };
    }

    /**
     * Executions filtered by job name (a part of it), status and start date (inclusive), newest first, at most
     * {@code limit}; any filter may be null.
     */
    public List<Execution> search(String name, String status, LocalDate from, LocalDate to, int limit) {
        Timestamp start = from == null ? null : Timestamp.valueOf(from.atStartOfDay());
        Timestamp end = to == null ? null : Timestamp.valueOf(to.plusDays(1).atStartOfDay());
        String like = name == null || name.isBlank() ? null : "%" + name.trim().toLowerCase(Locale.ROOT) + "%";
        return withParameters(jdbc.sql(EXECUTIONS + """
                        WHERE (CAST(? AS VARCHAR(10)) IS NULL OR e.status = ?)
                          AND (CAST(? AS VARCHAR(100)) IS NULL OR LOWER(i.job_name) LIKE ?)
                          AND (CAST(? AS TIMESTAMP) IS NULL OR e.create_time >= ?)
                          AND (CAST(? AS TIMESTAMP) IS NULL OR e.create_time < ?)
                        ORDER BY e.job_execution_id DESC""")
                .params(status, status, like, like, start, start, end, end)
                .withMaxRows(limit)
                .query(JobQueries::execution)
                .list());
    }

    /** Every execution of the same job instance as this one (a restart is a new execution of the same instance), oldest first. */
    public List<Execution> instanceExecutions(long executionId) {
        return jdbc.sql(EXECUTIONS + """
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
                        ORDER BY e.job_execution_id""")
                .param(executionId)
                .query(JobQueries::execution)
                .list();
    }

    /** Failed executions that no later execution of their instance has taken over, newest first. */
    public List<Execution> failedAwaitingRestart(int limit) {
        return withParameters(jdbc.sql(EXECUTIONS + " WHERE " + AWAITING_RESTART + " ORDER BY e.job_execution_id DESC")
                .withMaxRows(limit)
                .query(JobQueries::execution)
                .list());
    }

    /**
     * A night's failed executions that nothing has restarted yet, oldest first: its nightly steps (job parameter
     * {@code night}), the ingests its {@code ingest-inbox} step started (created while that step ran) and the
     * reconciliations as of that date.
     */
    public List<Execution> failedOfNight(LocalDate night) {
        return withParameters(jdbc.sql(EXECUTIONS + " WHERE " + AWAITING_RESTART + """
                          AND ((i.job_name = 'nightlyStepJob' AND EXISTS (SELECT 1 FROM batch_job_execution_params p
                                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'night'
                                   AND p.parameter_value = :night))
                            OR (i.job_name = 'reconcileJob' AND EXISTS (SELECT 1 FROM batch_job_execution_params p
                                 WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'asOf'
                                   AND p.parameter_value = :night))
                            OR (i.job_name = 'fileIngestJob' AND EXISTS (SELECT 1 FROM nightly_run n
                                 WHERE n.run_date = :date AND n.step = 'ingest-inbox' AND e.create_time >= n.started_at
                                   AND (n.finished_at IS NULL OR e.create_time <= n.finished_at))))
                        ORDER BY e.job_execution_id""")
                .param("night", night.toString())
                .param("date", java.sql.Date.valueOf(night))
                .query(JobQueries::execution)
                .list());
    }

    /**
     * The latest nights (at most {@code limit}) with a failed nightly step or a failed ingest of their inbox step that
     * nothing has restarted yet, newest first: what the console offers to rerun as a night.
     */
    public List<LocalDate> nightsWithFailures(int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT n.run_date FROM nightly_run n
                        WHERE EXISTS (SELECT 1 FROM batch_job_execution e
                          JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                          WHERE %s
                            AND ((i.job_name = 'nightlyStepJob' AND e.job_execution_id = n.job_execution_id)
                              OR (i.job_name = 'fileIngestJob' AND n.step = 'ingest-inbox' AND e.create_time >= n.started_at
                                AND (n.finished_at IS NULL OR e.create_time <= n.finished_at))))
                        ORDER BY n.run_date DESC""".formatted(AWAITING_RESTART))
                .withMaxRows(limit)
                .query((rs, n) -> rs.getDate(1).toLocalDate())
                .list();
    }

    /** An execution's latest restart (a later execution of its job instance): its id and status. */
    public record Restart(long id, String status) {}

    /**
     * The latest later execution of the same job instance, if the execution was restarted: a failed run listed
     * without it read as still waiting for a restart.
     */
    public Optional<Restart> restartedAs(long executionId) {
        return jdbc.sql("""
                        SELECT later.job_execution_id, later.status FROM batch_job_execution e
                          JOIN batch_job_execution later ON later.job_instance_id = e.job_instance_id
                            AND later.job_execution_id > e.job_execution_id
                        WHERE e.job_execution_id = ?
                        ORDER BY later.job_execution_id DESC FETCH FIRST 1 ROWS ONLY""")
                .param(executionId)
                .query((rs, i) -> new Restart(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    public Optional<Execution> find(long executionId) {
        return jdbc.sql(EXECUTIONS + " WHERE e.job_execution_id = ?")
                .param(executionId)
                .query(JobQueries::execution)
                .optional()
                .map(e -> withParameters(List.of(e)).get(0));
    }

    public List<Step> steps(long executionId) {
        return jdbc.sql("""
                        SELECT step_execution_id, step_name, status, read_count, write_count,
                          read_skip_count + process_skip_count + write_skip_count, read_skip_count, process_skip_count,
                          write_skip_count, commit_count, rollback_count, exit_code, exit_message, start_time, end_time
                        FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id""")
                .param(executionId)
                .query((rs, n) -> new Step(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        rs.getLong(11),
                        rs.getString(12),
                        mask(rs.getString(13)),
                        rs.getTimestamp(14),
                        rs.getTimestamp(15)))
                .list();
    }

    private static Execution execution(ResultSet rs, int row) throws SQLException {
        return new Execution(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                mask(rs.getString(5)),
                rs.getTimestamp(6),
                rs.getTimestamp(7),
                null);
    }

    /** The executions with their parameters ({@code name=value, …}, masked), read for the whole list at once. */
    private List<Execution> withParameters(List<Execution> executions) {
        if (executions.isEmpty()) {
            return executions;
        }
        Map<Long, List<String>> byExecution = new HashMap<>();
        for (int from = 0; from < executions.size(); from += PARAMETERS_BATCH) {
            List<Long> ids = executions.subList(from, Math.min(executions.size(), from + PARAMETERS_BATCH)).stream()
                    .map(Execution::id)
                    .toList();
            jdbc.sql("""
                            SELECT job_execution_id, parameter_name, parameter_value FROM batch_job_execution_params
                            WHERE job_execution_id IN (:ids) ORDER BY job_execution_id, parameter_name""").param("ids", ids).query(rs -> {
                byExecution
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + "=" + mask(shorten(rs.getString(3))));
            });
        }
        return executions.stream()
                .map(e -> e.withParameters(String.join(", ", byExecution.getOrDefault(e.id(), List.of()))))
                .toList();
    }

    private static String mask(String text) {
        return text == null ? null : Masking.value(text);
    }

    private static String shorten(String value) {
        if (value == null) {
            return null;
        }
        int slash = value.lastIndexOf('/');
        return slash >= 0 && value.length() > 60 ? "…" + value.substring(slash) : value;
    }
}
