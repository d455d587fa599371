package org.lujing.operations;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lujing.cluster.ClusterNode;
import org.lujing.ingest.FileIngestService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * While {@code serve} runs — at its start and then every heartbeat — it takes over what dead nodes left: their
 * running job executions are marked FAILED, and the files they were ingesting are finished here, each under its
 * own entry and claim, from its last committed chunk or slice. A file whose content waits in the inbox is finished
 * by the inbox route when it takes the file over. A night the schedule began and a stop or a dead node cut short is
 * gone on with from its step. Nothing has to be restarted by hand, and a node that never comes back loses nothing.
 */
@Component
@ConditionalOnProperty(name = "lujing.jobs.takeover", havingValue = "true")
class NodeTakeover implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeTakeover.class);

    private final CrashRecovery recovery;
    private final FileIngestService ingest;
    private final ClusterNode node;
    private final org.lujing.schedule.NightlyChain nightly;
    private ScheduledExecutorService timer;

    /** How long after a stop recorded its night another process takes that night up (systemd's 90 s, and a margin). */
    static final java.time.Duration SETTLED = java.time.Duration.ofMinutes(2);

    NodeTakeover(
            CrashRecovery recovery,
            FileIngestService ingest,
            ClusterNode node,
            org.lujing.schedule.NightlyChain nightly) {
        this.nightly = nightly;
        this.recovery = recovery;
        this.ingest = ingest;
        this.node = node;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-takeover");
            t.setDaemon(true);
            return t;
        });
        long every = node.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::takeOver, 0, every, TimeUnit.MILLISECONDS);
    }

    void takeOver() {
        try {
            recovery.recoverDead();
            // a night cut short — by a stop, or by a node that died under it — is gone on with here; a stop's only
            // once the stopping process is surely gone (its claims released: stop-wait, then Camel's shutdown)
            nightly.cutShortCompletedButUnrecorded(SETTLED);
            nightly.cutShortLeftByDeadRunner();
            nightly.releaseRunnerIfIdle();
            nightly.goOnWithStoppedNight(SETTLED);
            for (FileIngestService.Result r : ingest.resumeUnfinished()) {
                log.info(
                        "interrupted ingest finished: {} ({})",
                        r.outcome(),
                        r.storedAt().getFileName());
            }
        } catch (RuntimeException e) {
            log.error("taking over interrupted work failed; tried again in {}", node.heartbeat(), e);
        }
    }

    /** Takes nothing over any more: the process is stopping (its own stopped work must not be resumed here). */
    void pause() {
        if (timer != null) {
            // not interrupted: a resumption under way is asked to stop like any job, and waited for
            timer.shutdown();
        }
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
