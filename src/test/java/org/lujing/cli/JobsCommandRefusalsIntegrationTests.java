package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/**
 * {@code jobs restart|stop|abandon ID} on an execution the action does not take: one sentence in the operator's
 * language (Chinese here) with the statuses' codes beside their words, exit code 2, never the framework's own message.
 */
class JobsCommandRefusalsIntegrationTests {

    static final Path HOME = TestHomes.fresh("cli-job-refusals");

    @Test
    void anExecutionThatDoesNotExistOrHasCompletedIsRefusedInWords() {
        // given one completed ingest: execution #1 (the sample roster; numbered from 1, as on PostgreSQL)
        assertThat(CapturedRun.of(
                                "ingest",
                                "--home",
                                HOME.toString(),
                                "--source",
                                "roster",
                                "sample-data/roster/2025年社区矫正对象名册.xlsx")
                        .exit())
                .isZero();

        CapturedRun missing = CapturedRun.of("jobs", "restart", "999", "--home", HOME.toString());
        CapturedRun completed = CapturedRun.of("jobs", "abandon", "1", "--home", HOME.toString());
        CapturedRun notRunning = CapturedRun.of("jobs", "stop", "1", "--home", HOME.toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("没有编号为 #999 的任务执行").doesNotContain("Incorrect result size");
        assertThat(completed.exit()).isEqualTo(2);
        assertThat(completed.err())
                .contains("执行 #1 的状态是已完成（COMPLETED），不能放弃")
                .contains("失败（FAILED）")
                .doesNotContain("JobExecution is running or complete");
        assertThat(notRunning.exit()).isEqualTo(2);
        assertThat(notRunning.err()).contains("不能停止");
        // a status filter typed wrong is refused, listing the statuses; one typed as its word is understood
        CapturedRun typo = CapturedRun.of("jobs", "--status", "FIALED", "--home", HOME.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("没有状态“FIALED”").contains("失败 FAILED");
        CapturedRun inWords = CapturedRun.of("jobs", "--status", "已完成", "--json", "--home", HOME.toString());
        assertThat(inWords.exit()).as(inWords.err()).isZero();
        assertThat(inWords.out()).contains("\"COMPLETED\"").doesNotContain("\"FAILED\"");
        // a refused action was not taken: the audit log, which names who did what to which execution, says nothing
        CapturedRun audit = CapturedRun.of("audit", "--json", "--home", HOME.toString());
        assertThat(audit.exit()).isZero();
        assertThat(audit.out())
                .doesNotContain("JOB_RESTART")
                .doesNotContain("JOB_ABANDON")
                .doesNotContain("JOB_STOP");
    }
}
