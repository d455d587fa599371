package org.lujing.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs the nightly chain for a night: each step of {@code jobs/nightly.yaml} in order, each as its own restartable
 * job. A failed step stops the night and says why; resuming restarts that step's failed execution and goes on.
 * Every step and attempt is recorded in {@code nightly_run}.
 */
@Service
public class NightlyChain {

    private static final Logger log = LoggerFactory.getLogger(NightlyChain.class);

    private final NightlyDefinition definition;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyStepJob;
    private final JdbcClient jdbc;
    private final org.lujing.cluster.ClusterNode node;

    public NightlyChain(
            NightlyDefinition definition,
            JobOperator jobOperator,
            JobRepository jobRepository,
            Job nightlyStepJob,
            JdbcClient jdbc,
            org.lujing.cluster.ClusterNode node) {
        this.definition = definition;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyStepJob = nightlyStepJob;
        this.jdbc = jdbc;
        this.node = node;
    }

    /**
     * Another live process runs a night now (another node, or serve while a `nightly` command asks): nights run one at
     * a time on a database, so this one is not begun beside it. Says which process, which night and since when.
     */
    public static final class NightHeldElsewhere extends IllegalStateException {
        private NightHeldElsewhere(String nodeId, String nodeIdEn, Object night, Object since) {
            super("另一个进程（" + nodeId + "）正在运行 " + night + " 的夜间任务（自 " + since + " 起）；夜间任务同一时间只运行一个，请等它结束后再运行"
                    + org.lujing.ledger.Bilingual.SEPARATOR + "another process (" + nodeIdEn
                    + ") is running the night of "
                    + night + " (since " + since + "); nights run one at a time: run this again once it has ended");
        }
    }

    /** One step's result in a night's attempt. */
    public record StepResult(String step, String status, String message, Long jobExecutionId) {}

    /** A night's attempt: its steps, and whether it went through. */
    public record Result(LocalDate night, int attempt, List<StepResult> steps, boolean completed, boolean givenUp) {

        public Result(LocalDate night, int attempt, List<StepResult> steps, boolean completed) {
            this(night, attempt, steps, completed, false);
        }
    }

    /**
     * Runs the chain for a night. With {@code resume}, continues the night's last attempt from its first step not
     * completed (restarting that step's failed job execution); otherwise starts a new attempt from the first step.
     */
    public synchronized Result run(LocalDate night, String trigger, boolean resume) {
        // busy before the runner is taken: a look for steps a dead runner left (cutShortLeftByDeadRunner) sees this
        // process's night from its first row on
        busy = true;
        try {
            takeRunner(night, trigger);
        } catch (RuntimeException held) {
            busy = false;
            throw held;
        }
        try {
            return runChain(night, trigger, resume);
        } finally {
            busy = false;
            releaseRunner();
        }
    }

