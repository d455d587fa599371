package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.read.SheetHeader;
import org.lujing.report.ReportLanguage;

/**
 * A rejected row's values and message read as the partner wrote them on the file's page and in `rejects`: whole
 * numbers without the {@code .0} a reader kept ({@code 序号：94}, not {@code 94.0}), as the quality workbook shows them.
 */
class RejectedValuesWordsTests {

    @Test
    void wholeNumbersShowWithoutTheirPointZero() {
        Words words = new Words(null, null, null);

        assertThat(words.values("[\"94.0\", \"2.0\", \"4301************78\", \"2.5\", \"1.0.3\"]"))
                .isEqualTo("94 · 2 · 4301************78 · 2.5 · 1.0.3");
        assertThat(words.values("[\"94.0\", \"2.0\"]", new SheetHeader("表1", 1, List.of("序号", "时长（小时）"))))
                .isEqualTo("序号：94 · 时长（小时）：2");
        assertThat(ReportLanguage.ZH.rejectMessage("第 12.0 行的日期“2025-13-01”不存在 / row 12.0: no such date"))
                .isEqualTo("第 12 行的日期“2025-13-01”不存在");
    }

    @Test
    void aMessageNamesTheSourceByItsAgencyOnThePage() {
        Words words = new Words(new org.lujing.source.SourceCatalog(java.nio.file.Path.of("jobs/sources")), null, null);

        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        try {
            assertThat(words.rejectMessage(
                            "活动类型“棋艺比赛”不在来源 community 的词表中 / the activity word '棋艺比赛' is not in the vocabulary",
                            "community"))
                    .isEqualTo("活动类型“棋艺比赛”不在来源「麓景社区居委会」的词表中");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void aQuarantinedFilesFolderIsSaidInWords() {
        Words words = new Words(new org.lujing.source.SourceCatalog(java.nio.file.Path.of("jobs/sources")), null, null);

        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        try {
            assertThat(words.quarantineSource("community")).isEqualTo("麓景社区居委会");
            assertThat(words.quarantineSource("inbox")).isEqualTo("收件箱根目录（不在任何来源的文件夹中）");
            assertThat(words.quarantineSource("nosource")).isEqualTo("没有对应来源的文件夹「nosource」");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }
}
