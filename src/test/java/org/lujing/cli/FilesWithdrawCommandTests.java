package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code files withdraw ID --reason}: an admin's way to take a loaded file back out, from the command line. */
class FilesWithdrawCommandTests {

    @Test
    void aLoadedFileIsWithdrawnOnceAndThenLoadsAgainWhatCannotBeIsRefusedWithExitCode2(@TempDir Path dir)
            throws Exception {
        Path home = org.lujing.TestHomes.fresh("cli-files-withdraw");
        Path roster = Files.writeString(
                dir.resolve("roster.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一,430104198001010014,13800000001,缓刑,2025-01-01,2025-12-31\n");
        Path sessions = Files.writeString(
                dir.resolve("sessions.csv"), "日期,姓名,身份证号,活动类型,时长\n2025-04-04,赵一,430104198001010014,普法,1\n");
        CapturedRun.of("ingest", "--source", "roster", "--home", home.toString(), roster.toString());
        CapturedRun.of("ingest", "--source", "community", "--home", home.toString(), sessions.toString());

        CapturedRun withdrawn = CapturedRun.of(
                "files", "withdraw", "2", "--reason", "误作社区台账入库", "--as", "tester", "--home", home.toString());
        CapturedRun twice = CapturedRun.of("files", "withdraw", "2", "--reason", "again", "--home", home.toString());
        CapturedRun roster1 = CapturedRun.of("files", "withdraw", "1", "--reason", "x", "--home", home.toString());
        CapturedRun listed = CapturedRun.of("files", "--outcome", "已撤回", "--home", home.toString());
        CapturedRun stats = CapturedRun.of("stats", "--period", "2025", "--json", "--home", home.toString());
        CapturedRun again =
                CapturedRun.of("ingest", "--source", "university", "--home", home.toString(), sessions.toString());

        assertThat(withdrawn.exit()).as(withdrawn.err()).isZero();
        assertThat(withdrawn.out()).contains("已撤回 #2 sessions.csv：删除 1 条记录").doesNotContain("Withdrew");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("#2 sessions.csv 已撤回").doesNotContain("withdrawn already");
        assertThat(listed.out()).contains("sessions.csv", "已撤回（WITHDRAWN）");
        assertThat(stats.out()).contains("\"records\" : 0").doesNotContain("\"records\" : 1");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("已载入（LOADED）").doesNotContain("重复文件");
        assertThat(CapturedRun.of("audit", "--json", "--home", home.toString()).out())
                .contains("FILE_WITHDRAW", "tester", "误作社区台账入库");
    }
}
