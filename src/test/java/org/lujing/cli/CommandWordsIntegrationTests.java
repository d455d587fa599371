package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/**
 * What commands print and refuse speaks the operator's language (Chinese here: the tests run with LUJING_LANG=zh),
 * codes beside words where an admin needs them: the nightly schedule's steps, a pending key's kind, and the
 * refusals of a retry, an unlock and a demo home.
 */
class CommandWordsIntegrationTests {

    static final Path HOME = TestHomes.fresh("cli-words");

    @Test
    void theScheduleNamesItsStepsInWords() {
        CapturedRun run = CapturedRun.of("schedule", "--home", HOME.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("夜间任务：")
                .contains("拉取数据接口（pull-feeds） → 收件箱入库（ingest-inbox）")
                .doesNotContain("nightly:");
    }

    @Test
    void refusalsAreInTheOperatorsLanguage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        CapturedRun retry = CapturedRun.of("rejects", "retry", "--file", "9999", "--home", HOME.toString());
        CapturedRun unlock = CapturedRun.of("users", "unlock", "--home", HOME.toString());
        Files.writeString(dir.resolve("mine.txt"), "not a demo");
        CapturedRun demo = CapturedRun.of("demo", "--home", dir.toString());

        assertThat(retry.exit()).isEqualTo(2);
        assertThat(retry.err()).contains("没有编号为 #9999 的文件").doesNotContain("there is no file");
        assertThat(unlock.exit()).isEqualTo(2);
        assertThat(unlock.err()).contains("请给出用户名 NAME 或 --address").doesNotContain("give a user");
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains("不是空文件夹，也不是以前的演示目录").doesNotContain("is not empty");
        assertThat(dir.resolve("mine.txt")).hasContent("not a demo");
    }

    @Test
    void aPendingKeySaysWhatItIsKeyedBy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // a person who is on no roster: their records wait, keyed by their ID number
        Path csv = Files.writeString(
                dir.resolve("pending.csv"), "日期,姓名,身份证号,活动类型,合作单位\n2025-03-01,周五,430104198001010014,义务劳动,湖南工商大学\n");
        assertThat(CapturedRun.of("ingest", "--source", "community", "--home", HOME.toString(), csv.toString())
                        .exit())
                .isZero();

        CapturedRun pending = CapturedRun.of("identity", "pending", "--home", HOME.toString());

        assertThat(pending.exit()).as(pending.err()).isZero();
        assertThat(pending.out()).contains("身份证号（ID_NUMBER）");
    }

    @Test
    void aRejectedRowNamesItsSourceByTheAgencyAsTheQualityWorkbookDoes(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path csv = Files.writeString(
                dir.resolve("unknown-word.csv"),
                "日期,姓名,身份证号,活动类型,合作单位\n2025-03-02,周五,430104198001010014,棋艺比赛,湖南工商大学\n");
        CapturedRun.of("ingest", "--source", "community", "--home", HOME.toString(), csv.toString());

        CapturedRun rejects = CapturedRun.of("rejects", "--home", HOME.toString());

        assertThat(rejects.exit()).as(rejects.err()).isZero();
        assertThat(rejects.out()).contains("不在来源「麓景社区居委会」的词表中").doesNotContain("来源 community");
    }
}
