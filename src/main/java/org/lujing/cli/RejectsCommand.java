package org.lujing.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectRetryService;
import org.lujing.ingest.RejectedRow;
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
        subcommands = RejectsCommand.Retry.class)
class RejectsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--file", paramLabel = "ID", description = "Only this file (its # in `files`).")
    Long file;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            FileRegistry registry = context.getBean(FileRegistry.class);
            Map<Long, IngestedFile> byId = new LinkedHashMap<>();
            registry.all().forEach(f -> byId.put(f.id(), f));
            if (file != null && !byId.containsKey(file)) {
                throw new IllegalArgumentException("there is no file #" + file + " (see `files`)");
            }
            List<RejectedRow> rows = registry.openRejects(file);
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                Map<Long, Map<String, SheetHeader>> headers = new HashMap<>();
                for (RejectedRow r : rows) {
                    SheetHeader h = headers.computeIfAbsent(r.fileId(), registry::sheetHeaders)
                            .get(r.sheet());
                    out.add(json(r, byId.get(r.fileId()), h));
                }
                System.out.println(Json.write(out));
            } else {
                TextTable t =
                        new TextTable("#", "文件 file", "工作表 sheet", "行 row", "列 column", "原因 reason", "说明 message");
                for (RejectedRow r : rows) {
                    t.row(
                            Long.toString(r.fileId()),
                            byId.get(r.fileId()).fileName(),
                            r.sheet().isEmpty() ? "-" : r.sheet(),
                            Integer.toString(r.rowNo()),
                            r.columnName(),
                            CliWords.coded(CliWords.lang().reasonName(r.reason()), r.reason()),
                            CliWords.lang().rejectMessage(r.message()));
                }
                System.out.print(t.render());
                System.out.println(
                        rows.size() + " 行待处理 / open rejected rows. Fix the source file and re-drop it, or extend"
                                + " jobs/sources/<source>.yaml and run `rejects retry --file ID`.");
            }
        }
        return 0;
    }

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

    /** {@code rejects retry --file ID}. */
    @Command(
            name = "retry",
            description =
                    "Re-validate a file's rejected rows with the current sources and vocabularies; rows now valid join the ledger once.")
    static class Retry implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Option(names = "--file", required = true, paramLabel = "ID")
        long file;

        @Option(names = "--json")
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
                    System.out.println("file #" + r.fileId() + ": " + r.accepted() + " accepted, " + r.merged()
                            + " merged, " + r.skipped() + " skipped, " + r.stillRejected() + " still rejected → "
                            + r.outcome());
                }
            }
            return 0;
        }
    }
}
