package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.home.LujingProperties;

/** A parked file's reason as an older version wrote it (中文 / English) reads as one kept in both languages. */
class InboxFailureReasonTests {

    @Test
    void anOlderReasonIsSplitAtItsFirstSlashOnlyWhenItStartsInChinese() {
        assertThat(InboxFailures.bilingual("入库未能运行（…）/ the ingest could not run: a / b"))
                .isEqualTo("入库未能运行（…） ‖ the ingest could not run: a / b");
        // written today, or not starting in Chinese: as it is
        assertThat(InboxFailures.bilingual("入库未能运行 ‖ could not run / x")).isEqualTo("入库未能运行 ‖ could not run / x");
        assertThat(InboxFailures.bilingual("disk cleared / retry")).isEqualTo("disk cleared / retry");
        assertThat(InboxFailures.bilingual("")).isEmpty();
    }

    @Test
    void aReasonFileSomeoneElseWroteIsReadBoundedAndMasked(@TempDir Path home) throws Exception {
        // given a file waiting in a partner's inbox folder beside a 50 MB ".reason" file the partner wrote, starting
        // with an ID number (the inbox is theirs to write; the files page, dashboard and `files` read these notes)
        Path folder = Files.createDirectories(home.resolve("inbox/university"));
        Files.writeString(folder.resolve("x.tmp"), "a,b\n");
        try (var out = Files.newBufferedWriter(folder.resolve(".x.tmp.reason"))) {
            out.write("430104196804120314 ");
            for (int i = 0; i < 5_000_000; i++) {
                out.write("0123456789");
            }
        }
        InboxFailures failures =
                new InboxFailures(new LujingProperties(home, home.resolve("jobs"), home.resolve("routes"), null, null));

        // when the waiting files are listed
        var listed = failures.list();

        // then the note is read to its first few kilobytes, cut and masked (it was read whole: out of memory)
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).reason())
                .hasSizeLessThanOrEqualTo(2000)
                .endsWith("…")
                .doesNotContain("430104196804120314");
    }

    @Test
    void thePagesTakeTheNewestDropsAndCountTheRest(@TempDir Path home) throws Exception {
        // given 105 drops the route failed on in one partner's folder and two parked by an older version, each a
        // minute apart
        Path folder = Files.createDirectories(home.resolve("inbox/university"));
        Path parked = Files.createDirectories(folder.resolve(".failed"));
        java.time.Instant start = java.time.Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 1; i <= 107; i++) {
            Path drop = (i <= 2 ? parked : folder).resolve("drop-" + i + ".csv");
            Files.writeString(drop, "a,b\n");
            if (i > 2) {
                Files.writeString(folder.resolve(".drop-" + i + ".csv.reason"), "第 " + i + " 个文件无法入库");
            }
            Files.setLastModifiedTime(drop, java.nio.file.attribute.FileTime.from(start.plusSeconds(60L * i)));
        }
        // and a file simply waiting for the route (no reason beside it): not a failed drop
        Files.writeString(folder.resolve("waiting.csv"), "a,b\n");
        InboxFailures failures =
                new InboxFailures(new LujingProperties(home, home.resolve("jobs"), home.resolve("routes"), null, null));

        // when the pages ask for the newest hundred, and `files` for all
        InboxFailures.Newest newest = failures.newest(100);
        var all = failures.list();

        // then the newest hundred, newest first, each with its own reason, and the count of all
        assertThat(newest.total()).isEqualTo(107);
        assertThat(newest.drops()).hasSize(100);
        assertThat(newest.drops().get(0).name()).isEqualTo("drop-107.csv");
        assertThat(newest.drops().get(0).reason()).contains("第 107 个文件无法入库");
        assertThat(newest.drops().get(99).name()).isEqualTo("drop-8.csv");
        assertThat(all).hasSize(107);
        assertThat(all.get(106).name()).isEqualTo("drop-1.csv");
        assertThat(all.get(106).reason()).contains("旧版本停放");
    }
}