    /**
     * As {@link #run}, but when another process runs a night now, waits for it (a heartbeat at a time) and then runs:
     * what the schedule does, so a night that fires while another node still finishes an earlier one is not lost.
     * Empty when this process began stopping while it waited; the night is then recorded as not begun, and gone on with
     * when serve starts again.
     */
    public Optional<Result> runWhenFree(LocalDate night, String trigger, boolean resume) {
        // a stop waits for a waiting night as for a running one (busy()), so its record is written before the pool
        // closes; the stop wakes it (stopStarting)
        waiting.incrementAndGet();
        try {
            return waitThenRun(night, trigger, resume);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final Object wakeUp = new Object();

    private Optional<Result> waitThenRun(LocalDate night, String trigger, boolean resume) {
        boolean told = false;
        while (true) {
            try {
                return Optional.of(run(night, trigger, resume));
            } catch (NightHeldElsewhere held) {
                if (!told) {
                    log.info("night of {} waits: {}", night, held.getMessage());
                    told = true;
                }
            }
            synchronized (wakeUp) {
                if (!stopping) {
                    try {
                        wakeUp.wait(Math.min(node.heartbeat().toMillis(), WAIT_POLL.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (stopping || Thread.currentThread().isInterrupted()) {
                notBegunWhileWaiting(night, trigger, resume);
                return Optional.empty();
            }
        }
    }

    /** How often a night waiting for another process's looks whether it has ended. */
    static final java.time.Duration WAIT_POLL = java.time.Duration.ofSeconds(5);

    /** A night that waited for another process's and was not begun before this one stopped: said so, to be gone on with. */
    private void notBegunWhileWaiting(LocalDate night, String trigger, boolean resume) {
        int lastAttempt = lastAttempt(night);
        List<String> steps = definition.steps();
        StopWords words = StopWords.of(trigger, night);
        String message = words.when() + "这一步没有开始（在等另一个进程的夜间任务结束）；" + words.goOnZh()
                + org.lujing.ledger.Bilingual.SEPARATOR
                + words.who() + " stopped before this step began (waiting for another process's night to end); "
                + words.goOnEn();
        if (resume && lastAttempt > 0) {
            // a cut-short night taken up (takeStoppedNight wrote "serve 再次启动…" over its mark): the mark is put back,
            // so the next start finds the night again
            jdbc.sql("""
                            UPDATE nightly_run SET message = ?
                            WHERE run_date = ? AND attempt = ? AND status = 'FAILED' AND message LIKE ?""")
                    .params(message, java.sql.Date.valueOf(night), lastAttempt, "serve 再次启动%")
                    .update();
            return;
        }
        recordNotBegun(night, lastAttempt + 1, steps.get(0), 0, trigger, message);
    }

    private int lastAttempt(LocalDate night) {
        return jdbc.sql("SELECT COALESCE(MAX(attempt), 0) FROM nightly_run WHERE run_date = ?")
                .param(java.sql.Date.valueOf(night))
                .query(Integer.class)
                .single();
    }

    /** A step the night did not begin, recorded as such (FAILED, begun and ended now) with why. */
    private void recordNotBegun(
            LocalDate night, int attempt, String step, int position, String trigger, String message) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind,
                          started_at, finished_at, steps_total, message)
                        VALUES (?, ?, ?, ?, 'FAILED', ?, ?, ?, ?, ?)""")
                .params(
                        java.sql.Date.valueOf(night),
                        attempt,
                        step,
                        position,
                        trigger,
                        now,
                        now,
                        definition.steps().size(),
                        message)
                .update();
    }

    /**
     * Takes the database's one night runner for this process, or says who holds it. A holder that is this process
     * (its earlier run, or the same node's name before a restart: its chain runs only under this object's lock) or
     * whose heartbeat has stopped holds it no longer.
     */
    private void takeRunner(LocalDate night, String trigger) {
        // a holder that gives the runner back between the update and the look at who holds it is no holder: the take
        // is tried again, rather than saying "另一个进程（null）" ran a night
        for (int attempt = 1; ; attempt++) {
            Optional<Map<String, Object>> holder = tryTakeRunner(night, trigger);
            if (holder.isEmpty()) {
                return;
            }
            if (holder.get().get("NODE_ID") != null || attempt == 3) {
                refuse(holder.get());
            }
        }
    }

    /** Takes the runner, or returns who holds it. */
    private Optional<Map<String, Object>> tryTakeRunner(LocalDate night, String trigger) {
        int taken = jdbc.sql("""
                        UPDATE nightly_runner SET node_id = ?, run_date = ?, trigger_kind = ?, taken_at = ?
                        WHERE id = 1 AND (node_id IS NULL OR node_id = ? OR node_id NOT IN (""" + org.lujing.cluster.ClusterNode.ALIVE_NODE_IDS + "))")
                .params(
                        node.id(),
                        java.sql.Date.valueOf(night),
                        trigger,
                        Timestamp.from(Instant.now()),
                        node.id(),
                        node.deadBefore())
                .update();
        if (taken > 0) {
            return Optional.empty();
        }
        return jdbc.sql("""
                            SELECT r.node_id AS NODE_ID, r.run_date AS RUN_DATE, r.taken_at AS TAKEN_AT, n.host AS HOST,
                              n.pid AS PID
                            FROM nightly_runner r LEFT JOIN lujing_node n ON n.node_id = r.node_id WHERE r.id = 1""").query().listOfRows().stream()
                .map(NightlyChain::upperKeys)
                .findFirst();
    }

    private static void refuse(Map<String, Object> holder) {
        Object since = holder.get("TAKEN_AT") instanceof Timestamp t
                ? t.toLocalDateTime().withNano(0).toString().replace('T', ' ')
                : holder.get("TAKEN_AT");
        // where to find it (`ps` on its host): the node's name, and its host and process number when it beats
        String who = (String) holder.get("NODE_ID");
        String whoEn = who;
        if (holder.get("PID") != null) {
            who += "，" + holder.get("HOST") + " 上的进程 " + holder.get("PID");
            whoEn += ", process " + holder.get("PID") + " on " + holder.get("HOST");
        }
        throw new NightHeldElsewhere(who, whoEn, holder.get("RUN_DATE"), since);
    }

    /** Gives the runner back when this process ({@code node_id = ?}) holds it. */
    private static final String RELEASE_RUNNER =
            "UPDATE nightly_runner SET node_id = NULL, run_date = NULL, trigger_kind = NULL, taken_at = NULL"
                    + " WHERE id = 1 AND node_id = ?";

    private void releaseRunner() {
        jdbc.sql(RELEASE_RUNNER).param(node.id()).update();
    }

    /** Whether a live process other than this one runs a night now. */
    boolean runnerHeldElsewhere() {
        return jdbc.sql(
                                "SELECT COUNT(*) FROM nightly_runner WHERE id = 1 AND node_id IS NOT NULL AND node_id <> ? AND node_id IN ("
                                        + org.lujing.cluster.ClusterNode.ALIVE_NODE_IDS + ")")
                        .params(node.id(), node.deadBefore())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** How the night's record begins for a step stopped with the process: how a start finds that night again. */
    static final String STOPPED_WITH_SERVE = "serve 停止时";

    /**
     * How a night begun by a command (or the console) says it was cut short by the process stopping: such a night is
     * the operator's to resume, never taken up by {@code serve} — its words said serve would go on with it.
     */
    static final String STOPPED_WITH_COMMAND = "命令中止时";

    /**
     * The words of a step a stop cut short, for a night of one trigger: the schedule's night is serve's (taken up when
     * serve starts again), any other is the command's (the operator's to resume).
     *
     * @param when how the step's record begins (what a start looks for): {@link #STOPPED_WITH_SERVE} or
     *     {@link #STOPPED_WITH_COMMAND}
     * @param who what stopped, in English
     * @param goOnZh what goes on with the night, in Chinese
     * @param goOnEn the same in English
     */
    record StopWords(String when, String who, String goOnZh, String goOnEn) {
        static StopWords of(String trigger, LocalDate night) {
            return "SCHEDULE".equals(trigger)
                    ? new StopWords(
                            STOPPED_WITH_SERVE,
                            "serve",
                            "serve 再次启动时接着完成，或运行 nightly --date " + night + " --resume",
                            "it goes on when serve starts again, or run nightly --date " + night + " --resume")
                    : new StopWords(
                            STOPPED_WITH_COMMAND,
                            "the command",
                            "运行 nightly --date " + night + " --resume 接着完成",
                            "run nightly --date " + night + " --resume to go on");
        }
    }

    /** Whether a step's words say it was stopped with its process, not failed. */
    static boolean stoppedWithProcess(String message) {
        return message != null && (message.startsWith(STOPPED_WITH_SERVE) || message.startsWith(STOPPED_WITH_COMMAND));
    }

    private volatile boolean busy;
    private volatile boolean stopping;

    /** From now on no step is begun: the process is stopping, and the step running stops on its own request. */
    public void stopStarting() {
        stopping = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Whether a night is being run in this process now, or waits to be run (for another process's to end). */
    public boolean busy() {
        return busy || waiting.get() > 0;
    }

    /**
     * Gives the night runner back when this process holds it and runs no night: a release that failed (the database
     * away for a moment) left it held by a live process, and every other process's night waited for good. Only a hold
     * older than a minute, so a night beginning meanwhile in another thread keeps its fresh one.
     */
    public int releaseRunnerIfIdle() {
        if (busy) {
            return 0;
        }
        return jdbc.sql(RELEASE_RUNNER + " AND taken_at < ?")
                .params(node.id(), Timestamp.from(Instant.now().minusSeconds(60)))
                .update();
    }

    /**
     * The last night run, when its last attempt was cut short by a stopping process (a step stopped with it, or not
     * begun): the night {@code serve} goes on with when it starts again, as {@code nightly --resume} would. Empty
     * when none.
     */
    public Optional<LocalDate> stoppedNight() {
        return stoppedNight(java.time.Duration.ZERO);
    }

    /**
     * As {@link #stoppedNight()}, but a night a stop cut short only once that stop is {@code settled} old: a process
     * stopping in order (SIGTERM) still holds its claims for a while after it recorded its night, and a node taking the
     * night at once would meet them. A night whose process died is taken at once: nothing of it is held any more.
     */
    public Optional<LocalDate> stoppedNight(java.time.Duration settled) {
        return jdbc.sql("""
                        SELECT n.run_date FROM nightly_run n
                        WHERE n.status = 'FAILED' AND n.message LIKE ? AND n.trigger_kind = 'SCHEDULE'
                          AND (n.message LIKE ? OR n.finished_at IS NULL OR n.finished_at < ?)
                          AND n.attempt = (SELECT MAX(m.attempt) FROM nightly_run m WHERE m.run_date = n.run_date)
                          AND NOT EXISTS (SELECT 1 FROM nightly_run l WHERE l.run_date > n.run_date)
                        ORDER BY n.run_date DESC LIMIT 1""")
                .params(
                        STOPPED_WITH_SERVE + "%",
                        STOPPED_WITH_SERVE + DIED + "%",
                        Timestamp.from(Instant.now().minus(settled)))
                .query(java.sql.Date.class)
                .optional()
                .map(java.sql.Date::toLocalDate);
    }

    /** How a step's record goes on after {@link #STOPPED_WITH_SERVE} when its process died under it. */
    static final String DIED = "这一步正在运行，进程意外终止";

    /**
     * Takes the stopped night for this process: of several nodes starting at once, the one whose update finds the
     * night's record still saying it was cut short goes on with it, the others leave it. Returns whether this one may.
     */
    public boolean takeStoppedNight(LocalDate night) {
        return jdbc.sql("""
                                UPDATE nightly_run SET message = ?
                                WHERE run_date = ? AND status = 'FAILED' AND message LIKE ?
                                  AND attempt = (SELECT MAX(m.attempt) FROM nightly_run m WHERE m.run_date = ?)""")
                        .params(
                                "serve 再次启动，接着完成" + org.lujing.ledger.Bilingual.SEPARATOR
                                        + "serve started again: going on",
                                java.sql.Date.valueOf(night),
                                STOPPED_WITH_SERVE + "%",
                                java.sql.Date.valueOf(night))
                        .update()
                > 0;
    }

    /**
     * Goes on with the night a stop cut short ({@link #stoppedNight}) in a thread of its own, when this process takes
     * it ({@link #takeStoppedNight}) and runs no night now: what {@code serve} does when it starts and, on a shared
     * database, at every heartbeat, so a night a dead node left is finished by a live one. Returns the night taken.
     */
    public Optional<LocalDate> goOnWithStoppedNight(java.time.Duration settled) {
        if (busy || stopping || runnerHeldElsewhere()) {
            // another process's night first: the stopped night is taken when it has ended
            return Optional.empty();
        }
        Optional<LocalDate> found = stoppedNight(settled);
        if (found.isEmpty()) {
            return found;
        }
        // busy from before the night is taken: a stop beginning now waits for it (OrderlyStop), and a stop already
        // begun leaves the night's record as it was, for the next start
        busy = true;
        if (stopping || !takeStoppedNight(found.get())) {
            busy = false;
            return Optional.empty();
        }
        Optional<LocalDate> taken = found;
        taken.ifPresent(night -> {
            log.info("the night of {} was cut short (its serve stopped or died): going on with it", night);
            Thread t = new Thread(
                    () -> {
                        try {
                            // a process taking the runner since the look above is waited for: the night is taken
                            runWhenFree(night, "SCHEDULE", true);
                        } catch (RuntimeException e) {
                            log.error("going on with the night of {} failed: {}", night, e.getMessage());
                        }
                    },
                    "nightly-resume");
            t.start();
        });
        return taken;
    }

    /**
     * The steps a dead process left {@code RUNNING} — killed outright (SIGKILL, a power cut), so nothing wrote how its
     * step ended — now say so, and the night is gone on with like one a stop cut short: by {@code serve} when the
     * schedule began it, else with {@code nightly --date D --resume}. {@code deadExecutions} are the job executions
     * crash recovery has just marked FAILED; with {@code everyRunning} (the embedded database at start-up, which no
     * other process can have open) every step still RUNNING is dead, and one whose job had completed before the kill
     * is recorded as completed. Returns how many steps were marked.
     */
    public int cutShortByDeadProcess(java.util.Collection<Long> deadExecutions, boolean everyRunning) {
        if (deadExecutions.isEmpty() && !everyRunning) {
            return 0;
        }
        return cutShort(runningSteps(), deadExecutions, everyRunning);
    }

    /**
     * Steps still {@code RUNNING} while no live process holds the night runner: the process that ran them died (a
     * night's steps are written only under the runner, and finished before it is given back) — found on a shared
     * database even when crash recovery cannot tie them to a run (the process died before its step's job began). They
     * are cut short as {@link #cutShortByDeadProcess} does. Returns how many.
     */
    public int cutShortLeftByDeadRunner() {
        // the steps first, then the runner: a step a live process began since is not among them, and one it began
        // before is under a runner still held (or this process is busy with it)
        List<Map<String, Object>> running = runningSteps();
        if (running.isEmpty() || busy || runnerHeldElsewhere()) {
            return 0;
        }
        return cutShort(running, List.of(), true);
    }

    private List<Map<String, Object>> runningSteps() {
        return jdbc.sql("""
                        SELECT run_date AS RUN_DATE, attempt AS ATTEMPT, step AS STEP, trigger_kind AS TRIGGER_KIND,
                          job_execution_id AS JOB_EXECUTION_ID
                        FROM nightly_run WHERE status = 'RUNNING'""").query().listOfRows().stream()
                .map(NightlyChain::upperKeys)
                .toList();
    }

    private int cutShort(
            List<Map<String, Object>> running, java.util.Collection<Long> deadExecutions, boolean everyRunning) {
        int marked = 0;
        for (Map<String, Object> row : running) {
            Long execution =
                    row.get("JOB_EXECUTION_ID") == null ? null : ((Number) row.get("JOB_EXECUTION_ID")).longValue();
            if (!everyRunning && (execution == null || !deadExecutions.contains(execution))) {
                continue;
            }
            LocalDate night = ((java.sql.Date) row.get("RUN_DATE")).toLocalDate();
            int attempt = ((Number) row.get("ATTEMPT")).intValue();
            String step = (String) row.get("STEP");
            JobExecution ran = execution == null ? null : executionOrNull(execution);
            // a run that completed before the kill is recorded as what it was, and the resumed night counts it done
            boolean completed = ran != null && ran.getStatus() == BatchStatus.COMPLETED;
            String status = "FAILED";
            String run = execution == null ? "" : "（任务执行 #" + execution + (completed ? " 已完成，尚未记下）" : " 已标记为失败）");
            String runEn = execution == null
                    ? ""
                    : " (job execution #" + execution
                            + (completed ? " completed, not yet recorded)" : " marked FAILED)");
            String message = "SCHEDULE".equals(row.get("TRIGGER_KIND"))
                    ? STOPPED_WITH_SERVE + DIED + run + "；serve 接着完成，或运行 nightly --date " + night + " --resume"
                            + org.lujing.ledger.Bilingual.SEPARATOR + "serve ended abruptly while this step ran" + runEn
                            + "; serve goes on with it, or run nightly --date " + night + " --resume"
                    : "运行这一步的进程意外终止" + run + "；运行 nightly --date " + night + " --resume 接着完成"
                            + org.lujing.ledger.Bilingual.SEPARATOR + "the process running this step ended abruptly"
                            + runEn + "; run nightly --date " + night + " --resume to go on";
            marked += finish(night, attempt, step, status, null, message, true);
            log.warn(
                    "nightly step {} of {} (attempt {}) was left running by a process that died: {}",
                    step,
                    night,
                    attempt,
                    status);
        }
        return marked;
    }

    /**
     * Steps still {@code RUNNING} whose job completed more than {@code grace} ago: their process died between the
     * job's end and the night's record of it (a live one writes it within moments), which crash recovery — looking for
     * executions still running — never finds on a shared database. They are cut short like a dead process's step, and
     * the night, resumed, counts them done. Returns how many.
     */
    public int cutShortCompletedButUnrecorded(java.time.Duration grace) {
        List<Long> ended = jdbc.sql("""
                        SELECT n.job_execution_id FROM nightly_run n
                        JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = n.job_execution_id
                        WHERE n.status = 'RUNNING' AND e.STATUS = 'COMPLETED' AND e.END_TIME < ?""")
                .param(Timestamp.from(Instant.now().minus(grace)))
                .query(Long.class)
                .list();
        return cutShortByDeadProcess(ended, false);
    }

    private JobExecution executionOrNull(long id) {
        try {
            return jobRepository.getJobExecution(id);
        } catch (org.springframework.dao.DataAccessException gone) {
            return null;
        }
    }

    private Result runChain(LocalDate night, String trigger, boolean resume) {
        int lastAttempt = lastAttempt(night);
        boolean resuming = resume && lastAttempt > 0;
        int attempt = resuming ? lastAttempt : lastAttempt + 1;
        List<StepResult> results = new ArrayList<>();
        List<String> steps = definition.steps();
        log.info("nightly chain for {} (attempt {}, {}){}", night, attempt, trigger, resuming ? ", resuming" : "");
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            Optional<Map<String, Object>> previous = resuming ? previous(night, attempt, step) : Optional.empty();
            if (previous.isPresent() && "COMPLETED".equals(previous.get().get("STATUS"))) {
                results.add(new StepResult(step, "COMPLETED", "done earlier", null));
                continue;
            }
            Optional<JobExecution> recorded = previous.flatMap(this::recordedRun);
            if (recorded.isPresent() && recorded.get().getStatus() == BatchStatus.COMPLETED) {
                // its run completed, and its process died before the night wrote so: the step is done
                long done = recorded.get().getId();
                String message = recorded.get().getExitStatus().getExitDescription();
                finish(night, attempt, step, "COMPLETED", done, message);
                results.add(new StepResult(step, "COMPLETED", message, done));
                continue;
            }
            Optional<Long> givenUp = abandonedIn(recorded);
            if (givenUp.isPresent()) {
                // an admin gave the step's run up (`jobs abandon`): its job cannot run again, so this round of the
                // night ends here, and a new round starts the night afresh
                String message = "步骤的执行 #" + givenUp.get() + " 已被放弃，这一轮不能继续；运行 nightly --date " + night
                        + " 开始新的一轮" + org.lujing.ledger.Bilingual.SEPARATOR + "the step's execution #"
                        + givenUp.get() + " was abandoned, so this round cannot go on; run nightly --date " + night
                        + " to start a new round";
                results.add(new StepResult(step, "FAILED", message, givenUp.get()));
                log.error("nightly chain for {} cannot resume at {}: {}", night, step, message);
                return new Result(night, attempt, results, false, true);
            }
            Optional<JobExecution> successor = restartedSince(recorded);
            if (successor.isPresent() && successor.get().getStatus() == BatchStatus.COMPLETED) {
                // an admin restarted the failed step's job (`jobs restart`) and it completed: the step is done
                long done = successor.get().getId();
                String message = "已由重新运行的执行 #" + done + " 完成" + org.lujing.ledger.Bilingual.SEPARATOR
                        + "done by execution #" + done + " (restarted)";
                finish(night, attempt, step, "COMPLETED", done, message);
                results.add(new StepResult(step, "COMPLETED", message, done));
                continue;
            }
            if (successor.isPresent()) {
                // restarted and failed again, or still running: resume from the latest execution, not the first
                Map<String, Object> latest = new java.util.HashMap<>(previous.get());
                latest.put("JOB_EXECUTION_ID", successor.get().getId());
                previous = Optional.of(latest);
            }
            if (stopping) {
                // the process stops: this step is not begun, and the night says so, to be gone on with
                StopWords words = StopWords.of(trigger, night);
                String message = words.when() + "这一步没有开始；" + words.goOnZh() + org.lujing.ledger.Bilingual.SEPARATOR
                        + words.who() + " stopped before this step began; " + words.goOnEn();
                if (previous.isEmpty()) {
                    recordNotBegun(night, attempt, step, i, trigger, message);
                } else {
                    finish(night, attempt, step, "FAILED", null, message);
                }
                results.add(new StepResult(step, "FAILED", message, null));
                log.info("nightly chain for {}: serve is stopping, {} not begun", night, step);
                return new Result(night, attempt, results, false);
            }
            StepResult r = runStep(night, attempt, i, step, trigger, previous);
            results.add(r);
            if (!r.status().equals("COMPLETED") && r.message() != null && stoppedWithProcess(r.message())) {
                // stopped on request with the process: no error, and the next start goes on with it
                log.warn(
                        "nightly chain for {} stopped at {} with serve; it goes on when serve starts again",
                        night,
                        step);
                return new Result(night, attempt, results, false);
            }
            if (!r.status().equals("COMPLETED")) {
                log.error(
                        "nightly chain for {} stopped at {}: {} — resume with `nightly --date {} --resume`",
                        night,
                        step,
                        r.message(),
                        night);
                return new Result(night, attempt, results, false);
            }
        }
        log.info("nightly chain for {} completed", night);
        return new Result(night, attempt, results, true);
    }

    private StepResult runStep(
            LocalDate night,
            int attempt,
            int position,
            String step,
            String trigger,
            Optional<Map<String, Object>> previous) {
        int stepsTotal = definition.steps().size();
        Timestamp now = Timestamp.from(Instant.now());
        if (previous.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind, started_at,
                              steps_total)
                            VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)""")
                    .params(java.sql.Date.valueOf(night), attempt, step, position, trigger, now, stepsTotal)
                    .update();
        } else {
            // resumed: the row says it runs again and counts afresh; it keeps its first start, so the night's
            // window (JobQueries.failedOfNight) still covers the ingests the first run started
            jdbc.sql("""
                            UPDATE nightly_run SET status = 'RUNNING', finished_at = NULL, steps_total = ?,
                              progress_done = NULL, progress_total = NULL, progress_note = NULL
                            WHERE run_date = ? AND attempt = ? AND step = ?""")
                    .params(stepsTotal, java.sql.Date.valueOf(night), attempt, step)
                    .update();
        }
        JobExecution execution;
        try {
            Object failedId = previous.map(p -> p.get("JOB_EXECUTION_ID")).orElse(null);
            if (failedId != null) {
                JobExecution failed = jobRepository.getJobExecution(((Number) failedId).longValue());
                execution = jobOperator.restart(failed);
            } else {
                execution = jobOperator.start(
                        nightlyStepJob,
                        new JobParametersBuilder()
                                .addString("step", step)
                                .addString("night", night.toString())
                                .addLong("attempt", (long) attempt)
                                .toJobParameters());
            }
        } catch (Exception e) {
            finish(night, attempt, step, "FAILED", null, "could not start: " + e.getMessage());
            return new StepResult(step, "FAILED", "could not start: " + e.getMessage(), null);
        }
        boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
        StopWords words = StopWords.of(trigger, night);
        String message = ok
                ? execution.getExitStatus().getExitDescription()
                : execution.getStatus() == BatchStatus.STOPPED && !stopping
                        // stopped by an admin (jobs stop), not with the process: the admin's to go on with
                        ? "已按要求停下（任务执行 #" + execution.getId() + "）；运行 nightly --date " + night + " --resume 接着完成"
                                + org.lujing.ledger.Bilingual.SEPARATOR + "stopped as asked (job execution #"
                                + execution.getId() + "); run nightly --date " + night + " --resume to go on"
                        : execution.getStatus() == BatchStatus.STOPPED
                                ? words.when() + "按要求停下（任务执行 #" + execution.getId() + "）；" + words.goOnZh()
                                        + org.lujing.ledger.Bilingual.SEPARATOR
                                        + "stopped as asked when " + words.who() + " stopped (job execution #"
                                        + execution.getId() + "); " + words.goOnEn()
                                : (stopping ? words.when() + "失败（进程正在停止）：" : "")
                                        // failed because the process stops under it (an inbox file it could not begin),
                                        // or
                                        // on its own as the stop came: said as such, and gone on with next time
                                        + execution.getAllFailureExceptions().stream()
                                                .findFirst()
                                                .map(Throwable::getMessage)
                                                .orElse(execution
                                                        .getExitStatus()
                                                        .getExitDescription());
        String status = ok ? "COMPLETED" : "FAILED";
        finish(night, attempt, step, status, execution.getId(), message);
        return new StepResult(step, status, message, execution.getId());
    }

    /**
     * The latest execution of a failed step's job instance when one came after the execution the night recorded (an
     * admin's `jobs restart`), found as `jobs restart` finds it ({@code JobControl}).
     */
    private Optional<JobExecution> restartedSince(Optional<JobExecution> recorded) {
        return recorded.flatMap(failed -> {
            JobExecution last = jobRepository.getLastJobExecution(failed.getJobInstance());
            return last != null && last.getId() > failed.getId() ? Optional.of(last) : Optional.empty();
        });
    }

    /** The abandoned execution of a step's job instance, if an admin gave one up: the instance is then final. */
    private Optional<Long> abandonedIn(Optional<JobExecution> recorded) {
        return recorded.flatMap(first -> jobRepository.getJobExecutions(first.getJobInstance()).stream()
                .filter(e -> e.getStatus() == BatchStatus.ABANDONED)
                .map(JobExecution::getId)
                .findFirst());
    }

    /** The step's execution the night recorded, read once for both questions above. */
    private Optional<JobExecution> recordedRun(Map<String, Object> previous) {
        Object recorded = previous.get("JOB_EXECUTION_ID");
        return recorded == null
                ? Optional.empty()
                : Optional.ofNullable(jobRepository.getJobExecution(((Number) recorded).longValue()));
    }

    private Optional<Map<String, Object>> previous(LocalDate night, int attempt, String step) {
        return jdbc
                .sql(
                        "SELECT status AS STATUS, job_execution_id AS JOB_EXECUTION_ID FROM nightly_run WHERE run_date = ? AND attempt = ? AND step = ?")
                .params(java.sql.Date.valueOf(night), attempt, step)
                .query()
                .listOfRows()
                .stream()
                .map(NightlyChain::upperKeys)
                .findFirst();
    }

    private static Map<String, Object> upperKeys(Map<String, Object> row) {
        Map<String, Object> out = new java.util.HashMap<>();
        row.forEach((k, v) -> out.put(k.toUpperCase(java.util.Locale.ROOT), v));
        return out;
    }

    private void finish(LocalDate night, int attempt, String step, String status, Long executionId, String message) {
        finish(night, attempt, step, status, executionId, message, false);
    }

    /** Writes how a step ended; {@code onlyIfRunning}: unless something else wrote it meanwhile. Returns rows written. */
    private int finish(
            LocalDate night,
            int attempt,
            String step,
            String status,
            Long executionId,
            String message,
            boolean onlyIfRunning) {
        return jdbc.sql("""
                        UPDATE nightly_run SET status = ?, job_execution_id = COALESCE(?, job_execution_id), finished_at = ?,
                          message = ?
                        WHERE run_date = ? AND attempt = ? AND step = ?""" + (onlyIfRunning ? " AND status = 'RUNNING'" : ""))
                .params(
                        status,
                        executionId,
                        Timestamp.from(Instant.now()),
                        truncate(message),
                        java.sql.Date.valueOf(night),
                        attempt,
                        step)
                .update();
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1900 ? s.substring(0, 1900) + "…" : s;
    }

    /** The recorded runs of a night (every attempt and step), oldest first. */
    public List<Map<String, Object>> history(LocalDate night) {
        return jdbc.sql("""
                        SELECT attempt, step, status, trigger_kind, job_execution_id, started_at, finished_at, message
                        FROM nightly_run WHERE run_date = ? ORDER BY attempt, position""").param(java.sql.Date.valueOf(night)).query().listOfRows();
    }

    /** How many chain attempts were started by a trigger kind (SCHEDULE, COMMAND), for reporting and tests. */
    public long attempts(String trigger) {
        return jdbc.sql(
                        "SELECT COUNT(DISTINCT CAST(run_date AS VARCHAR(10)) || '#' || CAST(attempt AS VARCHAR(10))) FROM nightly_run WHERE trigger_kind = ?")
                .param(trigger)
                .query(Long.class)
                .single();
    }
}
