package org.lujing.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second {@code serve} on a home is explained in the start-up report's few lines, not in a stack trace of bean
 * creation (82 lines before the command line's own sentence).
 */
class HomeInUseFailureAnalyzer extends AbstractFailureAnalyzer<HomeInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HomeInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "先停止正在运行的 `serve`（或等它退出），再启动这一个；两台机器共用数据时请改用 PostgreSQL"
                        + " ‖ "
                        + "stop the running `serve` (or let it end) before starting this one; for two machines sharing"
                        + " the data, use PostgreSQL",
                cause);
    }
}
