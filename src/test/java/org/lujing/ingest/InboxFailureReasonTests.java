package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
