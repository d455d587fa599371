package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    void aFileOfNoConfiguredSourceIsRefusedBeforeAnythingIsTouched(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        // given a file in a folder whose name is no source, and no --source
        Path file = java.nio.file.Files.writeString(
                java.nio.file.Files.createDirectories(dir.resolve("downloads")).resolve("x.csv"), "日期,姓名,身份证号,活动类型\n");
        Path home = org.lujing.TestHomes.fresh("cli-unknown-source");

        CapturedRun run = CapturedRun.of("ingest", "--home", home.toString(), file.toString());

        // then the command says which source is missing and which there are, and nothing was received
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("没有名为“downloads”的数据来源")
                .contains("--source")
                .contains("community")
                .doesNotContain("there is no source");
        assertThat(home.resolve("quarantine")).isEmptyDirectory();
        assertThat(CapturedRun.of("files", "--json", "--home", home.toString())
                        .out()
                        .strip())
                .isEqualTo("[ ]");
    }

    @Test
    void aFolderOfSourceFoldersGivenWithASourceIsNoSilentSuccess() {
        // sample-data holds one folder per source: with --source none of them is read
        CapturedRun run = CapturedRun.of("ingest", "--source", "community", "sample-data");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("没有找到要入库的文件").contains("不读子文件夹");

        // nor is it passed over without a word when given beside a file that would load
        CapturedRun beside = CapturedRun.of(
                "ingest", "--source", "university", "sample-data/university/2025年法学院普法与访谈记录.csv", "sample-data");
        assertThat(beside.exit()).isEqualTo(2);
        assertThat(beside.err()).contains("在 sample-data 中没有找到要入库的文件").contains("没有导入任何文件");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedInTheOperatorsLanguage() {
        CapturedRun run = CapturedRun.of("ingest", "--source", "university", "no/such/file.csv");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("没有这个文件或文件夹：no/such/file.csv").doesNotContain("does not exist");
    }

    @Test
    void aRunThatStoppedSaysWhyAndWhatFinishesIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        // given a run that stopped at publication (the database refused a value), its file still claimed
        Path file = dir.resolve("a.csv");
        org.lujing.ingest.FileIngestService service =
                org.mockito.Mockito.mock(org.lujing.ingest.FileIngestService.class);
        org.mockito.Mockito.when(service.ingest(file, "university"))
                .thenReturn(new org.lujing.ingest.FileIngestService.Result(
                        java.util.Optional.of(new org.lujing.ingest.IngestedFile(
                                4,
                                "university",
                                "a.csv",
                                "archive/a.csv",
                                "a".repeat(64),
                                1,
                                "CSV",
                                java.sql.Timestamp.from(java.time.Instant.now()),
                                null,
                                "IN_PROGRESS",
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                null,
                                7L,
                                null)),
                        file,
                        org.springframework.batch.core.BatchStatus.FAILED,
                        7,
                        "数据库暂不可用 ‖ the database is not available"));

        // when the command ingests it
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            IngestCommand.run(service, java.util.List.of(new IngestCommand.Item(file, "university")), true);
        } finally {
            System.setOut(out);
        }

        // then beneath the file's line it says the run did not complete, why, and how it is finished
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("入库未完成（任务执行 #7）：数据库暂不可用")
                .contains("jobs restart 7")
                .doesNotContain("the database is not available");
    }

    @Test
    void theFirstCommandOnAHomeTellsOfItsNewKeyAsASentenceNotALogLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path roster = java.nio.file.Files.writeString(
                dir.resolve("roster.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一,430104198001010014,13800000001,缓刑,2025-01-01,2025-12-31\n");
        Path home = org.lujing.TestHomes.fresh("cli-first-key");

        CapturedRun run = CapturedRun.of("ingest", "--source", "roster", "--home", home.toString(), roster.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err().lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("已在 " + home.resolve("keys/lujing.key").toAbsolutePath() + " 创建新的加密密钥"));
        assertThat(run.err()).doesNotContain("WARN", "KeyConfiguration");
        // the next command has a key: nothing to tell
        assertThat(CapturedRun.of("files", "--home", home.toString()).err()).doesNotContain("加密密钥");
    }
}
