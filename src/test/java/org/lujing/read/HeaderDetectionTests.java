package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header row: the first of a sheet's first 20 rows that names every required field, by any synonym. */
class HeaderDetectionTests {

    static final ReadSettings RECORDS = new ReadSettings(
            HeaderSynonyms.common(), EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE, Field.CATEGORY), null, null);

    @TempDir
    Path dir;

    @Test
    void titleRowsAboveTheHeaderArePassedOver() throws IOException {
        Path csv = write("ledger.csv", """
                2025年麓景社区工作台账,,,
                填报单位：麓景社区居委会,,,填报日期：2025-12-31
                ,,,
                序号,日期,姓名,身份证号码,活动类型
                1,2025-03-07,张三,11010519491231002X,公益活动
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).hasSize(1);
        SourceRow row = rows.get(0);
        assertThat(row.rowNumber()).isEqualTo(5);
        assertThat(row.cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(row.cell(Field.CATEGORY).text()).isEqualTo("公益活动");
        assertThat(row.header(Field.ID_NUMBER)).isEqualTo("身份证号码");
    }

    @Test
    void aTwoRowHeaderWithMergedGroupTitlesIsRead() throws IOException {
        // 姓名 and 身份证号 are merged down over both rows; 活动情况 is merged across the two columns below it
        Path csv = write("two-rows.csv", """
                2025年心理测评记录,,,
                姓名,身份证号,活动情况,
                ,,日期,活动类型
                张三,11010519491231002X,2025-03-07,心理测评
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).rowNumber()).isEqualTo(4);
        assertThat(rows.get(0).cell(Field.DATE).text()).isEqualTo("2025-03-07");
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.get(0).header(Field.CATEGORY)).isEqualTo("活动类型");
    }

    @Test
    void everySheetWithAHeaderIsReadAndTheOthersPassedOver() throws IOException {
        Path xlsx = dir.resolve("two-sheets.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                var out = Files.newOutputStream(xlsx)) {
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由合作单位每月5日前报送。");
            for (String name : List.of("一月", "二月")) {
                var sheet = wb.createSheet(name);
                var header = sheet.createRow(0);
                String[] titles = {"姓名", "身份证号", "日期", "活动类型"};
                for (int i = 0; i < titles.length; i++) {
                    header.createCell(i).setCellValue(titles[i]);
                }
                var row = sheet.createRow(1);
                String[] values = {"张三", "11010519491231002X", "2025-03-07", "普法"};
                for (int i = 0; i < values.length; i++) {
                    row.createCell(i).setCellValue(values[i]);
                }
            }
            wb.write(out);
        }

        List<SourceRow> rows = readAll(xlsx, RECORDS);

        assertThat(rows).extracting(SourceRow::sheet).containsExactly("一月", "二月");
        try (TableReader reader = PartnerFileReaders.open(xlsx, RECORDS)) {
            while (reader.next() != null) {
                // drain
            }
            assertThat(reader.sheetsRead()).isEqualTo(2);
        }
    }

    @Test
    void synonymsTraditionalFormsFullWidthAndUnitsAllName() {
        HeaderDetector detector = new HeaderDetector(RECORDS);

        var header = detector.detect(cells("對象姓名", "公民身份號碼", "活動時間：", "服务类型", "时长（小时）", "ＢＭ备注"));

        assertThat(header).isPresent();
        assertThat(header.get())
                .containsEntry(Field.NAME, 0)
                .containsEntry(Field.ID_NUMBER, 1)
                .containsEntry(Field.DATE, 2)
                .containsEntry(Field.CATEGORY, 3)
                .containsEntry(Field.HOURS, 4)
                .doesNotContainKey(Field.NOTES);
    }

    @Test
    void aRowMissingARequiredFieldIsNotAHeader() {
        HeaderDetector detector = new HeaderDetector(RECORDS);

        assertThat(detector.detect(cells("姓名", "身份证号", "日期"))).isEmpty();
        assertThat(detector.detect(cells("姓名", "身份证号", "日期", "项目"))).isPresent();
    }

    @Test
    void aSourcesOwnSynonymsExtendTheCommonOnes() {
        ReadSettings hospital = new ReadSettings(
                HeaderSynonyms.with(Map.of(Field.CATEGORY, List.of("服务项目"))), RECORDS.requiredHeaders(), null, null);

        assertThat(new HeaderDetector(hospital).detect(cells("姓名", "身份证号", "日期", "服务项目")))
                .isPresent();
        assertThat(new HeaderDetector(RECORDS).detect(cells("姓名", "身份证号", "日期", "服务项目")))
                .isEmpty();
    }

    @Test
    void aHeaderBelowRowTwentyIsNotFound() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("说明第").append(i + 1).append("行,,,\n");
        }
        text.append("姓名,身份证号,日期,活动类型\n张三,11010519491231002X,2025-03-07,普法\n");
        Path csv = write("late.csv", text.toString());

        try (TableReader reader = PartnerFileReaders.open(csv, RECORDS)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.sheetsRead()).isZero();
        }
    }

    @Test
    void aSynonymClaimedByTwoFieldsIsAConfigurationError() {
        assertThatThrownBy(() -> HeaderSynonyms.with(Map.of(Field.AGENCY, List.of("姓名"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("姓名");
    }

    @Test
    void anUnsupportedFormatIsRefusedWithAnInstruction() throws IOException {
        Path ods = write("ledger.ods", "not really");

        assertThatThrownBy(() -> PartnerFileReaders.open(ods, RECORDS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED))
                .hasMessageContaining(".xlsx");
    }

    @Test
    void aFileOfNoExtensionOrACsvThatCannotBeParsedSaysSoInChineseFirst() throws IOException {
        Path bare = write("ledger", "姓名,身份证号,日期\n");
        Path unparsable = write("cut.csv", "姓名,身份证号,日期\n张三,11010519491231002X,\"2025-03-07\"x\n");

        assertThatThrownBy(() -> PartnerFileReaders.open(bare, RECORDS)).hasMessageStartingWith("ledger：麓景不读取没有扩展名的文件");
        assertThatThrownBy(() -> readAll(unparsable, RECORDS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT))
                .hasMessageStartingWith("cut.csv 无法按 CSV 解析");
    }

    @Test
    void aFieldNamedByTwoColumnsIsReadFromTheFirstAndTheFileSaysSo() throws IOException {
        Path file = write(
                "two-ids.csv", "姓名,身份证号,日期,活动类型,身份证号\n张三,11010519491231002X,2025-03-07,公益活动,430104196804120314\n");

        try (TableReader reader = PartnerFileReaders.open(file, RECORDS)) {
            SourceRow row = reader.next();
            assertThat(row.cell(Field.ID_NUMBER).text()).isEqualTo("11010519491231002X");
            assertThat(reader.next()).isNull();
            assertThat(reader.notes()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(ReadingNote.SECOND_COLUMN);
                assertThat(n.zh()).isEqualTo("第 5 列「身份证号」与第 2 列「身份证号」同为身份证号，只读取第 2 列");
            });
        }
    }

    private static List<Cell> cells(String... texts) {
        List<Cell> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Cell.text(t));
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static List<SourceRow> readAll(Path file, ReadSettings settings) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (TableReader reader = PartnerFileReaders.open(file, settings)) {
            for (SourceRow r; (r = reader.next()) != null; ) {
                rows.add(r);
            }
        }
        return rows;
    }
}
