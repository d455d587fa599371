package org.lujing.operations;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lujing.cluster.ClusterNode;
import org.lujing.normalise.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every job execution for operators: list, restart, stop, abandon; and the recovery of executions left STARTED by
 * a process that died, so that they can be restarted.
 */
@Service
public class JobsService {

    private static final Logger log = LoggerFactory.getLogger(JobsService.class);

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
        public java.util.Map<String, Object> asJson() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", id);
            m.put("job", jobName);
            m.put("status", status);
            m.put("exitCode", exitCode);
            m.put("exitMessage", exitMessage);
            m.put("startTime", startTime == null ? null : startTime.toString());
            m.put("endTime", endTime == null ? null : endTime.toString());
            m.put("parameters", parameters);
            return m;
        }
    }

    private final JdbcClient jdbc;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Environment env;
    private final ClusterNode node;

    public JobsService(
            JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository, Environment env, ClusterNode node) {
        this.jdbc = jdbc;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.env = env;
        this.node = node;
    }

    /** Every execution, or those with one status, newest first (as the README promises for {@code jobs --json}). */
    public List<Execution> list(String status) {
        List<Execution> out = new ArrayList<>();
        jdbc.sql(EXECUTIONS + """
                        WHERE (CAST(? AS VARCHAR(10)) IS NULL OR e.status = ?)
                        ORDER BY e.job_execution_id DESC""")
                .params(status, status)
                .query((rs, n) -> out.add(execution(rs, true)))
                .list();
        return out;
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

    /**
     * Executions filtered by job name (a part of it), status and start date (inclusive), newest first, at most
     * {@code limit}; any filter may be null.
     */
    public List<Execution> search(
            String name, String status, java.time.LocalDate from, java.time.LocalDate to, int limit) {
        Timestamp start = from == null ? null : Timestamp.valueOf(from.atStartOfDay());
        Timestamp end = to == null ? null : Timestamp.valueOf(to.plusDays(1).atStartOfDay());
        String like =
                name == null || name.isBlank() ? null : "%" + name.trim().toLowerCase(java.util.Locale.ROOT) + "%";
        return jdbc.sql(EXECUTIONS + """
                        WHERE (CAST(? AS VARCHAR(10)) IS NULL OR e.status = ?)
                          AND (CAST(? AS VARCHAR(100)) IS NULL OR LOWER(i.job_name) LIKE ?)
                          AND (CAST(? AS TIMESTAMP) IS NULL OR e.create_time >= ?)
                          AND (CAST(? AS TIMESTAMP) IS NULL OR e.create_time < ?)
                        ORDER BY e.job_execution_id DESC""")
                .params(status, status, like, like, start, start, end, end)
                .withMaxRows(limit)
                .query((rs, n) -> execution(rs, true))
                .list();
    }

    /** Every execution of the same job instance as this one (a restart is a new execution of the same instance), oldest first. */
    public List<Execution> instanceExecutions(long executionId) {
        return jdbc.sql(EXECUTIONS + """
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
                        ORDER BY e.job_execution_id""")
                .param(executionId)
                .query((rs, n) -> execution(rs, false))
                .list();
    }

    /** Failed executions that no later execution of their instance has taken over: what still needs someone. */
    public List<Execution> failedAwaitingRestart(int limit) {
        return jdbc.sql(EXECUTIONS + """
                        WHERE e.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM batch_job_execution later
                          WHERE later.job_instance_id = e.job_instance_id AND later.job_execution_id > e.job_execution_id)
                        ORDER BY e.job_execution_id DESC""")
                .withMaxRows(limit)
                .query((rs, n) -> execution(rs, true))
                .list();
    }

    public java.util.Optional<Execution> find(long executionId) {
        return jdbc.sql(EXECUTIONS + """
                        WHERE e.job_execution_id = ?""")
                .param(executionId)
                .query((rs, n) -> execution(rs, true))
                .optional();
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

    /** The columns every execution query starts with; {@link #execution} reads them. */
    private static final String EXECUTIONS = """
            SELECT e.job_execution_id, i.job_name, e.status, e.exit_code, e.exit_message, e.start_time, e.end_time
            FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            """;

    private Execution execution(java.sql.ResultSet rs, boolean withParameters) throws java.sql.SQLException {
        long id = rs.getLong(1);
        return new Execution(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                mask(rs.getString(5)),
                rs.getTimestamp(6),
                rs.getTimestamp(7),
                withParameters ? parameters(id) : null);
    }

    private String parameters(long executionId) {
        return String.join(
                ", ",
                jdbc.sql("""
                        SELECT parameter_name, parameter_value FROM batch_job_execution_params WHERE job_execution_id = ?
                        ORDER BY parameter_name""")
                        .param(executionId)
                        .query((rs, n) -> rs.getString(1) + "=" + mask(shorten(rs.getString(2))))
                        .list());
    }

    /** Restarts a failed or stopped execution; a restarted ingest resumes after its last committed chunk. */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution execution = existing(executionId);
        log.info("restarting {} execution #{}", execution.getJobInstance().getJobName(), executionId);
        return jobOperator.restart(execution);
    }

    public boolean stop(long executionId) throws Exception {
        return jobOperator.stop(existing(executionId));
    }

    public JobExecution abandon(long executionId) throws Exception {
        return jobOperator.abandon(existing(executionId));
    }

    private JobExecution existing(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("there is no job execution #" + executionId + " (see `jobs`)");
        }
        return execution;
    }

    /**
     * Marks as FAILED the executions that a dead process left running, and returns their ids for a restart. On the
     * embedded database only one process can have it open, so at start-up every running execution is a dead one; on
     * a shared database only those of dead nodes ({@link #recoverDead}).
     */
    public List<Long> recoverInterrupted() {
        String url = env.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:hsqldb:hsql:") || url.startsWith("jdbc:hsqldb:hsqls:")) {
            // A command going through a running serve's database server (see org.lujing.db): the database's owner is
            // alive and recovers by heartbeat what a killed command left running (recoverDead, in serve).
            return List.of();
        }
        if (!url.startsWith("jdbc:hsqldb:file:")) {
            return recoverDead();
        }
        List<Long> recovered = new ArrayList<>();
        for (String name : jobRepository.getJobNames()) {
            for (JobExecution running : jobRepository.findRunningJobExecutions(name)) {
                jobOperator.recover(running);
                recovered.add(running.getId());
            }
        }
        logRecovered(recovered);
        return recovered;
    }

    /**
     * Marks as FAILED the running executions of nodes that stopped beating for {@code lujing.jobs.recover-after}
     * (table {@code job_node}; an execution without a node, started before nodes were recorded, when it has not moved
     * for that long). {@code serve} calls it at start and then periodically, so a dead node's work is recovered while
     * the others run, not only when some process starts.
     */
    public List<Long> recoverDead() {
        java.util.Set<String> alive = node.aliveNodes();
        LocalDateTime quietSince = LocalDateTime.now().minus(node.recoverAfter());
        List<Long> recovered = new ArrayList<>();
        for (String name : jobRepository.getJobNames()) {
            for (JobExecution running : jobRepository.findRunningJobExecutions(name)) {
                boolean dead = node.nodeOf(running.getId())
                        .map(n -> !alive.contains(n))
                        .orElseGet(() -> lastMoved(running).isBefore(quietSince));
                if (!dead) {
                    continue;
                }
                try {
                    jobOperator.recover(running);
                    recovered.add(running.getId());
                } catch (RuntimeException e) {
                    // another node recovering it at the same moment; it is FAILED either way
                    log.info("execution #{} not recovered here: {}", running.getId(), e.toString());
                }
            }
        }
        logRecovered(recovered);
        return recovered;
    }

    private static void logRecovered(List<Long> recovered) {
        if (!recovered.isEmpty()) {
            log.warn(
                    "recovered {} job execution(s) left running by a process that stopped: {} — marked FAILED; "
                            + "an ingest is finished by serve, anything else restarts with `jobs restart ID`",
                    recovered.size(),
                    recovered);
        }
    }

    private static LocalDateTime lastMoved(JobExecution execution) {
        LocalDateTime last =
                execution.getLastUpdated() != null ? execution.getLastUpdated() : execution.getCreateTime();
        for (var step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && step.getLastUpdated().isAfter(last)) {
                last = step.getLastUpdated();
            }
        }
        return last;
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
