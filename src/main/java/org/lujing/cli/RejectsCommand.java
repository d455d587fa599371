package org.lujing.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectRetryService;
import org.lujing.ingest.RejectedRow;
import org.lujing.ingest.RejectedRows;
import org.lujing.normalise.ReasonCode;
import org.lujing.read.SheetHeader;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code rejects [--file ID] [--json]} and {@code rejects retry --file ID}: the data-quality list and its second chance. */
@Command(
        name = "rejects",
        description = "Rejected rows still open: file, sheet, row, column, reason, masked values and what to fix.",
        subcommands = {RejectsCommand.Retry.class, RejectsCommand.Close.class})
class RejectsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--file", paramLabel = "ID", description = "Only this file (its # in `files`).")
    Long file;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout (every open row, streamed).")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "Rows listed per file in the text output (default 50; 0 lists them all). Every file's rows"
                    + " are counted by reason and column first; --json always gives every row.")
    int limit;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new IllegalArgumentException(
                    "--limit 须为 0（全部）或更大，不能是 " + limit + " ‖ --limit must be 0 (all) or more, not " + limit);
        }
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            FileRegistry registry = context.getBean(FileRegistry.class);
            RejectedRows rejects = context.getBean(RejectedRows.class);
            if (file != null && registry.find(file).isEmpty()) {
                throw noSuchFile(file);
            }
            List<Long> withRejects = file != null ? List.of(file) : rejects.files(true);
            // the files the rows belong to, each looked up by its id: not every file ever received
            Map<Long, IngestedFile> byId = new LinkedHashMap<>();
            for (long id : withRejects) {
                registry.find(id).ifPresent(f -> byId.put(id, f));
            }
            if (json) {
                printJson(registry, rejects, byId, withRejects);
            } else {
                org.lujing.source.SourceCatalog sources = context.getBean(org.lujing.source.SourceCatalog.class);
                printText(
                        registry,
                        rejects,
                        byId,
                        withRejects,
                        id -> sources.find(id)
                                .map(org.lujing.source.SourceDefinition::agency)
                                .orElse(null));
            }
        }
        return 0;
    }

    /**
     * A JSON array of every open rejected row, written a row at a time as the rows are read a page at a time: a file
     * whose every row was refused has a million of them.
     */
    private static void printJson(
            FileRegistry registry, RejectedRows rejects, Map<Long, IngestedFile> byId, List<Long> files) {
        PrintStream out = System.out;
        out.print("[");
        boolean[] first = {true};
        for (long id : files) {
            org.lujing.read.SheetHeaders headers = registry.sheetHeaders(id);
            rejects.forEach(id, true, r -> {
                out.print(first[0] ? "\n" : ",\n");
                first[0] = false;
                out.print(Json.write(json(r, byId.get(r.fileId()), headers.forRow(r.sheet(), r.rowNo()))));
            });
        }
        out.println(first[0] ? "]" : "\n]");
        out.flush();
    }

    /** Each file's open rows counted by reason and column, then its first {@code --limit} rows (all with 0). */
    private void printText(
            FileRegistry registry,
            RejectedRows rejects,
            Map<Long, IngestedFile> byId,
            List<Long> files,
            java.util.function.UnaryOperator<String> agency) {
        long open = 0;
        long unlisted = 0;
        for (long id : files) {
            IngestedFile f = byId.get(id);
            // one pass over the file's rejects: the open count is the open counts' sum
            List<RejectedRows.ReasonCount> openCounts = rejects.counts(id).stream()
                    .filter(c -> "OPEN".equals(c.status()))
                    .toList();
            long count = RejectedRows.total(openCounts);
            if (count == 0) {
                continue;
            }
            open += count;
            System.out.println("#" + id + " " + f.fileName()
                    + CliWords.lang().pick("：" + count + " 行待处理", ": " + count + " rows open"));
            if ("json".equalsIgnoreCase(f.format())
                    && PULLED.matcher(f.fileName()).matches()) {
                // a feed's records are corrected on the partner's platform, not in a file dropped again
                System.out.println(CliWords.lang()
                        .pick(
                                "  这是接口拉取的记录：请对方在平台上更正这些记录（记录编号不变），下次拉取时取到更正，这些行随之关闭",
                                "  records pulled from a feed: the partner corrects them on its platform (same record"
                                        + " ids); the next pull takes the corrections and closes these rows"));
            }
            // a corrected copy sent again under the same name leaves these rows open: nothing ties the two files, so
            // the operator is told, and decides (a retry with a setting since changed would load the old rows too)
            registry.laterUnderTheSameName(f)
                    .ifPresent(later -> System.out.println(CliWords.lang()
                            .pick(
                                    "  同名文件 #" + later.id() + " 已在它之后载入；若那是这份文件的更正版，请核对后用 rejects close --file " + id
                                            + " --reason 已收到更正文件 #" + later.id() + " 关闭这些行",
                                    "  file #" + later.id() + " of the same name was loaded after it; if that is its"
                                            + " corrected copy, check and close these rows with rejects close --file "
                                            + id + " --reason 'corrected copy #" + later.id() + "'")));
            TextTable counts = CliWords.table("原因 reason", "列 column", "行数 rows");
            openCounts.forEach(c -> counts.row(
                    CliWords.coded(CliWords.lang().reasonName(c.reason()), c.reason()),
                    c.column() == null ? "-" : c.column(),
                    Long.toString(c.rows())));
            System.out.print(counts.render());
            long listed = 0;
            RejectedRows.After after = null;
            do {
                // a table per page: widths fit the page, and no more than a page is ever held
                int want = limit == 0 ? 1_000 : (int) Math.min(1_000, limit - listed);
                RejectedRows.Page page = rejects.page(id, true, after, want);
                TextTable t =
                        CliWords.table("#", "文件 file", "工作表 sheet", "行 row", "列 column", "原因 reason", "说明 message");
                for (RejectedRow r : page.rows()) {
                    t.row(
                            Long.toString(r.fileId()),
                            f.fileName(),
                            r.sheet().isEmpty() ? "-" : r.sheet(),
                            Integer.toString(r.rowNo()),
                            r.columnName(),
                            CliWords.coded(CliWords.lang().reasonName(r.reason()), r.reason()),
                            // the source named by its agency, as the quality workbook names it
                            CliWords.lang().rejectMessage(r.message(), f.sourceId(), agency.apply(f.sourceId())));
                }
                System.out.print(t.render());
                listed += page.rows().size();
                after = page.next();
            } while (after != null && (limit == 0 || listed < limit));
            unlisted += count - listed;
            System.out.println();
        }
        if (open == 0) {
            // nothing to fix: no advice to fix a file
            System.out.println(CliWords.lang().pick("没有待处理的拒收行。", "No rejected rows still to fix."));
            return;
        }
        System.out.println(CliWords.lang()
                .pick(
                        open + " 行待处理"
                                + (unlisted > 0 ? "；" + unlisted + " 行未列出（--limit 0 列出全部，--json 输出全部）" : "")
                                + "。请修改源文件后重新放入（再用 `rejects close --file 编号 --reason 原因` 关闭旧文件的这些行），"
                                + "或在 jobs/sources/<来源>.yaml 中补充词汇后运行 `rejects retry --file 编号`。",
                        open + " open rejected rows"
                                + (unlisted > 0
                                        ? "; " + unlisted
                                                + " not listed (--limit 0 lists them all, --json gives them all)"
                                        : "")
                                + ". Fix the source file and re-drop it (then close the old file's rows with `rejects"
                                + " close --file ID --reason TEXT`), or extend jobs/sources/<source>.yaml and run"
                                + " `rejects retry --file ID`."));
    }

    /** The name a feed pull gives the file of its new records ({@code 20261202-094053.json}, {@code …-1.json}). */
    private static final java.util.regex.Pattern PULLED =
            java.util.regex.Pattern.compile("\\d{8}-\\d{6}(-\\d+)?\\.json");

    /** A rejected row; {@code headers} its sheet's header cells as the partner wrote them, null when not kept. */
    static Map<String, Object> json(RejectedRow r, IngestedFile f, SheetHeader header) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("fileId", r.fileId());
        m.put("file", f == null ? null : f.fileName());
        m.put("source", r.sourceId());
        m.put("sheet", r.sheet());
        m.put("row", r.rowNo());
        m.put("column", r.columnName());
        m.put("reason", r.reason());
        m.put("message", r.message());
        m.put(
                "values",
                r.maskedValues() == null
                        ? List.of()
                        : JsonMapper.builder().build().readTree(r.maskedValues()));
        m.put("headers", header == null ? null : header.cells());
        m.put("advice", ReasonCode.valueOf(r.reason()).advice());
        m.put("status", r.status());
        return m;
    }

    /** A file number `files` does not list: exit code 2, in the operator's language. */
    static IllegalArgumentException noSuchFile(long file) {
        return new IllegalArgumentException(
                "没有编号为 #" + file + " 的文件（`files` 列出全部） ‖ there is no file #" + file + " (see `files`)");
    }

    /** What the subcommands on one file's rejected rows share: the home, who, the file. */
    abstract static class OnOneFile implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Option(names = "--file", required = true, paramLabel = "ID", description = "The file's # (see `files`).")
        long file;
    }

    /** {@code rejects close --file ID --reason TEXT [--row N]...}. */
    @Command(
            name = "close",
            description = "Close a file's rejected rows still to fix that were handled another way (the file sent"
                    + " again corrected, or rows that are no records); the file's accounting is unchanged. Audited.")
    static class Close extends OnOneFile {

        @Option(names = "--row", paramLabel = "N", description = "Only this row (repeat for more); default: all.")
        List<Integer> rows = new java.util.ArrayList<>();

        @Option(
                names = "--sheet",
                paramLabel = "NAME",
                description = "Only on this sheet (needed with --row when several sheets have that row).")
        String sheet;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        @Override
        public Integer call() {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("请写明原因：它会写入审计日志 ‖ a reason is required: it goes to the audit log");
            }
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                if (context.getBean(FileRegistry.class).find(file).isEmpty()) {
                    throw noSuchFile(file);
                }
                RejectedRows rejects = context.getBean(RejectedRows.class);
                if (sheet == null) {
                    for (int row : rows) {
                        List<String> sheets = rejects.sheetsWithOpenRow(file, row);
                        if (sheets.size() > 1) {
                            throw new IllegalArgumentException("第 " + row + " 行在多个工作表中都有待修正的拒收行（"
                                    + String.join("、", sheets) + "）：请用 --sheet 指明 ‖ row " + row
                                    + " is rejected on several sheets (" + String.join(", ", sheets)
                                    + "): name one with --sheet");
                        }
                    }
                }
                AuditLog audit = context.getBean(AuditLog.class);
                int closed = rejects.closeAudited(
                        file,
                        sheet,
                        rows,
                        n -> audit.record(actor.actor(), "REJECTS_CLOSE", "file #" + file, reason, n + " row(s)"));
                if (closed == 0 && !rows.isEmpty()) {
                    // a row number mistyped: said, not "closed 0"
                    String named = rows.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
                    throw new IllegalArgumentException("文件 #" + file + (sheet == null ? " " : " 的工作表「" + sheet + "」")
                            + "没有第 " + named + " 行待修正的拒收行（见 rejects --file " + file + "）"
                            + org.lujing.ledger.Bilingual.SEPARATOR + "file #" + file
                            + (sheet == null ? "" : " sheet '" + sheet + "'")
                            + " has no rejected row still to fix at row "
                            + named.replace("、", ", ") + " (see rejects --file " + file + ")");
                }
                System.out.println(CliWords.lang()
                        .pick(
                                "文件 #" + file + "：关闭了 " + closed + " 条待修正的拒收行",
                                "file #" + file + ": " + closed + " rejected row(s) still to fix closed"));
            }
            return 0;
        }
    }

    /** {@code rejects retry --file ID}. */
    @Command(
            name = "retry",
            description =
                    "Re-validate a file's rejected rows with the current sources and vocabularies; rows now valid join the ledger once.")
    static class Retry extends OnOneFile {

        @Option(names = "--json", description = "Print the retry's result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                RejectRetryService.Result r =
                        context.getBean(RejectRetryService.class).retry(file);
                context.getBean(AuditLog.class)
                        .record(
                                actor.actor(),
                                "RERUN_REJECTS",
                                "file #" + file,
                                null,
                                r.accepted() + " accepted, " + r.merged() + " merged, " + r.stillRejected()
                                        + " still rejected");
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("fileId", r.fileId());
                    m.put("accepted", r.accepted());
                    m.put("merged", r.merged());
                    m.put("skipped", r.skipped());
                    m.put("stillRejected", r.stillRejected());
                    m.put("outcome", r.outcome());
                    System.out.println(Json.write(m));
                } else {
                    System.out.println(CliWords.lang()
                                    .pick(
                                            "文件 #" + r.fileId() + "：新增 " + r.accepted() + "，合并 " + r.merged() + "，跳过 "
                                                    + r.skipped() + "，仍拒收 " + r.stillRejected() + " → ",
                                            "file #" + r.fileId() + ": " + r.accepted() + " accepted, " + r.merged()
                                                    + " merged, " + r.skipped() + " skipped, " + r.stillRejected()
                                                    + " still rejected → ")
                            + CliWords.outcome(r.outcome()));
                }
            }
            return 0;
        }
    }
}
