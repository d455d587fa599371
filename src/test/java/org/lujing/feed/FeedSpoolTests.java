package org.lujing.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The file a pull's new records are written to as they arrive: its shape, its permissions, and what a crash leaves. */
class FeedSpoolTests {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theRecordsBecomeAFileOfTheShapeADroppedFileHas() throws Exception {
        FeedSpool spool = FeedSpool.open(dir.resolve("micro-lesson"), JSON);
        spool.add(JSON.readTree("{\"id\":\"ml-1\",\"name\":\"赵一\"}"));
        spool.add(JSON.readTree("{\"id\":\"ml-2\",\"name\":\"钱二\"}"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.part())))
                .isEqualTo("rw-------");

        Path file = spool.finish(dir.resolve("micro-lesson/20261130-184400.json"));

        JsonNode records = JSON.readTree(Files.readString(file)).get("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("name").asString()).isEqualTo("钱二");
        assertThat(Files.list(dir.resolve("micro-lesson")).toList()).containsExactly(file);
    }

    @Test
    void aDiscardedPullLeavesNothing() throws Exception {
        FeedSpool spool = FeedSpool.open(dir, JSON);
        spool.add(JSON.readTree("{\"id\":\"ml-1\"}"));

        spool.discard();

        assertThat(Files.list(dir).toList()).isEmpty();
    }

    @Test
    void whatAStoppedPullLeftIsDeletedOnceNoPullCanBeWritingIt() throws Exception {
        // given the part of a pull killed two hours ago, one being written now, and the pull's finished file
        FeedSpool abandoned = FeedSpool.open(dir, JSON);
        abandoned.close();
        Files.setLastModifiedTime(abandoned.part(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        FeedSpool running = FeedSpool.open(dir, JSON);
        Path finished = Files.writeString(dir.resolve("20261130-010000.json"), "{\"records\": []}");
        // and a pulled file a process killed in its ingest left two hours ago: ID numbers in clear
        Path leftByAKill = Files.writeString(dir.resolve("20261130-000000.json"), "{\"records\": []}");
        Files.setLastModifiedTime(leftByAKill, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        // when the next pull begins
        int deleted = FeedSpool.deleteAbandoned(dir, Instant.now());

        // then only what was abandoned is gone
        assertThat(deleted).isEqualTo(2);
        assertThat(abandoned.part()).doesNotExist();
        assertThat(leftByAKill).doesNotExist();
        assertThat(running.part()).exists();
        assertThat(finished).exists();
        running.discard();
    }
}
