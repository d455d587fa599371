package org.lujing.operations;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lujing.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The policy for executions left STARTED by a process that died: which are dead, and marking them FAILED so they
 * can be restarted. At start-up it runs once every bean exists and before anything is started — the scheduler
 * (which may fire a missed night at once) and the inbox route — so no execution of this process can be taken for a
 * dead one; {@code serve} then asks again at every heartbeat ({@link NodeTakeover}).
 */
@Component
class CrashRecovery implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CrashRecovery.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Environment env;
    private final ClusterNode node;
    private final org.lujing.schedule.NightlyChain nightly;

    CrashRecovery(
            JobOperator jobOperator,
            JobRepository jobRepository,
            Environment env,
            ClusterNode node,
            org.lujing.schedule.NightlyChain nightly) {
        this.nightly = nightly;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.env = env;
        this.node = node;
    }

    @Override
    public void afterSingletonsInstantiated() {
        recoverInterrupted();
    }

    /**
     * Marks as FAILED the executions that a dead process left running, and returns their ids for a restart. On the
     * embedded database only one process can have it open, so at start-up every running execution is a dead one; on
     * a shared database only those of dead nodes ({@link #recoverDead}).
     */
    List<Long> recoverInterrupted() {
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
                markFailed(running);
                recovered.add(running.getId());
            }
        }
        // and the night steps it was running say so, to be gone on with
        nightly.cutShortByDeadProcess(recovered, true);
        logRecovered(recovered);
        return recovered;
    }

    /**
     * Marks as FAILED the running executions of nodes that stopped beating for {@code lujing.jobs.recover-after}
     * (table {@code job_node}; an execution without a node, started before nodes were recorded, when it has not moved
     * for that long). {@code serve} calls it at start and then periodically, so a dead node's work is recovered while
     * the others run, not only when some process starts.
     */
    List<Long> recoverDead() {
        Set<String> alive = node.aliveNodes();
        LocalDateTime quietSince = LocalDateTime.now().minus(node.recoverAfter());
        List<Long> recovered = new ArrayList<>();
        for (String name : jobRepository.getJobNames()) {
            for (JobExecution running : jobRepository.findRunningJobExecutions(name)) {
                boolean dead = node.leftByPredecessor(running.getId())
                        || node.nodeOf(running.getId())
                                .map(n -> !alive.contains(n))
                                .orElseGet(() -> lastMoved(running).isBefore(quietSince));
                if (!dead) {
                    continue;
                }
                try {
                    markFailed(running);
                    recovered.add(running.getId());
                } catch (RuntimeException e) {
                    // another node recovering it at the same moment; it is FAILED either way
                    log.info("execution #{} not recovered here: {}", running.getId(), e.toString());
                }
            }
        }
        nightly.cutShortByDeadProcess(recovered, false);
        logRecovered(recovered);
        return recovered;
    }

    private void markFailed(JobExecution running) {
        org.lujing.cluster.DeadRun.markFailed(jobOperator, jobRepository, running);
    }

    static void logRecovered(List<Long> recovered) {
        if (!recovered.isEmpty()) {
            // a command run after a crash says it in the operator's words, not as an English log line above its table
            String ids =
                    String.join(", ", recovered.stream().map(id -> "#" + id).toList());
            org.lujing.home.OperatorNotice.say(
                    log,
                    org.lujing.home.TerminalLanguage.english()
                            ? "recovered " + recovered.size() + " job execution(s) left running by a process that"
                                    + " stopped: " + ids + " — marked FAILED; an ingest is finished by serve (or by"
                                    + " running the same ingest again), anything else restarts with `jobs restart ID`"
                            : "上次停止的进程留下 " + recovered.size() + " 个仍在运行的任务执行（" + ids + "），已标记为失败；"
                                    + "入库由 serve 启动时完成（或再次运行同一条 ingest 命令），其他的用 jobs restart 编号 重新运行");
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
}
