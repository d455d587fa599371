package org.lujing.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.lujing.ingest.InboxFailures;
import org.lujing.ingest.IngestedFile;
import org.lujing.report.TextTable;

/** The {@code files} listing: each file's outcome and accounting, as a table or as JSON. */
final class FileRows {

    private FileRows() {}

    /** {@code sourceName}: a source id as its agency's name (the id itself when the source is not defined). */
    /** Prints the files as tables of a thousand, as they are read. */
    static void print(
            Iterable<IngestedFile> files, UnaryOperator<String> sourceName, String none, java.io.PrintStream out) {
        TableBlocks.print(
                files,
                () -> CliWords.table(
                        "#",
                        "来源 source",
                        "文件 file",
                        "结果 outcome",
                        "读取 read",
                        "新增 accepted",
                        "合并 merged",
                        "拒收 rejected",
                        "跳过 skipped"),
                (t, f) -> t.row(
                        Long.toString(f.id()),
                        source(f.sourceId(), sourceName),
                        f.fileName(),
                        CliWords.outcome(f.outcome()),
                        Integer.toString(f.rowsRead()),
                        Integer.toString(f.accepted()),
                        Integer.toString(f.merged()),
                        Integer.toString(f.rejected()),
                        Integer.toString(f.skipped())),
                none,
                out);
    }

    /**
     * Files still in quarantine/, newest first, as tables of a thousand: the file entry's number when it has one (a
     * file of no configured source has none), where it lies and why.
     */
    static void printQuarantined(
            Iterable<org.lujing.ingest.QuarantineListing.QuarantinedFile> files,
            UnaryOperator<String> sourceName,
            java.io.PrintStream out) {
        TableBlocks.print(
                files,
                () -> CliWords.table("#", "来源 source", "文件 file", "结果 outcome", "位置 where", "隔离时间 when"),
                (t, q) -> t.row(
                        q.fileId() == null ? "—" : Long.toString(q.fileId()),
                        "inbox".equals(q.source()) ? "inbox/" : source(q.source(), sourceName),
                        q.name(),
                        CliWords.outcome(q.outcome()),
                        "quarantine/" + q.path(),
                        CliWords.time(java.sql.Timestamp.from(q.quarantinedAt()))),
                "",
                out);
    }

    /** A file in an inbox's .failed/ folder, as a table of source, path and why. */
    static String failedTable(List<InboxFailures.FailedDrop> drops, UnaryOperator<String> sourceName) {
        TextTable t = CliWords.table("来源 source", "文件 file", "原因 why");
        drops.forEach(d -> t.row(source(d.source(), sourceName), d.path(), CliWords.text(d.reason())));
        return t.render();
    }

    /** The agency's name with the source id beside it for admins: {@code 湖南航天医院（hospital）}. */
    private static String source(String id, UnaryOperator<String> sourceName) {
        return CliWords.coded(sourceName.apply(id), id);
    }

    /**
     * A file in an inbox's .failed/ folder in the shape of {@code files --json}: no id or hash (it was never
     * registered), outcome {@code FAILED} (as {@code ingest --json} says of a file whose ingest could not run), the
     * reason in {@code message}.
     */
    static Map<String, Object> asJson(InboxFailures.FailedDrop d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", null);
        m.put("name", d.name());
        m.put("source", d.source());
        m.put("sha256", null);
        m.put("outcome", "FAILED");
        m.put("receivedAt", d.failedAt().toString());
        for (String k : List.of("read", "accepted", "merged", "rejected", "skipped")) {
            m.put(k, 0);
        }
        m.put("balanced", true);
        m.put("duplicateOf", null);
        m.put("storedAt", d.path());
        m.put("message", d.reason());
        return m;
    }
}
