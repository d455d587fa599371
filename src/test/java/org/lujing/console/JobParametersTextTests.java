package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.report.ReportLanguage;

/** An execution's parameters in the reader's words, without the keys that only keep runs apart. */
class JobParametersTextTests {

    @Test
    void nightlyAndIngestParametersReadAsWordsWithoutTheirTechnicalKeys() {
        assertThat(JobParametersText.render(
                        "attempt=1, night=2025-04-30, step=ingest-inbox", ReportLanguage.ZH, id -> id))
                .isEqualTo("第 1 次 · 夜间日期 2025-04-30 · 步骤 收件箱入库");
        assertThat(JobParametersText.render(
                        "drop=9ebe3f0e-727d, file=/srv/lujing/archive/hospital/2025-11-29/a, b.xlsx,"
                                + " name=a, b.xlsx, source=hospital",
                        ReportLanguage.ZH,
                        id -> id.equals("hospital") ? "湖南航天医院" : id))
                .isEqualTo("文件名 a, b.xlsx · 来源 湖南航天医院");
        assertThat(JobParametersText.render("asOf=2025-12-31, run.id=1764400000000", ReportLanguage.ZH, id -> id))
                .isEqualTo("核查日期 2025-12-31");
        assertThat(JobParametersText.render("attempt=2, night=2025-04-30, step=reports", ReportLanguage.EN, id -> id))
                .isEqualTo("attempt 2 · night 2025-04-30 · step Write the reports");
        assertThat(JobParametersText.render(
                        "drop=9ebe3f0e-727d, file=/srv/a.xlsx, name=a.xlsx, source=hospital",
                        ReportLanguage.EN,
                        id -> id.equals("hospital") ? "湖南航天医院" : id))
                .isEqualTo("file a.xlsx · source 湖南航天医院");
        assertThat(JobParametersText.render("asOf=2025-12-31, run.id=1764400000000", ReportLanguage.EN, id -> id))
                .isEqualTo("as of 2025-12-31");
        assertThat(JobParametersText.render(null, ReportLanguage.ZH, id -> id)).isEmpty();
    }
}
