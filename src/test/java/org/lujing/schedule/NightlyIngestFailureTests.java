package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.home.LujingProperties;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.InboxClaims;
import org.lujing.ingest.InboxFailures;
import org.lujing.ingest.IngestedFile;
import org.springframework.batch.core.BatchStatus;

/**
 * The night's ingest step takes the inbox file by file: one file whose ingest cannot run (the database away for a
 * moment, a file that cannot be read) stays in the inbox with its reason beside it, the files after it are still
 * loaded, and the step then fails — so the night shows it, names the file and the cause, and a rerun tries it again.
 */
class NightlyIngestFailureTests {

    @TempDir
    Path home;

    @Test
    void aFileThatCannotBeIngestedStaysAndTheOthersAreStillLoaded() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/community"));
        Path first = settled(Files.writeString(inbox.resolve("a-430104197706186971.csv"), "x"));
        Path second = settled(Files.writeString(inbox.resolve("b.csv"), "y"));
        LujingProperties properties =
                new LujingProperties(home, home.resolve("jobs"), home.resolve("routes"), null, null);
        FileIngestService ingest = mock(FileIngestService.class);
        // a cause that speaks both languages, as Lujing's own refusals do
        when(ingest.ingest(first, "community"))
                .thenThrow(new IllegalStateException("数据库连接暂不可用 ‖ Connection is not available"));
        FileIngestService.Result loaded = new FileIngestService.Result(
                Optional.of(loadedEntry()), home.resolve("archive/b.csv"), BatchStatus.COMPLETED, 2);
        when(ingest.ingest(second, "community")).thenReturn(loaded);
        InboxClaims claims = mock(InboxClaims.class);
        when(claims.add(anyString())).thenReturn(true);
        NightlyStep step =
                new NightlySteps().nightlyIngestInbox(ingest, properties, claims, new InboxFailures(properties), 0);

        assertThatThrownBy(() -> step.run(LocalDate.of(2025, 6, 30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("载入 1 个")
                .hasMessageContaining("未能入库 1 个（留在收件箱）")
                .hasMessageContaining("1 loaded")
                .hasMessageContaining("1 could not be ingested (left in the inbox)")
                .hasMessageContaining("community/")
                // each language's half of the summary carries the cause's half in that language
                .satisfies(e -> EachLanguage.carriesItsHalf(e, "数据库连接暂不可用", "Connection is not available"))
                // an ID number in the file's name is masked, as everywhere else
                .hasMessageNotContaining("430104197706186971");

        assertThat(first)
                .as("left in the inbox for the route or the next night")
                .exists();
        assertThat(inbox.resolve(".a-430104197706186971.csv.reason"))
                .as("its reason beside it, as the route leaves it")
                .exists();
        assertThat(second).as("loaded and taken out of the inbox").doesNotExist();
        verify(claims).remove(InboxClaims.key(first));
        verify(claims).remove(InboxClaims.key(second));
    }

    private static IngestedFile loadedEntry() {
        return new IngestedFile(
                2,
                "community",
                "b.csv",
                "archive/b.csv",
                "b".repeat(64),
                1,
                "CSV",
                Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()),
                "LOADED",
                1,
                1,
                0,
                0,
                0,
                1,
                null,
                2L,
                null);
    }

    private static Path settled(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }
}
