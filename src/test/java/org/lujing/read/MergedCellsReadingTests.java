package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lujing.read.PartnerWorkbooks.id;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cells merged down a column or across a row give their top-left value to every cell they cover, in .xlsx (the
 * sheet's mergeCells, read in a first pass) and .xls (MERGEDCELLS records, read in a first pass over the stream).
 */
class MergedCellsReadingTests {

    static final ReadSettings SETTINGS =
            new ReadSettings(HeaderSynonyms.common(), EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE), null, null);

    static final String ZHANG = id("43010419850101123");
    static final String LI = id("43010419900202234");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aPersonMergedDownOverTheirRowsNamesEveryRowTheMergeCovers(String format) throws IOException {
        // given: 序号, 姓名, 身份证号 merged down over each person's rows; a group session's date merged over its
        // participants; Li's merge runs to the sheet's last row
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("序号", "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row("1", "张三", ZHANG, "2025-03-07", "公益活动", "清扫")
                                .row(null, null, null, "2025-03-14", "普法活动", "宪法")
                                .row(null, null, null, "2025-03-21", "公益活动", "植树")
                                .row("2", "李四", LI, "2025-03-21", "公益活动", "植树")
                                .row(null, null, null, "2025-03-28", "普法活动", "民法典")
                                .merge("A1:F1")
                                .merge("A3:A5")
                                .merge("B3:B5")
                                .merge("C3:C5")
                                .merge("D5:D6")
                                .merge("A6:A7")
                                .merge("B6:B7")
                                .merge("C6:C7"))
                .write(dir.resolve("ledger." + format));

        // when
        List<SourceRow> rows = read(file);

        // then
        assertThat(rows).extracting(r -> r.cell(Field.NAME).text()).containsExactly("张三", "张三", "张三", "李四", "李四");
        assertThat(rows).extracting(r -> r.cell(Field.ID_NUMBER).text()).containsExactly(ZHANG, ZHANG, ZHANG, LI, LI);
        assertThat(rows)
                .extracting(r -> r.cell(Field.DATE).text())
                .containsExactly("2025-03-07", "2025-03-14", "2025-03-21", "2025-03-21", "2025-03-28");
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3, 4, 5, 6, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aValueMergedAcrossADataRowFillsEveryColumnItCovers(String format) throws IOException {
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "台账",
                        s -> s.row("姓名", "身份证号", "日期", "活动类型", "活动名称", "备注")
                                .row("张三", ZHANG, "2025-03-07", "公益活动", null, "一")
                                .merge("D2:E2"))
                .write(dir.resolve("across." + format));

        List<SourceRow> rows = read(file);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cell(Field.CATEGORY).text()).isEqualTo("公益活动");
        assertThat(rows.get(0).cell(Field.ACTIVITY_NAME).text()).isEqualTo("公益活动");
        assertThat(rows.get(0).cell(Field.NOTES).text()).isEqualTo("一");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aRowWithNothingOfItsOwnStaysBlankInsideAMergeAndTheFileSaysWhatWasFilled(String format) throws IOException {
        // given: the clerk drew 张三's merge one row too far, over an empty line
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "台账",
                        s -> s.row("姓名", "身份证号", "日期")
                                .row("张三", ZHANG, "2025-03-07")
                                .row(null, null, "2025-03-14")
                                .row(null, null, null)
                                .merge("A2:A4")
                                .merge("B2:B4"))
                .write(dir.resolve("too-far." + format));

        List<SourceRow> rows;
        List<ReadingNote> notes;
        try (TableReader reader = PartnerFileReaders.open(file, SETTINGS)) {
            rows = XlsRawSheetsTests.drain(reader);
            notes = reader.notes();
        }

        assertThat(rows.get(1).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.subList(2, rows.size()))
                .allSatisfy(r -> assertThat(r.cells()).allMatch(Cell::isBlank));
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ReadingNote.MERGED_CELLS);
            assertThat(n.rows()).isEqualTo(1);
            assertThat(n.message()).contains("合并单元格").contains("台账");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void mergesApplyToTheirOwnSheetOnly(String format) throws IOException {
        Path file = PartnerWorkbooks.book()
                .sheet("填表说明", s -> s.row("请按月填写").row("合并单元格请勿跨人员").merge("A1:C2"))
                .sheet(
                        "1月",
                        s -> s.row("姓名", "身份证号", "日期")
                                .row("张三", ZHANG, "2025-01-07")
                                .row("李四", LI, "2025-01-08"))
                .sheet(
                        "2月",
                        s -> s.row("姓名", "身份证号", "日期")
                                .row("张三", ZHANG, "2025-02-07")
                                .row(null, null, "2025-02-14")
                                .merge("A2:A3")
                                .merge("B2:B3"))
                .write(dir.resolve("months." + format));

        List<SourceRow> rows = read(file);

        assertThat(rows)
                .extracting(r -> r.sheet() + ":" + r.cell(Field.NAME).text())
                .containsExactly("1月:张三", "1月:李四", "2月:张三", "2月:张三");
    }

    @org.junit.jupiter.api.Test
    void anXlsProtectedWithExcelsDefaultPasswordHasItsMergesReadThroughTheDecryptingPass() throws IOException {
        // record bodies are encrypted, so the first pass cannot read MERGEDCELLS from the raw stream
        Path file;
        org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword("VelvetSweatshop");
        try {
            file = PartnerWorkbooks.book()
                    .sheet(
                            "台账",
                            s -> s.row("姓名", "身份证号", "日期")
                                    .row("张三", ZHANG, "2025-03-07")
                                    .row(null, null, "2025-03-14")
                                    .merge("A2:A3")
                                    .merge("B2:B3"))
                    .write(dir.resolve("read-only-recommended.xls"));
        } finally {
            org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        assertThat(read(file)).extracting(r -> r.cell(Field.ID_NUMBER).text()).containsExactly(ZHANG, ZHANG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aMergedTitleAndTwoRowMergedHeaderStillFindTheHeaderAndGiveTheTitle(String format) throws IOException {
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("序号", "基本信息", null, "活动情况")
                                .row(null, "姓名", "身份证号", "日期")
                                .row("1", "张三", ZHANG, "3月7日")
                                .merge("A1:D1")
                                .merge("A2:A3")
                                .merge("B2:C2"))
                .write(dir.resolve("titled." + format));

        List<SourceRow> rows = read(file);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.rowNumber()).isEqualTo(4);
            assertThat(r.header(Field.NAME)).isEqualTo("姓名");
            assertThat(r.context().year()).isEqualTo(2025);
            assertThat(r.context().yearFrom()).isEqualTo("表头");
        });
    }

    static List<SourceRow> read(Path file) throws IOException {
        try (TableReader reader = PartnerFileReaders.open(file, SETTINGS)) {
            return XlsRawSheetsTests.drain(reader);
        }
    }
}
