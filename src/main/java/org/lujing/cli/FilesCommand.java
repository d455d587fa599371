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
        description = "Every file received: outcome and accounting (read = accepted + merged + rejected + skipped).")
class FilesCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            FileRegistry registry = context.getBean(FileRegistry.class);
            var failed = context.getBean(InboxFailures.class).list();
            SourceCatalog sources = context.getBean(SourceCatalog.class);
            UnaryOperator<String> agency =
                    id -> sources.find(id).map(SourceDefinition::agency).orElse(id);
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
                FileRows.print(registry.inOrder(), agency, System.out);
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
