package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.cluster.ClusterNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An unfinished file's content claim is taken over by the same test of life as its inbox file: the holder's node row.
 * The claim's own stamp is written when the claim is made, between two beats, so it can be younger than the node's
 * last beat; going by it, a node whose inbox file had already been taken over (its node row stale) still held the
 * content, and the drop was loaded a second time as a duplicate of itself.
 */
class FileClaimTakeoverIntegrationTests extends SharedLedgerContext {

    private static final String SHA = "a".repeat(64);

    @Autowired
    FileRegistry files;

    @Autowired
    ClusterNode node;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheOtherNode() {
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = 'other'").update();
    }

    @Test
    void aDeadNodesClaimIsTakenEvenWhenItWasStampedAfterItsLastBeat() {
        // given a node that last beat an hour ago, whose claim on an unfinished file was stamped just now
        otherNodeBeatAt(Instant.now().minus(Duration.ofHours(1)));
        unfinishedFileClaimedBy("other", Instant.now());

        // then this node takes the claim over, as the inbox route takes that node's inbox file
        assertThat(node.isAlive("other")).as("the inbox route's test of life").isFalse();
        assertThat(files.takeOver(SHA, false)).isTrue();
        assertThat(holder()).isEqualTo(node.id());
    }

    @Test
    void aLiveNodesClaimIsNeverTakenHoweverOldItsStamp() {
        // given a node beating now, whose claim was stamped an hour ago
        otherNodeBeatAt(Instant.now());
        unfinishedFileClaimedBy("other", Instant.now().minus(Duration.ofHours(1)));

        assertThat(files.takeOver(SHA, false)).isFalse();
        assertThat(files.takeOver(SHA, true)).as("not even to resume it here").isFalse();
        assertThat(holder()).isEqualTo("other");
    }

    @Test
    void thisNodeNeverTakesItsOwnClaimForADeadNodesUnlessAskedTo() {
        // given this node's row stale (its beats failed for a while) and a claim of its own
        Timestamp was = jdbc.sql("SELECT heartbeat_at FROM lujing_node WHERE node_id = ?")
                .param(node.id())
                .query(Timestamp.class)
                .single();
        jdbc.sql("UPDATE lujing_node SET heartbeat_at = ? WHERE node_id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofHours(1))), node.id())
                .update();
        try {
            unfinishedFileClaimedBy(node.id(), Instant.now());

            // then the takeover of dead nodes' files (its run may still be going here) leaves it alone
            assertThat(files.takeOver(SHA, false)).isFalse();
            // while resuming it here, its run having stopped, may take it
            assertThat(files.takeOver(SHA, true)).isTrue();
        } finally {
            jdbc.sql("UPDATE lujing_node SET heartbeat_at = ? WHERE node_id = ?")
                    .params(was, node.id())
                    .update();
        }
    }

    @Test
    void aFinishedFilesClaimIsNeverTakenOver() {
        otherNodeBeatAt(Instant.now().minus(Duration.ofHours(1)));
        long id = unfinishedFileClaimedBy("other", Instant.now());
        jdbc.sql("UPDATE ingest_file SET outcome = 'LOADED' WHERE id = ?")
                .param(id)
                .update();

        assertThat(files.takeOver(SHA, false)).isFalse();
        assertThat(holder()).isEqualTo("other");
    }

    private void otherNodeBeatAt(Instant at) {
        jdbc.sql(
                        "INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES ('other', 'h', 1, ?, ?)")
                .params(Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    private long unfinishedFileClaimedBy(String nodeId, Instant stamped) {
        long id = files.register("community", "台账.csv", "archive/community/台账.csv", SHA, 10, "CSV", 0);
        jdbc.sql("INSERT INTO file_claim (sha256, file_id, claimed_at, node_id, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                .params(SHA, id, Timestamp.from(stamped), nodeId, Timestamp.from(stamped))
                .update();
        return id;
    }

    private String holder() {
        return jdbc.sql("SELECT node_id FROM file_claim WHERE sha256 = ?")
                .param(SHA)
                .query(String.class)
                .single();
    }
}
