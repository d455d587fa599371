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
}
