package org.lujing.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.db.ServerFile.Decision;

/** When a command goes through serve's server, waits for it, or opens the database file itself. */
class ServerFileTests {

    static final ServerFile READY = new ServerFile(4242, 9137, "LUJING_CLI", "s3cret", "r3covery");
    static final ServerFile STARTING = new ServerFile(4242, null, null, null, "r3covery");

    @Test
    void noFileMeansNoServe() {
        assertThat(ServerFile.decide(Optional.empty(), pid -> true, port -> true))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void aLiveServeAnsweringOnItsPortIsUsed() {
        assertThat(ServerFile.decide(Optional.of(READY), pid -> pid == 4242, port -> port == 9137))
                .isEqualTo(Decision.SERVER);
    }

    @Test
    void aFileWhoseProcessIsGoneIsStaleWhateverItsPortDoes() {
        // killed: the port may since answer for someone else, who must not be sent the secret
        assertThat(ServerFile.decide(Optional.of(READY), pid -> false, port -> true))
                .isEqualTo(Decision.STALE);
        assertThat(ServerFile.decide(Optional.of(STARTING), pid -> false, port -> true))
                .isEqualTo(Decision.STALE);
    }

    @Test
    void aLiveProcessWhosePortDoesNotAnswerIsNotTrusted() {
        assertThat(ServerFile.decide(Optional.of(READY), pid -> true, port -> false))
                .isEqualTo(Decision.STALE);
    }

    @Test
    void aLiveServeWithoutAPortYetIsStarting() {
        assertThat(ServerFile.decide(Optional.of(STARTING), pid -> true, port -> true))
                .isEqualTo(Decision.STARTING);
    }

    @Test
    void theFileIsPrivateAndReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/server.properties");
        READY.write(file);
        assertThat(ServerFile.read(file)).contains(READY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        STARTING.write(file);
        assertThat(ServerFile.read(file)).contains(STARTING);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void anUnreadablePidNamesNoLiveProcess(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "pid=x\nport=9137\nuser=LUJING_CLI\nsecret=s\n");
        Optional<ServerFile> read = ServerFile.read(file);
        assertThat(ServerFile.decide(read)).isEqualTo(Decision.STALE);
    }

    @Test
    void theFileLivesBesideTheEmbeddedDatabaseOnly() {
        assertThat(ServerFile.location("jdbc:hsqldb:file:/srv/lujing/data/lujing;hsqldb.tx=mvcc;shutdown=true"))
                .isEqualTo(Path.of("/srv/lujing/data/server.properties"));
        assertThat(ServerFile.embedded("jdbc:hsqldb:file:/srv/lujing/data/lujing"))
                .isTrue();
        assertThat(ServerFile.embedded("jdbc:postgresql://db:5432/lujing")).isFalse();
        assertThat(ServerFile.embedded("jdbc:hsqldb:hsql://127.0.0.1:9137/lujing"))
                .isFalse();
    }
}
