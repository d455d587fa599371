package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.ingest.RejectedRow;
import org.lujing.source.SourceCatalog;

/** The quality workbook tells what to fix only for a row still to fix: a row taken in or closed needs nothing. */
class QualityWorkbookAdviceTests {

    @Test
    void whatToFixFollowsTheRowsStatus() {
        QualityWorkbook workbook =
                new QualityWorkbook(null, null, new ReportWords(new SourceCatalog(Path.of("jobs/sources"))));
        ColumnSheet.Column<QualityWorkbook.Reject> whatToFix = workbook.rejectColumns(ReportLanguage.ZH, 0).stream()
                .filter(c -> c.zh().equals("如何修改"))
                .findFirst()
                .orElseThrow();

        assertThat(whatToFix.value().apply(reject("OPEN"))).asString().contains("身份证");
        assertThat(whatToFix.value().apply(reject("RESOLVED"))).asString().contains("无需修改");
        assertThat(whatToFix.value().apply(reject("CLOSED"))).asString().startsWith("已另行处理");
        assertThat(whatToFix.value().apply(reject("WITHDRAWN"))).asString().isEqualTo("所在文件已撤回，无需修改");
        assertThat(ReportLanguage.ZH.rejectStatus("WITHDRAWN")).startsWith("已撤回");
    }

    private static QualityWorkbook.Reject reject(String status) {
        return new QualityWorkbook.Reject(
                null,
                new RejectedRow(1, 1, "community", "台账", 5, "身份证号", "ID_CHECKSUM", "校验位不符 / check", "[]", status),
                List.of());
    }
}
