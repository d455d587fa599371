package org.lujing.cli;

import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.InboxFailures;
import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code files [--json]}: every file received, its outcome and its accounting. */
@Command(
        name = "files",
        description = "Every file received: outcome and accounting (read = accepted + merged + rejected + skipped).",
        subcommands = FilesCommand.Withdraw.class)
class FilesCommand implements Callable<Integer> {

    /** {@code files withdraw ID --reason TEXT}: take a loaded file back out of the ledger. */
    @Command(
            name = "withdraw",
            description = "Take a loaded activity file back out of the ledger (its records, provenance and statistics),"
                    + " so that it can be ingested again; its entry and archived copy stay. Admins; audited.")
    static class Withdraw implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @picocli.CommandLine.Parameters(paramLabel = "ID", description = "The file's # (see `files`).")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                org.lujing.ingest.FileWithdrawal.Result r =
                        context.getBean(org.lujing.ingest.FileWithdrawal.class).withdraw(id, actor.actor(), reason);
                if (json) {
                    System.out.println(Json.write(r.asJson()));
                } else {
                    System.out.println(CliWords.lang()
                            .pick(
                                    "已撤回 #" + r.fileId() + " " + r.fileName() + "：删除 " + r.recordsRemoved() + " 条记录，"
                                            + r.recordsKept() + " 条记录另有其他文件报送、予以保留（去掉本文件的来源），共撤下 " + r.rows()
                                            + " 行；统计已同步更新。同一内容现在可以重新入库。",
                                    "Withdrew #" + r.fileId() + " " + r.fileName() + ": " + r.recordsRemoved()
                                            + " records removed, " + r.recordsKept()
                                            + " kept (other files report them too; this file's rows taken off), "
                                            + r.rows() + " rows in all; statistics updated. The same content may"
                                            + " now be ingested again."));
                }
            }
            return 0;
        }
    }

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Option(
            names = "--source",
            paramLabel = "ID",
            description = "Only this source's files (its id, or its agency's name: 湖南航天医院).")
    String source;

    @Option(
            names = "--outcome",
            paramLabel = "O",
            description = "Only files of this outcome: NO_TABLE_FOUND, FILE_CORRUPT … (or its words: 未找到表格，已隔离 …).")
    String outcome;

    @Override
    public Integer call() {
        // a mistyped outcome is refused before anything starts, not answered with an empty list
        String wantedOutcome = outcome == null
                ? null
                : org.lujing.read.FileOutcome.parse(outcome).name();
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            FileRegistry registry = context.getBean(FileRegistry.class);
            SourceCatalog sources = context.getBean(SourceCatalog.class);
            UnaryOperator<String> agency =
                    id -> sources.find(id).map(SourceDefinition::agency).orElse(id);
            String wantedSource = source == null ? null : registry.sourceId(source.strip(), sources);
            if (wantedSource != null || wantedOutcome != null) {
                // the matching files only: the drops never ingested and quarantine/ are the unfiltered list's
                Iterable<org.lujing.ingest.IngestedFile> matching = registry.inOrder(wantedSource, wantedOutcome);
                if (json) {
                    Json.printEach(matching, f -> f.asJson());
                } else {
                    FileRows.print(
                            matching, agency, CliWords.lang().pick("没有符合条件的文件。", "No file matches."), System.out);
                }
                return 0;
            }
            var failed = context.getBean(InboxFailures.class).list();
            if (json) {
                // every file, read a page at a time as the array is written, then the drops that could not be ingested
                Iterable<java.util.Map<String, Object>> all = () -> java.util.stream.Stream.concat(
                                java.util.stream.StreamSupport.stream(
                                                registry.inOrder().spliterator(), false)
                                        .map(f -> f.asJson()),
                                failed.stream().map(FileRows::asJson))
                        .iterator();
                Json.print(all);
            } else {
                // read and printed a thousand files at a time, like --json
                FileRows.print(
                        registry.inOrder(),
                        agency,
                        CliWords.lang()
                                .pick(
                                        "还没有接收过文件：放入 inbox/<来源>/，或用 `ingest --source 来源 文件` 导入。",
                                        "No file received yet: drop one into inbox/<source>/, or load it with"
                                                + " `ingest --source SOURCE FILE`."),
                        System.out);
                var interrupted = registry.interrupted();
                if (!interrupted.isEmpty()) {
                    // a killed ingest without serve: its entry says 处理中 until someone finishes it
                    System.out.println();
                    ReportLanguage lang = CliWords.lang();
                    System.out.println(lang.pick(
                            "入库中断、尚未完成（启动 serve 会自动完成，或由管理员运行 jobs restart 执行编号）：",
                            "ingests interrupted before they finished (serve finishes them when it starts, or an admin"
                                    + " runs jobs restart with the execution's number):"));
                    for (var i : interrupted) {
                        System.out.println("  #" + i.fileId() + " " + i.fileName() + " — "
                                + lang.pick("执行 #", "execution #") + i.executionId() + " "
                                + CliWords.jobStatus(i.status()) + " → jobs restart " + i.executionId());
                    }
                }
                var withdrawing = registry.unfinishedWithdrawals();
                if (!withdrawing.isEmpty()) {
                    // a withdrawal killed half way: its file still counts in part until it is run again
                    System.out.println();
                    ReportLanguage lang = CliWords.lang();
                    System.out.println(lang.pick(
                            "撤回未完成（文件仍有部分留在台账中；再次运行同一命令即可完成）：",
                            "withdrawals not finished (part of the file is still in the ledger; run the same command"
                                    + " again to finish):"));
                    for (var w : withdrawing) {
                        System.out.println("  #" + w.fileId() + " " + w.fileName() + " → files withdraw " + w.fileId()
                                + " --reason …");
                    }
                }
                if (!failed.isEmpty()) {
                    System.out.println();
                    System.out.println(CliWords.lang()
                            .pick(
                                    "未能入库（inbox/<来源>/.failed/，排除原因后移回上一级文件夹）：",
                                    "could not be ingested (inbox/<source>/.failed/: fix the cause, then move them back"
                                            + " up a folder):"));
                    System.out.print(FileRows.failedTable(failed, agency));
                }
                // a file of no configured source has no entry above: this is where the command line shows it
                var quarantined = context.getBean(org.lujing.ingest.QuarantineListing.class)
                        .stillThere()
                        .iterator();
                if (quarantined.hasNext()) {
                    System.out.println();
                    System.out.println(CliWords.lang()
                            .pick(
                                    "隔离区 quarantine/ 中的文件（每个旁边有错误报告，说明原因和修改办法）：",
                                    "in quarantine/ (each with its error report beside it: what is wrong and how to"
                                            + " fix it):"));
                    FileRows.printQuarantined(() -> quarantined, agency, System.out);
                }
            }
        }
        return 0;
    }
}
