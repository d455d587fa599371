package org.lujing.cli;

import java.util.List;
import org.lujing.ingest.IngestedFile;
import org.lujing.report.TextTable;

/** The {@code files} listing: each file's outcome and accounting, as a table or as JSON. */
final class FileRows {

    private FileRows() {}

    static String table(List<IngestedFile> files) {
        TextTable t = new TextTable("#", "来源 source", "文件 file", "结果 outcome", "读取", "新增", "合并", "拒收", "跳过");
        for (IngestedFile f : files) {
            t.row(
                    Long.toString(f.id()),
                    f.sourceId(),
                    f.fileName(),
                    f.outcome(),
                    Integer.toString(f.rowsRead()),
                    Integer.toString(f.accepted()),
                    Integer.toString(f.merged()),
                    Integer.toString(f.rejected()),
                    Integer.toString(f.skipped()));
        }
        return t.render();
    }
}
