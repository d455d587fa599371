package org.lujing.operations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.cluster.ClusterNode;
import org.lujing.ingest.FileIngestService;
import org.lujing.schedule.NightlyChain;
import org.mockito.InOrder;

/**
 * Each heartbeat's takeover does its parts in an order that lets the later ones find what the earlier ones freed: a
 * dead node's executions are failed first, a night step left running under a dead runner is then cut short and the
 * runner given back, and only then is a stopped night looked for, so the night that node died in is gone on with at
 * the same heartbeat instead of never. A failing part is logged and the heartbeat comes again: it does not end the
 * timer, and the parts after it still run at the next beat.
 */
class NodeTakeoverTests {

    private final CrashRecovery recovery = mock(CrashRecovery.class);
    private final FileIngestService ingest = mock(FileIngestService.class);
    private final ClusterNode node = mock(ClusterNode.class);
    private final NightlyChain nightly = mock(NightlyChain.class);
    private final NodeTakeover takeover = new NodeTakeover(recovery, ingest, node, nightly);

    @Test
    void aNightLeftRunningUnderADeadRunnerIsCutShortAndGivenBackBeforeTheStoppedNightIsLookedFor() {
        when(recovery.recoverDead()).thenReturn(List.of());
        when(ingest.resumeUnfinished()).thenReturn(List.of());

        takeover.takeOver();

        InOrder order = inOrder(recovery, nightly, ingest);
        order.verify(recovery).recoverDead();
        order.verify(nightly).cutShortLeftByDeadRunner();
        order.verify(nightly).releaseRunnerIfIdle();
        order.verify(nightly).goOnWithStoppedNight(NodeTakeover.SETTLED);
        order.verify(ingest).resumeUnfinished();
        verify(nightly).cutShortCompletedButUnrecorded(NodeTakeover.SETTLED);
    }

    @Test
    void aPartThatFailsIsTriedAgainAtTheNextHeartbeat() {
        when(recovery.recoverDead())
                .thenThrow(new IllegalStateException("database not reachable"))
                .thenReturn(List.of());
        when(ingest.resumeUnfinished()).thenReturn(List.of());

        takeover.takeOver(); // logged, not thrown: the timer's next run would otherwise never come
        takeover.takeOver();

        verify(nightly).cutShortLeftByDeadRunner();
        verify(nightly).goOnWithStoppedNight(any());
    }
}
