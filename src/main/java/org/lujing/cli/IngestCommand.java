package org.lujing.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.normalise.Masking;
import org.lujing.read.FileOutcome;
import org.lujing.read.ReadingNote;
import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingest PATH...}: the same ingest job as the inbox route, run now, synchronously. */
@Command(
        name = "ingest",
        description = {
            "Ingest files now, with the same job as the inbox route. A PATH is a file (its source is --source or the name of",
            "its folder) or a folder laid out like the inbox (one subfolder per source). Your files are copied, never moved.",
            "Exit code 0 when every file loaded (rejected rows included), 3 when any was refused or failed."
        })
class IngestCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--source",
            paramLabel = "ID",
            description = "Source of the files given (default: each file's folder name).")
    String source;

    @Option(names = "--json", description = "Print the files' outcomes and accounting as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to ingest.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path p : paths) {
            List<Item> found = expand(p, source);
            if (found.isEmpty()) {
                // a folder of source folders given with --source: those are not read; given beside files, it was
                // passed over without a word while the files went in
                throw new IllegalArgumentException("在 " + p + " 中没有找到要入库的文件（给了 --source 时只读取文件夹本身的文件，不读子文件夹）；"
                        + "没有导入任何文件" + ReportLanguage.BILINGUAL + "no file to ingest in " + p
                        + " (with --source, only a folder's own files are read, not its sub-folders); nothing was"
                        + " ingested");
            }
            items.addAll(found);
        }
        // a Ctrl-C stops the ingest between slices: the command still says what became of each file, and how to go on
        try (ShutdownHold hold = ShutdownHold.until(java.time.Duration.ofSeconds(10));
                ConfigurableApplicationContext context = hold.watch(Boot.start(options.home, false, options.verbose))) {
            refuseUnknownSources(items, context.getBean(SourceCatalog.class));
            List<IngestedFile> results;
            try (ProgressLine progress = ProgressLine.start(
                    context.getBean(org.lujing.operations.JobQueries.class),
                    context.getBean(org.lujing.console.JobProgress.class),
                    !json)) {
                results = run(
                        context.getBean(FileIngestService.class),
                        json ? null : context.getBean(FileRegistry.class),
                        items,
                        !json,
                        progress);
            }
            if (json) {
                System.out.println(
                        Json.write(results.stream().map(IngestedFile::asJson).toList()));
            }
            boolean allLoaded = results.size() == items.size()
                    && results.stream()
                            .allMatch(f -> f.outcome().equals(FileOutcome.LOADED.name())
                                    || f.outcome().equals(FileOutcome.LOADED_WITH_REJECTS.name())
                                    || f.outcome().equals(FileOutcome.DUPLICATE_FILE.name()));
            return allLoaded ? 0 : 3;
        }
    }

    /**
     * Refuses the whole command, before any file is touched, when a file's source is none of the configured ones: it
     * was taken from the file's folder name, or mistyped after --source. The inbox quarantines such a file instead.
     */
    static void refuseUnknownSources(List<Item> items, SourceCatalog catalog) {
        List<String> unknown = items.stream()
                .map(Item::source)
                .distinct()
                .filter(s -> catalog.find(s).isEmpty())
                .toList();
        if (unknown.isEmpty()) {
            return;
        }
        String known = String.join(
                ", ",
                catalog.all().stream()
                        .map(org.lujing.source.SourceDefinition::id)
                        .sorted()
                        .toList());
        String first = unknown.get(0);
        throw new IllegalArgumentException("没有名为“" + first + "”的数据来源（jobs/sources/" + first + ".yaml）：文件的来源取自 --source，"
                + "否则取自所在文件夹的名字；可选 " + known + ReportLanguage.BILINGUAL + "there is no source '" + first
                + "' (jobs/sources/" + first + ".yaml): a file's source is --source, else the name of its folder;"
                + " the sources are " + known);
    }

    /** A file and the source it belongs to. */
    record Item(Path file, String source) {}

    static List<IngestedFile> run(FileIngestService service, List<Item> items, boolean print) {
        return run(service, null, items, print, null);
    }

    /**
     * Ingests the items in order; with {@code print}, a line per file with its outcome and accounting, and, when
     * {@code files} is given, what reading decided on it (a year from the title, a category from a sheet's name, a
     * sheet passed over) beneath it.
     */
    static List<IngestedFile> run(
            FileIngestService service, FileRegistry files, List<Item> items, boolean print, ProgressLine progress) {
        List<IngestedFile> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            FileIngestService.Result r;
            try {
                r = service.ingest(item.file(), item.source());
            } catch (FileIngestService.ProcessStoppingException stopping) {
                // Ctrl-C, SIGTERM: the files not begun are named, none of them touched
                if (progress != null) {
                    progress.clearLine();
                }
                if (print) {
                    notBegun(items.subList(i, items.size()));
                }
                break;
            }
            r.file().ifPresent(results::add);
            if (progress != null) {
                progress.clearLine();
            }
            if (print) {
                String counts = r.file()
                        .map(f -> CliWords.lang()
                                .pick(
                                        "读取 " + f.rowsRead() + "，新增 " + f.accepted() + "，合并 " + f.merged() + "，拒收 "
                                                + f.rejected() + "，跳过 " + f.skipped(),
                                        "read " + f.rowsRead() + ", accepted " + f.accepted() + ", merged "
                                                + f.merged() + ", rejected " + f.rejected() + ", skipped "
                                                + f.skipped()))
                        .orElse("");
                // the registered name: masked, should the partner have named the file after a person
                String name = r.file()
                        .map(IngestedFile::fileName)
                        .orElse(Masking.fileName(item.file().getFileName().toString()));
                System.out.println(item.source() + "/" + name + ": " + CliWords.outcome(r.outcome())
                        + (counts.isEmpty() ? "" : " " + counts));
                boolean loaded = r.outcome().equals(FileOutcome.LOADED.name())
                        || r.outcome().equals(FileOutcome.LOADED_WITH_REJECTS.name());
                r.file()
                        .map(IngestedFile::message)
                        .filter(m -> !loaded && !m.isBlank())
                        .ifPresent(
                                m -> System.out.println("  " + CliWords.lang().pick("说明 ", "why: ")
                                        // a sheet's reason per line (a workbook none of whose sheets could be
                                        // read), each beneath the first, not at the start of the terminal's line
                                        + CliWords.lang().oneLanguage(m).replace("\n", "\n    ")));
                if (r.jobStatus() == org.springframework.batch.core.BatchStatus.STOPPED && r.jobExecutionId() >= 0) {
                    // stopped on request (Ctrl-C, SIGTERM): nothing failed, and the same command goes on from there
                    System.out.println("  " + CliWords.lang().pick("说明 ", "why: ")
                            + CliWords.lang()
                                    .pick(
                                            "入库已按要求停下（任务执行 #" + r.jobExecutionId()
                                                    + "），已写入的行都保留；再运行同一条命令即从停下处接着完成，serve 启动时也会自动完成",
                                            "the ingest stopped as asked (job execution #" + r.jobExecutionId()
                                                    + "), keeping every row written; run the same command again to"
                                                    + " go on from there, or serve finishes it when it starts"));
                } else if (r.failure() != null && r.jobExecutionId() >= 0) {
                    // the run stopped (the database went away, the disk is full): the file stays claimed and is
                    // finished by `jobs restart` or by serve, never loaded anew
                    System.out.println("  " + CliWords.lang().pick("说明 ", "why: ")
                            + CliWords.lang()
                                    .pick(
                                            "入库未完成（任务执行 #" + r.jobExecutionId() + "）："
                                                    + CliWords.lang().oneLanguage(r.failure())
                                                    + "。排除原因后运行 `jobs restart "
                                                    + r.jobExecutionId() + "`，或由 serve 自动完成",
                                            "the ingest did not complete (job execution #" + r.jobExecutionId() + "): "
                                                    + CliWords.lang().oneLanguage(r.failure())
                                                    + ". Once the cause is fixed, run `jobs restart "
                                                    + r.jobExecutionId() + "`, or serve finishes it"));
                }
                // a stopping process is closing its database: the notes are read when the file is finished
                if (files != null && r.file().isPresent() && !service.isStopping()) {
                    // a file with no table: its why already lists each sheet passed over, and why
                    boolean noTable = r.outcome().equals(FileOutcome.NO_TABLE_FOUND.name());
                    for (ReadingNote n : files.notes(r.file().get().id())) {
                        if (!(noTable && ReadingNote.SHEET_PASSED_OVER.equals(n.kind()))) {
                            System.out.println(noteLine(n, CliWords.lang()));
                        }
                    }
                }
            }
        }
        return results;
    }

    /** The files a stopping command did not begin: each named, and how to take them in. */
    private static void notBegun(List<Item> left) {
        for (Item item : left) {
            System.out.println(item.source() + "/"
                    + Masking.fileName(item.file().getFileName().toString()) + ": "
                    + CliWords.lang().pick("未入库（正在停止，没有开始）", "not ingested (stopping, not begun)"));
        }
        System.out.println("  " + CliWords.lang().pick("说明 ", "why: ")
                + CliWords.lang()
                        .pick(
                                "命令按要求停下，以上 " + left.size() + " 个文件没有读取也没有登记；再运行同一条命令即可入库（已入库的文件会认作重复，不会重复计入）",
                                "the command stopped as asked; the " + left.size() + " file(s) above were neither read"
                                        + " nor registered; run the same command again to ingest them (files already"
                                        + " loaded are recognised as duplicates, never counted twice)"));
    }

    /** A reading note beneath its file's line: its code for scripts, then where and what, in one language. */
    static String noteLine(ReadingNote n, ReportLanguage lang) {
        if (lang == ReportLanguage.EN) {
            String where =
                    n.sheet().isBlank() || n.en().contains("'" + n.sheet() + "'") ? "" : "sheet '" + n.sheet() + "' ";
            String rows = n.rowsTextEn().isEmpty() ? "" : n.rowsTextEn() + ": ";
            return "  reading note " + n.kind() + "  " + where + rows + n.en();
        }
        String where = n.sheet().isBlank() || n.zh().contains("「" + n.sheet() + "」") ? "" : "工作表「" + n.sheet() + "」";
        String rows = n.rowsText().isEmpty() ? "" : n.rowsText() + "：";
        return "  读取说明 " + n.kind() + "  " + where + rows + n.zh();
    }

    static List<Item> expand(Path path, String source) throws IOException {
        if (Files.isRegularFile(path)) {
            String s = source != null
                    ? source
                    : path.toAbsolutePath().getParent().getFileName().toString();
            return List.of(new Item(path, s));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(
                    "没有这个文件或文件夹：" + path + ReportLanguage.BILINGUAL + path + " does not exist");
        }
        List<Item> items = new ArrayList<>();
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || name.equalsIgnoreCase("README.md")) {
                    continue;
                }
                if (Files.isRegularFile(child)) {
                    items.add(new Item(
                            child,
                            source != null
                                    ? source
                                    : path.toAbsolutePath().getFileName().toString()));
                } else if (Files.isDirectory(child) && source == null) {
                    try (Stream<Path> files = Files.list(child)) {
                        files.filter(Files::isRegularFile)
                                .filter(f -> !f.getFileName().toString().startsWith("."))
                                .sorted()
                                .forEach(f -> items.add(new Item(f, name)));
                    }
                }
            }
        }
        return items;
    }
}
