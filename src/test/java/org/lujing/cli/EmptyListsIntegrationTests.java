package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list with nothing in it says so, and what fills it, instead of printing a table of headers and dashes that reads
 * like a broken command: the first thing a new home's operator sees of {@code files}, {@code jobs}, {@code findings}.
 */
class EmptyListsIntegrationTests {

    @TempDir
    static Path home;

    private static CapturedRun run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        CapturedRun run = CapturedRun.of(all);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
        assertThat(run.out()).as(String.join(" ", args)).doesNotContain("----");
        return run;
    }

    @Test
    void eachEmptyListSaysWhatWouldFillIt() {
        assertThat(run("files").out()).contains("还没有接收过文件：放入 inbox/<来源>/");
        assertThat(run("jobs").out()).contains("还没有任务运行过。");
        assertThat(run("findings").out()).contains("还没有发现：对账").doesNotContain("共 0 项发现");
        assertThat(run("audit").out()).contains("审计日志还是空的。");
        assertThat(run("subjects").out()).contains("名册上还没有人：用 `ingest --source roster 名册文件` 导入名册。");
        assertThat(run("identity", "pending").out()).contains("没有待识别的记录");
        assertThat(run("users").out()).contains("还没有控制台用户：用 `users add 名字 --role admin`");
        assertThat(run("stats", "--period", "2025").out())
                .contains("本期间没有计入的记录。")
                .contains("合作单位：0 家");
    }

    @Test
    void aFilteredEmptyListNamesTheFilter() {
        assertThat(run("jobs", "--status", "失败").out()).contains("没有状态为「失败（FAILED）」的任务。");
        assertThat(run("findings", "--status", "待处理").out()).contains("没有符合条件的发现。");
        assertThat(run("audit", "--from", "2026-01-01").out()).contains("2026-01-01 以来没有审计记录。");
    }
}
