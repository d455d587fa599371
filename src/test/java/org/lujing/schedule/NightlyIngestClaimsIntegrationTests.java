package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.cluster.TwoNodeIntegrationTests;
import org.lujing.ingest.InboxClaims;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nightly chain's ingest step takes inbox files under the inbox route's claims: a file another node holds is
 * left to it, a file still being written and Camel's lock files are never read, and a dead node's file is taken.
 */
class NightlyIngestClaimsIntegrationTests extends SharedLedgerContext {

    @Autowired
    @Qualifier("nightlyIngestInbox")
    NightlyStep ingestInbox;

    @Autowired
    InboxClaims claims;

    @Autowired
    JdbcClient jdbc;

    /** The other node and the lock file are this test's own: the context and its home are shared. */
    @AfterEach
    void forgetTheOtherNodeAndItsLockFile() throws IOException {
        jdbc.sql("DELETE FROM lujing_node WHERE node_id = 'other'").update();
        Files.deleteIfExists(HOME.resolve("inbox/community/old.csv.camelLock"));
    }

    @Test
    void theIngestStepSkipsWhatTheRouteHoldsAndNeverReadsLockFiles() throws IOException {
        Path inbox = Files.createDirectories(HOME.resolve("inbox/community"));
        Path held = settled(TwoNodeIntegrationTests.smallLedger(inbox.resolve("held.csv"), 1, 3));
        Path free = settled(TwoNodeIntegrationTests.smallLedger(inbox.resolve("free.csv"), 2, 3));
        Path writing = TwoNodeIntegrationTests.smallLedger(inbox.resolve("writing.csv"), 3, 3);
        // a partner's copy under way: changed just now, and still changing (a slow machine must not age it meanwhile)
        Files.setLastModifiedTime(writing, FileTime.from(Instant.now().plusSeconds(60)));
        Path lock = settled(Files.writeString(inbox.resolve("old.csv.camelLock"), ""));
        // given another live node's route holding one file
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql(
                        "INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at) VALUES ('other', 'h', 1, ?, ?)")
                .params(now, now)
                .update();
        jdbc.sql("INSERT INTO inbox_claim (file_key, node_id, claimed_at) VALUES (?, 'other', ?)")
                .params(InboxClaims.key(held), now)
                .update();

        // when the night's ingest step runs
        String said = ingestInbox.run(LocalDate.of(2025, 6, 30));

        // then it loaded the free file only
        assertThat(said).contains("1 loaded").contains("2 left to the inbox route");
        assertThat(free).doesNotExist();
        assertThat(held).exists();
        assertThat(writing).as("still being written").exists();
        assertThat(lock).as("a lock file is never read or removed").exists();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_file")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT node_id FROM inbox_claim")
                        .query(String.class)
                        .list())
                .as("the other node's claim is never removed")
                .containsExactly("other");
        assertThat(claims.add(InboxClaims.key(held))).as("a live node's claim").isFalse();

        // when the other node stops beating for longer than lujing.jobs.recover-after
        jdbc.sql("UPDATE lujing_node SET heartbeat_at = ? WHERE node_id = 'other'")
                .param(Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .update();
        settled(writing);
        said = ingestInbox.run(LocalDate.of(2025, 6, 30));

        // then its file is taken over and loaded, once
        assertThat(said).contains("2 loaded");
        assertThat(held).doesNotExist();
        assertThat(lock).exists();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox_claim")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static Path settled(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }
}
