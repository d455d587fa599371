package org.lujing.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.lujing.cluster.ClusterNode;
import org.lujing.home.OperatorNotice;
import org.lujing.ingest.FileIngestService;
import org.lujing.schedule.NightlyChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A process asked to stop (SIGTERM from systemd, Ctrl-C) stops its jobs in order before anything closes under them.
 * First, before Camel, Quartz or the connection pool stop: no new file is begun, the takeover of unfinished work
 * pauses, each job execution running here is asked to stop ({@link JobOperator#stop}: it ends {@code STOPPED} at its
 * next chunk or slice, everything committed so far kept), and the process waits for them, at most
 * {@code lujing.jobs.stop-wait} (40 s: with Camel's 30 s after it, inside systemd's 90 s). Then its content claims are
 * released, so the files it stopped are finished from where they stopped — at the next start, or by another node at
 * once — never loaded twice. Before, the pool closed under a running job: ERROR lines and stack traces, "this job is
 * now in an unknown state and should not be restarted", and an execution left {@code STARTED} until the next start.
 */
@Component
class OrderlyStop implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(OrderlyStop.class);

    private final ClusterNode node;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final FileIngestService ingest;
    private final ObjectProvider<NodeTakeover> takeover;
    private final NightlyChain nightly;
    private final Duration wait;

    OrderlyStop(
            ClusterNode node,
            JobOperator jobOperator,
            JobRepository jobRepository,
            FileIngestService ingest,
            ObjectProvider<NodeTakeover> takeover,
            NightlyChain nightly,
            Environment env) {
        this.nightly = nightly;
        this.node = node;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingest = ingest;
        this.takeover = takeover;
        this.wait = env.getProperty("lujing.jobs.stop-wait", Duration.class, Duration.ofSeconds(40));
    }

    @Override
    public int getOrder() {
        // before Camel's own listener stops the routes (and long before the pool closes)
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        ingest.stopTakingFiles();
        nightly.stopStarting();
        takeover.ifAvailable(NodeTakeover::pause);
        boolean english = org.lujing.home.TerminalLanguage.english();
        Set<Long> asked = new TreeSet<>();
        boolean announced = false;
        Instant deadline = Instant.now().plus(wait);
        // until nothing runs here: a job begun a moment after the flags were set (its file was being hashed, a night
        // was between steps) is asked to stop as it appears, not left to have the pool closed under it
        while (busy() && Instant.now().isBefore(deadline)) {
            Set<Long> fresh = new TreeSet<>(node.runningHere());
            fresh.removeAll(asked);
            if (!fresh.isEmpty()) {
                if (!announced) {
                    announced = true;
                    OperatorNotice.say(
                            log,
                            english
                                    ? "stopping: asking job execution(s) " + ids(fresh) + " to stop after their current"
                                            + " chunk (waiting at most " + wait.toSeconds() + " s); what they wrote"
                                            + " stays, and they go on from there next time"
                                    : "正在停止：请运行中的任务执行 " + ids(fresh) + " 在当前批次结束后停下（最多等 " + wait.toSeconds()
                                            + " 秒），已写入的部分都保留，下次从停下处接着完成");
                }
                for (long id : fresh) {
                    if (askToStop(id)) {
                        asked.add(id);
                    }
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (busy()) {
            OperatorNotice.say(
                    log,
                    english
                            ? stillBusy(true) + " did not stop within " + wait.toSeconds()
                                    + " s; the process stops all the same, and the next start takes them as"
                                    + " interrupted (nothing is loaded twice)"
                            : stillBusy(false) + " 在 " + wait.toSeconds() + " 秒内没有停下，进程仍将退出；下次启动时按中断处理，不会重复入库");
            return;
        }
        // nothing of this node runs any more: what it stopped may be finished by another node at once
        int released = node.releaseClaims();
        if (!asked.isEmpty()) {
            OperatorNotice.say(
                    log,
                    english
                            ? "stopped: job execution(s) " + ids(asked) + " ended"
                                    + (released > 0 ? ", " + released + " file claim(s) released" : "")
                                    + "; what they left unfinished is finished from where it stopped when serve starts"
                                    + " again (or by another node), never twice"
                            : "已停下：任务执行 " + ids(asked) + " 已结束"
                                    + (released > 0 ? "，释放了 " + released + " 个文件的占用" : "")
                                    + "；未完成的部分在 serve 下次启动时（或由另一节点）从停下处接着完成，不会重复入库");
        }
    }

    /**
     * What has not stopped, for the operator: the job executions by number, else the file still being read before its
     * job began (a file that never ends, such as a named pipe), else the night between its steps. The line said
     * "任务执行  在 40 秒内没有停下", naming nothing, when no execution had begun.
     */
    private String stillBusy(boolean english) {
        Set<Long> running = node.runningHere();
        if (!running.isEmpty()) {
            return (english ? "job execution(s) " : "任务执行 ") + ids(running);
        }
        if (ingest.inFlight() > 0) {
            return english ? "the inbox file being read before its job began" : "正在读取、尚未开始入库任务的收件箱文件";
        }
        return english ? "the nightly run" : "夜间任务";
    }

    /** Whether anything of this process still runs: a job execution, an ingest about to begin or end, a night. */
    private boolean busy() {
        return !node.runningHere().isEmpty() || ingest.inFlight() > 0 || nightly.busy();
    }

    /**
     * Steps a stop request would break, waited out instead: Spring Batch 6's chunk-oriented step, stopped from
     * another thread, had its writer closed under the chunk it was writing (a NullPointerException, the run FAILED
     * with ERROR lines). The staging of a file's rows is such a step (a 100,000-row file in about 5 s); its run is
     * asked to stop once it has gone on to publication, a tasklet that stops between slices.
     */
    private static final Set<String> WAITED_OUT = Set.of("stageRowsStep");

    /** Asks the execution to stop; false while it is in a step that is waited out (asked again at the next poll). */
    private boolean askToStop(long id) {
        try {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution == null || !execution.isRunning()) {
                return true;
            }
            boolean inWaitedOutStep = execution.getStepExecutions().stream()
                    .anyMatch(step -> step.getStatus().isRunning() && WAITED_OUT.contains(step.getStepName()));
            if (inWaitedOutStep) {
                return false;
            }
            jobOperator.stop(execution);
        } catch (Exception e) {
            // it ended meanwhile, or cannot be stopped: waited for all the same, up to the limit
            log.info("job execution #{} not asked to stop: {}", id, e.getMessage());
        }
        return true;
    }

    private static String ids(Set<Long> executions) {
        return executions.stream().map(id -> "#" + id).collect(java.util.stream.Collectors.joining("、"));
    }
}
