package org.lujing.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.lujing.report.ReportLanguage;
import picocli.CommandLine;

/**
 * A home named by {@code --home} or {@code LUJING_HOME} must be there for a command that reads it: a mistyped path
 * made a new, empty ledger without a word (`stats` printed zeros, `ingest` loaded into it). Only the commands that
 * start a home — {@code ingest}, {@code serve}, {@code demo}, and {@code users} (the first admin comes before the
 * first serve) — make one that is not there yet, and say so.
 */
final class HomeCheck {

    private HomeCheck() {}

    /** The commands that may make the home they are given. */
    static final Set<String> STARTS_A_HOME = Set.of("ingest", "serve", "demo", "users");

    /** Why the command may not run on its home, or null when it may (after making the home where it starts one). */
    static String refusal(CommandLine.ParseResult parsed, String envHome) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.isUsageHelpRequested() || last.isVersionHelpRequested() || !parsed.hasSubcommand()) {
            return null;
        }
        HomeOptions options = null;
        for (CommandLine.Model.CommandSpec mixin : last.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof HomeOptions h) {
                options = h;
            }
        }
        if (options == null) {
            return null;
        }
        ReportLanguage lang = CliWords.lang();
        String command = parsed.subcommand().commandSpec().name();
        // every command but `users` (a file of its own) reads the installation's source definitions as it starts:
        // without them it would fail after making a new home, left empty behind it
        java.util.Optional<Path> noSources =
                "users".equals(command) ? java.util.Optional.empty() : Boot.missingSources(System.getenv());
        if (noSources.isPresent()) {
            return lang.pick(
                    "找不到 Lujing 的安装文件夹（含 jobs/、routes/ 的文件夹）：" + noSources.get()
                            + " 不存在。请在安装文件夹里运行，或设置环境变量 LUJING_INSTALL_DIR=安装文件夹（也可加参数 --lujing.install-dir=安装文件夹）",
                    "Lujing's installation folder (the one holding jobs/ and routes/) is not found: " + noSources.get()
                            + " does not exist. Run from the installation folder, or set LUJING_INSTALL_DIR=<folder>"
                            + " (or pass --lujing.install-dir=<folder>)");
        }
        String named = options.home != null ? options.home.toString() : envHome;
        String from = options.home != null ? "--home" : "LUJING_HOME";
        if (named == null || (options.home == null && named.isBlank())) {
            return null; // the working directory
        }
        if (named.isBlank()) {
            return lang.pick(from + " 不能为空：请给出数据目录的路径", from + " is empty: give the path of the home");
        }
        Path home = Path.of(named).toAbsolutePath().normalize();
        if (Files.isDirectory(home)) {
            return null;
        }
        if (Files.exists(home)) {
            return lang.pick(
                    from + " " + home + " 不是文件夹：数据目录须为文件夹", from + " " + home + " is not a folder: a home is a folder");
        }
        // of `users`, only `users add` writes anything: listing, passwd, remove and unlock on no home are mistakes
        boolean starts = STARTS_A_HOME.contains(command)
                && (!"users".equals(command) || "add".equals(last.commandSpec().name()));
        if (starts) {
            System.err.println(lang.pick("已新建数据目录 " + home, "created the home " + home));
            return null;
        }
        return lang.pick(
                "数据目录 " + home + " 不存在（" + from + "）：路径是否写错？首次使用时由 ingest、serve、demo 或 users add 新建",
                "the home " + home + " (" + from
                        + ") does not exist: is the path mistyped? ingest, serve, demo or users add make a new one");
    }
}
