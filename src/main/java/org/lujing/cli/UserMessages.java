package org.lujing.cli;

import java.sql.SQLException;
import org.lujing.normalise.Masking;

/** Turns a failure into one sentence an operator can act on, instead of a stack trace. */
final class UserMessages {

    private UserMessages() {}

    /** Whether the JVM is running its shutdown hooks: then no hook may be added any more. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    static String explain(Throwable e) {
        return explain(e, shuttingDown());
    }

    /**
     * As {@link #explain(Throwable)}; {@code stopping} when the process is being stopped (Ctrl-C, SIGTERM): whatever
     * failed then failed because the stop closed what the command was using — a `nightly --resume` stopped early said
     * only "HikariDataSource (HikariPool-1) has been closed".
     */
    static String explain(Throwable e, boolean stopping) {
        if (stopping) {
            return CliWords.lang()
                    .pick(
                            "命令已按要求中止（Ctrl-C 或停止信号），没有做完：已提交的部分保留，没有做完的部分没有计入。"
                                    + "再运行同一条命令即可接着完成（夜间任务：nightly --date 日期 --resume）",
                            "the command was stopped as asked (Ctrl-C or a stop signal) before it finished: what was"
                                    + " committed stays, what was not is not counted. Run the same command again to go"
                                    + " on (a night: nightly --date DATE --resume)");
        }
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
                    && sql.getSQLState().startsWith("28")) {
                // HSQLDB's "invalid authorization specification: SA", PostgreSQL's "password authentication failed"
                return CliWords.lang()
                        .pick(
                                "数据库拒绝了登录：用户名或密码与配置不符。PostgreSQL：检查 SPRING_DATASOURCE_USERNAME 和"
                                        + " SPRING_DATASOURCE_PASSWORD；内置数据库：管理员密码只在 serve 运行时改变，停止后由"
                                        + " data/server.properties 恢复——该文件若已不在（如被手工删除），请从备份恢复 data/ 文件夹，"
                                        + "或用 --spring.datasource.password=… 给出设置过的密码",
                                "the database refused the login: the user name or password is not the configured one."
                                        + " PostgreSQL: check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD;"
                                        + " embedded database: the administrator's password changes only while serve runs"
                                        + " and is set back from data/server.properties after it stops — if that file is"
                                        + " gone (deleted by hand), restore data/ from a backup, or give the password"
                                        + " that was set with --spring.datasource.password=…");
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.quartz.SchedulerException
                    && (String.valueOf(t.getMessage()).contains("Cannot run without an instance id")
                            || String.valueOf(t.getMessage()).contains("Couldn't get host name"))) {
                // Quartz's clustered scheduler names each node after its host: a name that does not resolve stops it
                // (only Quartz's: a feed's or the database's unknown host is another matter)
                return CliWords.lang()
                        .pick(
                                "本机的主机名无法解析为地址，定时任务（Quartz 集群）无法给本节点编号：请在 /etc/hosts 中为主机名加一行" + "（如 127.0.1.1 "
                                        + host() + "），或检查 DNS 设置，然后再启动",
                                "this machine's host name does not resolve to an address, so the clustered scheduler"
                                        + " (Quartz) cannot name this node: add a line for it to /etc/hosts (such as"
                                        + " 127.0.1.1 " + host() + ") or check the DNS settings, then start again");
            }
            if (t instanceof org.springframework.boot.web.server.PortInUseException port) {
                return CliWords.lang()
                        .pick(
                                "控制台的端口 " + port.getPort() + " 已被占用（可能是另一个 `serve`）：请停止占用它的程序，"
                                        + "或用 LUJING_PORT=… 或 --server.port=… 换一个端口",
                                "the console's port " + port.getPort() + " is already in use (another `serve`?):"
                                        + " stop whatever holds it, or choose another with LUJING_PORT=… or"
                                        + " --server.port=…");
            }
        }
        // Spring wraps the real reason in layers of bean-creation messages: the deepest message is the one to act on
        String message = e.toString();
        Throwable deepest = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                deepest = t;
            }
        }
        if (deepest instanceof java.nio.file.FileSystemException fs) {
            // Java's message for these is the path alone ("lujing: /proc/x")
            return Masking.value(fileProblem(fs));
        }
        // a message stored or thrown in both languages ("中文 ‖ English") is shown in the operator's
        return Masking.value(CliWords.lang().oneLanguage(message));
    }

    /** This machine's host name as the system has it, without resolving it. */
    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"))
                        .strip();
            } catch (java.io.IOException | RuntimeException e) {
                name = "";
            }
        }
        return name.isBlank() ? "<主机名 hostname>" : name;
    }

    /** A file or folder that could not be read or written: which, and why, in words (Java's message is the path). */
    private static String fileProblem(java.nio.file.FileSystemException fs) {
        String file = fs.getFile();
        boolean en = CliWords.lang() == org.lujing.report.ReportLanguage.EN;
        if (fs instanceof java.nio.file.NoSuchFileException) {
            return en ? "no such file or folder: " + file : "找不到文件或文件夹：" + file;
        }
        if (fs instanceof java.nio.file.AccessDeniedException) {
            return en ? "not allowed to read or write " + file : "没有权限读写 " + file;
        }
        if (fs instanceof java.nio.file.NotDirectoryException) {
            return en ? file + " is not a folder" : file + " 不是文件夹";
        }
        if (fs instanceof java.nio.file.FileAlreadyExistsException) {
            return en ? file + " already exists" : file + " 已存在";
        }
        String reason = fs.getReason() == null ? "" : fs.getReason();
        return en
                ? "cannot read or write " + file + (reason.isEmpty() ? "" : ": " + reason)
                : "无法读写 " + file + (reason.isEmpty() ? "" : "（" + reason + "）");
    }
}
