package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.PortInUseException;

/**
 * What an operator reads when a command fails on a file or a port: which file or port, and why, in Chinese (the tests
 * run with LUJING_LANG=zh) — Java's own message for a missing file is the path alone ("lujing: /proc/x").
 */
class UserMessagesTests {

    @Test
    void aFileThatCannotBeReadOrWrittenIsNamedWithWhy() {
        assertThat(UserMessages.explain(new UncheckedIOException(new NoSuchFileException("/proc/x"))))
                .isEqualTo("找不到文件或文件夹：/proc/x");
        assertThat(UserMessages.explain(new IllegalStateException(new AccessDeniedException("/root/报表"))))
                .isEqualTo("没有权限读写 /root/报表");
        assertThat(UserMessages.explain(new FileSystemException("/dev/null/x", null, "Not a directory")))
                .isEqualTo("无法读写 /dev/null/x（Not a directory）");
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidWithWhatToDo() {
        // Quartz's clustered scheduler (PostgreSQL) on a machine whose name does not resolve: "Cannot run without an
        // instance id." in English alone
        var quartz = new org.springframework.beans.factory.BeanCreationException(
                "quartzScheduler",
                new org.quartz.SchedulerException(
                        "Cannot run without an instance id.",
                        new org.quartz.SchedulerException(
                                "Couldn't get host name!",
                                new java.net.UnknownHostException("vm-b: Name or service not known"))));
        assertThat(UserMessages.explain(quartz, false))
                .startsWith("本机的主机名无法解析为地址")
                .contains("/etc/hosts")
                .doesNotContain("instance id");
        // a feed's host that does not resolve is not this machine's name
        assertThat(UserMessages.explain(
                        new IllegalStateException(new java.net.UnknownHostException("feed.example")), false))
                .doesNotContain("/etc/hosts");
    }

    @Test
    void whatFailsWhileTheProcessStopsIsSaidToBeTheStop() {
        // Ctrl-C of `nightly --resume` closed the pool under the chain: the operator read Hikari's English alone
        var closed = new org.springframework.jdbc.CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new java.sql.SQLException("HikariDataSource HikariDataSource (HikariPool-1) has been closed."));

        assertThat(UserMessages.explain(closed, true))
                .startsWith("命令已按要求中止（Ctrl-C 或停止信号），没有做完")
                .contains("nightly --date 日期 --resume")
                .doesNotContain("Hikari");
        assertThat(UserMessages.shuttingDown())
                .as("a test's JVM is not stopping")
                .isFalse();
    }

    @Test
    void aPortInUseIsNamedWithHowToChooseAnother() {
        assertThat(UserMessages.explain(new IllegalStateException("start failed", new PortInUseException(18731))))
                .contains("端口 18731 已被占用")
                .contains("LUJING_PORT");
    }

    @Test
    void aRefusedLoginSaysWhichPasswordAndWhereItComesBackFrom() {
        // HSQLDB's own words were all an operator read: "lujing: invalid authorization specification: SA"
        var refused = new org.springframework.jdbc.CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new java.sql.SQLInvalidAuthorizationSpecException("invalid authorization specification: SA", "28000"));

        assertThat(UserMessages.explain(refused))
                .startsWith("数据库拒绝了登录")
                .contains("SPRING_DATASOURCE_PASSWORD")
                .contains("data/server.properties")
                .doesNotContain("invalid authorization");
    }

    @Test
    void aMessageInBothLanguagesIsShownInTheOperators() {
        assertThat(UserMessages.explain(new IllegalStateException("这个数据目录已有另一个 `serve` 在运行（进程 7）：请先停止它"
                        + " ‖ another `serve` (pid 7) already runs on this home's database; stop it first")))
                .isEqualTo("这个数据目录已有另一个 `serve` 在运行（进程 7）：请先停止它");
    }
}
