package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.read.SheetHeader;
import org.lujing.report.ReportService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each sheet's header row is kept once per file, masked: the quality workbook heads a file's rejected rows with the
 * partner's own titles, and staging it again or retrying the rejected rows never adds it twice (a file loaded before
 * headers were kept gains its header at its retry).
 */
class SheetHeadersIntegrationTests extends SharedLedgerContext {

    /** The workbooks this test writes, outside the shared home. */
    static final Path OUT = TestHomes.fresh("sheet-headers");

    @Autowired
    FileIngestService ingest;

    @Autowired
    RejectRetryService retry;

    @Autowired
    FileRegistry files;

    @Autowired
    ReportService reports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFilesHeaderIsKeptOnceMaskedAndHeadsItsRejectedRowsInTheQualityWorkbook() throws Exception {
        // given a CSV whose header (line 2, below a title) has a title with a phone in it, and two bad rows
        IngestedFile file = ingest.ingest(
                        Path.of("src/test/resources/org/lujing/ingest/headers/ledger.csv"), "community")
                .file()
                .orElseThrow();
        assertThat(file.rejected()).isEqualTo(2);

        // then its one sheet's header is kept once, where it stands, the phone in a title masked
        List<String> partner = List.of("序号", "日期", "姓名", "身份证号", "活动类型", "合作单位", "联系人138******78");
        assertThat(headerRows(file.id())).isEqualTo(1);
        SheetHeader kept = files.sheetHeaders(file.id()).forRow("", 3);
        assertThat(kept.rowNumber()).isEqualTo(2);
        assertThat(kept.cells()).containsExactlyElementsOf(partner);
        assertThat(jdbc.sql("SELECT headers FROM file_sheet_header")
                        .query(String.class)
                        .single())
                .doesNotContain("13812345678");

        // when the staging's end stores it again (a resumed staging reads every header again) and the rows are retried
        files.saveSheetHeaders(file.id(), List.of(new SheetHeader("", 2, partner)));
        retry.retry(file.id());
        retry.retry(file.id());

        // then it is still there once
        assertThat(headerRows(file.id())).isEqualTo(1);
        assertThat(files.sheetHeaders(file.id()).forRow("", 3).cells()).containsExactlyElementsOf(partner);

        // a file loaded before headers were kept gains its header when its rejected rows are retried
        jdbc.sql("DELETE FROM file_sheet_header").update();
        retry.retry(file.id());
        assertThat(headerRows(file.id())).isEqualTo(1);
        assertThat(files.sheetHeaders(file.id()).forRow("", 3).cells()).containsExactlyElementsOf(partner);

        // and the quality workbook heads the rejected rows with the partner's titles, one over each value
        Path xlsx = reports.writeQuality(OUT.resolve("out-quality"), "zh").get(0);
        try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
            Sheet rejects = wb.getSheet("拒收行");
            assertThat(rejects.getLastRowNum())
                    .as("one heading and two rejected rows")
                    .isEqualTo(3);
            Row heading = rejects.getRow(1);
            assertThat(heading.getCell(5).getStringCellValue()).isEqualTo("原表表头（第 2 行），以下各行的取值按此列出");
            assertThat(cells(heading, 9, 16)).containsExactlyElementsOf(partner);
            Row unknownWord = rejects.getRow(2);
            assertThat(unknownWord.getCell(8).getStringCellValue()).isEqualTo("UNKNOWN_CATEGORY");
            // 活动类型 stands over the word the vocabulary did not know, 姓名 over the name
            assertThat(unknownWord.getCell(9 + partner.indexOf("活动类型")).getStringCellValue())
                    .isEqualTo("棋艺比赛");
            assertThat(unknownWord.getCell(9 + partner.indexOf("姓名")).getStringCellValue())
                    .isEqualTo("赵一");
            assertThat(unknownWord.getCell(9 + partner.indexOf("身份证号")).getStringCellValue())
                    .isEqualTo("4301************14");
        }
        Path english = reports.writeQuality(OUT.resolve("out-quality-en"), "en").get(0);
        try (XSSFWorkbook wb = new XSSFWorkbook(english.toFile())) {
            Row heading = wb.getSheet("Rejected rows").getRow(1);
            assertThat(heading.getCell(5).getStringCellValue()).startsWith("The partner's header (row 2)");
            assertThat(cells(heading, 9, 16)).containsExactlyElementsOf(partner);
        }
    }

    @Test
    void eachStackedTableHeadsItsOwnRejectedRows() throws Exception {
        // given a sheet holding November's table, then December's in another column order, one unknown word in each
        IngestedFile file = ingest.ingest(
                        Path.of("src/test/resources/org/lujing/ingest/headers/stacked.csv"), "community")
                .file()
                .orElseThrow();
        assertThat(file.rejected()).isEqualTo(2);
        List<String> november = List.of("日期", "姓名", "身份证号", "活动类型", "合作单位");
        List<String> december = List.of("合作单位", "活动类型", "姓名", "身份证号", "日期");

        // then both headers are kept where they stand, and each row is under its own table's
        assertThat(files.sheetHeaders(file.id()).all())
                .extracting(SheetHeader::rowNumber, SheetHeader::cells)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, november),
                        org.assertj.core.groups.Tuple.tuple(6, december));
        assertThat(files.sheetHeaders(file.id()).forRow("", 7).cells()).isEqualTo(december);

        // and the quality workbook heads each table's rejected row with that table's titles, the word under 活动类型
        Path xlsx = reports.writeQuality(OUT.resolve("out-stacked"), "zh").get(0);
        try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
            Sheet rejects = wb.getSheet("拒收行");
            List<Row> mine = new ArrayList<>();
            for (int r = 1; r <= rejects.getLastRowNum(); r++) {
                Row row = rejects.getRow(r);
                // the workbook names a file with its number after its name (…xlsx（#3）)
                if (row != null
                        && (file.fileName() + "（#" + file.id() + "）")
                                .equals(row.getCell(0).getStringCellValue())) {
                    mine.add(row);
                }
            }
            assertThat(mine).as("a heading and a row for each table").hasSize(4);
            assertThat(mine.get(0).getCell(5).getStringCellValue()).isEqualTo("原表表头（第 2 行），以下各行的取值按此列出");
            assertThat(cells(mine.get(0), 9, 14)).containsExactlyElementsOf(november);
            assertThat(mine.get(1).getCell(9 + november.indexOf("活动类型")).getStringCellValue())
                    .isEqualTo("棋艺比赛");
            assertThat(mine.get(2).getCell(5).getStringCellValue()).isEqualTo("原表表头（第 6 行），以下各行的取值按此列出");
            assertThat(cells(mine.get(2), 9, 14)).containsExactlyElementsOf(december);
            assertThat(mine.get(3).getCell(9 + december.indexOf("活动类型")).getStringCellValue())
                    .isEqualTo("围棋比赛");
        }
    }

    private long headerRows(long fileId) {
        return jdbc.sql("SELECT COUNT(*) FROM file_sheet_header WHERE file_id = ?")
                .param(fileId)
                .query(Long.class)
                .single();
    }

    private static List<String> cells(Row row, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int c = from; c < to; c++) {
            out.add(row.getCell(c).getStringCellValue());
        }
        return out;
    }
}
