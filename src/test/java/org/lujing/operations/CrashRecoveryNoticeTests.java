package org.lujing.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.home.OperatorNotice;

/**
 * A command run after a crash tells what start-up recovery did as a sentence in the operator's language, not as an
 * English WARN log line above its table ({@code WARN … CrashRecovery : recovered 1 job execution(s) …}).
 */
class CrashRecoveryNoticeTests {

    @Test
    void aCommandSaysWhatRecoveryMarkedFailedInWords() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OperatorNotice.onTerminal(true);
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CrashRecovery.logRecovered(List.of(104L, 105L));
        } finally {
            System.setErr(err);
            OperatorNotice.onTerminal(false);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "上次停止的进程留下 2 个仍在运行的任务执行（#104, #105），已标记为失败；入库由 serve 启动时完成（或再次运行同一条 ingest 命令），其他的用 jobs restart 编号 重新运行"
                                + System.lineSeparator())
                .doesNotContain("WARN", "recovered");
    }
}
