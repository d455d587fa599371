package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.read.ReadingNote;
import org.lujing.report.ReportLanguage;

/** The lines {@code ingest} prints beneath a file: one language each, the note's code beside its words. */
class IngestCommandLinesTests {

    private static final ReadingNote NOTE = new ReadingNote(
            "3月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年 / dates without a year took 2025 from the header", 2, 3, 4);

    @Test
    void aReadingNoteInChineseAndInEnglish() {
        assertThat(IngestCommand.noteLine(NOTE, ReportLanguage.ZH))
                .isEqualTo("  读取说明 DATE_YEAR  工作表「3月」2 行（第 3–4 行）：日期缺年份，取自表头 2025年");
        assertThat(IngestCommand.noteLine(NOTE, ReportLanguage.EN))
                .isEqualTo("  reading note DATE_YEAR  sheet '3月' 2 rows (3–4): dates without a year took 2025 from the"
                        + " header");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedInTheOperatorsLanguage() {
        CapturedRun run = CapturedRun.of("ingest", "--source", "university", "no/such/file.csv");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("没有这个文件或文件夹：no/such/file.csv").doesNotContain("does not exist");
    }
}
