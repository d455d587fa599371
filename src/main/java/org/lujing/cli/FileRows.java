package org.lujing.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.IngestedFile;
import org.lujing.report.TextTable;

/** The {@code files} listing: each file's outcome and accounting, as a table or as JSON. */
final class FileRows {

    private FileRows() {}

    static Map<String, Object> json(IngestedFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.fileName());
        m.put("source", f.sourceId());
        m.put("sha256", f.sha256());
        m.put("outcome", f.outcome());
        m.put("receivedAt", f.receivedAt() == null ? null : f.receivedAt().toInstant().toString());
        m.put("read", f.rowsRead());
        m.put("accepted", f.accepted());
        m.put("merged", f.merged());
        m.put("rejected", f.rejected());
        m.put("skipped", f.skipped());
        m.put("balanced", f.balances());
        m.put("duplicateOf", f.duplicateOf());
        m.put("storedAt", f.storedPath());
        m.put("message", f.message());
        return m;
    }

    static String table(List<IngestedFile> files) {
        TextTable t = new TextTable("#", "来源 source", "文件 file", "结果 outcome", "读取", "新增", "合并", "拒收", "跳过");
        for (IngestedFile f : files) {
            t.row(Long.toString(f.id()), f.sourceId(), f.fileName(), f.outcome(), Integer.toString(f.rowsRead()),
                    Integer.toString(f.accepted()), Integer.toString(f.merged()), Integer.toString(f.rejected()),
                    Integer.toString(f.skipped()));
        }
        return t.render();
    }
}
