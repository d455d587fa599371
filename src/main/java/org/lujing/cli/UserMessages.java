package org.lujing.cli;

import java.sql.SQLException;
import org.lujing.normalise.Masking;

/** Turns a failure into one sentence an operator can act on, instead of a stack trace. */
final class UserMessages {

    private UserMessages() {}

    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof SQLException && m.contains("lock")) {
                // a running `serve` shares the database through its server (org.lujing.db); this is any other holder
                return CliWords.lang()
                        .pick(
                                "LUJING_HOME 下的数据库正被另一个不共享它的 Lujing 进程占用：可能是正在启动或停止的 `serve`，或另一条命令。"
                                        + "请稍后再运行本命令；若一直如此，请找到该进程（`ps -ef | grep lujing`），等它结束或停止它。",
                                "the database under LUJING_HOME is held by another Lujing process that does not share it:"
                                        + " a `serve` still starting or stopping, or another command. Run this command again"
                                        + " in a moment; if it goes on, find that process (`ps -ef | grep lujing`) and let it"
                                        + " finish or stop it.");
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return CliWords.lang()
                        .pick(
                                "与正在运行的 `serve` 的数据库失去了连接（它是否已停止？）。请再运行一次本命令。",
                                "lost the connection to the database of the running `serve` (did it stop?). Run this"
                                        + " command again.");
            }
        }
        // Spring wraps the real reason in layers of bean-creation messages: the deepest message is the one to act on
        String message = e.toString();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        // a message stored or thrown in both languages ("中文 ‖ English") is shown in the operator's
        return Masking.value(CliWords.lang().oneLanguage(message));
    }
}
