package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerLoadedOnce;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.reconcile.ReconcileService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pilot year's workbooks printed by a real spreadsheet client: LibreOffice (headless) converts each to PDF, and
 * the pages are what an office hands on — 汇总, 按单位 and 按月 one page each (the chart on 按月's page), the ledger's
 * every page headed by 姓名 and 身份证号（脱敏）, the findings on one page, the quality report a page a sheet.
 *
 * <p>Needs soffice (Debian: libreoffice-calc-nogui) and pdfinfo/pdftotext (poppler-utils); {@code .ci/run} installs
 * them. Without them the test is skipped on a developer machine; with CI=true it fails instead.
 */
class ReportPdfIntegrationTests extends SharedLedgerLoadedOnce {

    static final List<String> ORDER =
            List.of("roster", "community", "hospital", "university", "employer", "micro-lesson");

    @Autowired
    FileIngestService ingest;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    ReportService reports;

    Path pdfs;

    @BeforeAll
    void thePilotYearsWorkbooksAsPdf() throws Exception {
        boolean present = onPath("soffice") && onPath("pdfinfo") && onPath("pdftotext");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    present,
                    "LibreOffice or poppler-utils missing (apt-get install libreoffice-calc-nogui poppler-utils)");
        }
        assertThat(present)
                .as("CI must install libreoffice-calc-nogui and poppler-utils (.ci/run)")
                .isTrue();
        for (String source : ORDER) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
        }
        reconcile.reconcile(LocalDate.of(2026, 1, 31));
        Path out = HOME.resolve("xlsx");
        List<String> command = new ArrayList<>(List.of(
                "soffice",
                "-env:UserInstallation=" + HOME.resolve("lo-profile").toUri(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                HOME.resolve("pdf").toString()));
        command.add(
                reports.writeStatistics(Period.parse("2025"), out, "zh").get(0).toString());
        command.add(reports.writeLedger(Period.parse("2025"), out, "zh").get(0).toString());
        command.add(reports.writeFindings(LocalDate.of(2026, 1, 31), out, "zh")
                .get(0)
                .toString());
        command.add(reports.writeQuality(out, "zh").get(0).toString());
        run(command);
        pdfs = HOME.resolve("pdf");
    }

    @Test
    void theStatisticsPrintOnThreePagesOneASheet() throws Exception {
        Path pdf = pdfs.resolve("statistics-2025.pdf");
        // 汇总 (title, 19 categories, the paragraph), 按单位 one page wide, 按月 with its charts
        assertThat(pages(pdf)).isEqualTo(3);
        String summary = text(pdf, 1);
        assertThat(summary).contains("麓景社区2025年度社区矫正帮扶工作统计").contains("发放普法读物").contains("19家合作单位参与");
        assertThat(text(pdf, 2)).contains("湖南航天医院");
        assertThat(text(pdf, 3))
                .contains("各月帮扶人次")
                .contains("各月其他帮扶")
                .contains("12月")
                .doesNotContain("2025-12");
    }

    @Test
    void everyPageOfTheLedgerShowsNameAndMaskedId() throws Exception {
        Path pdf = pdfs.resolve("ledger-2025.pdf");
        int pages = pages(pdf);
        // one page wide: 365 counted and 4 pending records go down, never across (57 pages before)
        assertThat(pages).isBetween(2, 12);
        for (int p = 1; p <= pages; p++) {
            assertThat(text(pdf, p))
                    .as("page " + p)
                    .contains("姓名")
                    .contains("身份证号（脱敏）")
                    .containsPattern("4301\\*{12}");
        }
    }

    @Test
    void theFindingsPrintOnOnePage() throws Exception {
        assertThat(pages(pdfs.resolve("findings-2026-01-31.pdf"))).isEqualTo(1);
    }

    @Test
    void theQualityReportPrintsEachSheetOnOnePage() throws Exception {
        Path pdf = pdfs.resolve("quality.pdf");
        // 文件汇总, 拒收行 (ten rows, their values one column per cell), 读取说明
        assertThat(pages(pdf)).isEqualTo(3);
        assertThat(text(pdf, 2)).contains("原因代码").contains("DATE_AMBIGUOUS").contains("日期有歧义");
    }

    private static int pages(Path pdf) throws Exception {
        String info = run(List.of("pdfinfo", pdf.toString()));
        for (String line : info.split("\n")) {
            if (line.startsWith("Pages:")) {
                return Integer.parseInt(line.substring(6).strip());
            }
        }
        throw new AssertionError("pdfinfo gave no page count for " + pdf + ":\n" + info);
    }

    private static String text(Path pdf, int page) throws Exception {
        return run(List.of("pdftotext", "-f", "" + page, "-l", "" + page, "-layout", pdf.toString(), "-"));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as(command.get(0) + " finished")
                .isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command + "\n" + text).isZero();
        return text;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
