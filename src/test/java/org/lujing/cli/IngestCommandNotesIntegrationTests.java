package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.read.PartnerWorkbooks;

/** {@code ingest} tells the operator at the terminal what reading decided, beneath each file's accounting. */
class IngestCommandNotesIntegrationTests {

    static final Path HOME = TestHomes.fresh("cli-notes");

    @Test
    void ingestPrintsEachFilesReadingNotesBeneathItsAccounting() {
        Path file = PartnerWorkbooks.book()
                .sheet("填表说明", s -> s.row("每月一张表"))
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("姓名", "身份证号", "日期", "活动类型")
                                .row("张三", PartnerWorkbooks.id("43010419850101123"), "3月7日", "公益活动")
                                .row(null, null, "3月14日", "普法活动")
                                .merge("A3:A4")
                                .merge("B3:B4"))
                .write(HOME.resolve("in/台账.xlsx"));

        CapturedRun run = CapturedRun.of("ingest", "--home", HOME.toString(), "--source", "community", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("community/台账.xlsx: 已载入（LOADED） 读取 2，新增 2，合并 0，拒收 0，跳过 0")
                .contains("读取说明 DATE_YEAR  工作表「3月」2 行（第 3–4 行）：日期缺年份，取自表头 2025年")
                .contains("读取说明 MERGED_CELLS  ")
                .contains("读取说明 SHEET_PASSED_OVER  工作表「填表说明」前 20 行中没有表头")
                .doesNotContain("passed over"); // the terminal shows the Chinese half of each note
    }

    @Test
    void aRefusedFileSaysWhyInChineseWithoutTheLogsEnglishLines() throws Exception {
        Path file = java.nio.file.Files.writeString(
                java.nio.file.Files.createDirectories(HOME.resolve("in-refused"))
                        .resolve("说明.csv"),
                "这是一份说明，不是台账\n请按月填写\n");

        CapturedRun run =
                CapturedRun.of("ingest", "--home", HOME.toString(), "--source", "university", file.toString());

        assertThat(run.out())
                .contains("university/说明.csv: ")
                .contains("（NO_TABLE_FOUND）")
                // each sheet's reason on a line of its own beneath the why, said once (not again as a reading note)
                .contains("  说明 说明.csv：没有一张表可以读取：\n    表格前 20 行中没有表头（需含姓名、身份证号、日期）")
                .doesNotContain("读取说明 SHEET_PASSED_OVER")
                .doesNotContain("no sheet has");
        assertThat(run.err()).doesNotContain("refused whole", "quarantined as");
    }
}
