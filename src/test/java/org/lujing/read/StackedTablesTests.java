package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lujing.read.HeaderDetectionTests.RECORDS;
import static org.lujing.read.HeaderDetectionTests.readAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tables in one sheet (一月 above, 二月 below, each with its title and header), or a printed page's header
 * repeated down the sheet: the header found again is no data row, its title gives the rows below their context, and
 * a row that may be a person's is never taken for a title.
 */
class StackedTablesTests {

    @TempDir
    Path dir;

    @Test
    void aSecondTableWithItsOwnTitleAndColumnsIsReadByItsHeader() throws IOException {
        Path csv = write("stacked.csv", """
                2025年11月活动登记表,,,
                日期,姓名,身份证号码,活动类型
                2025-11-03,张三,11010519491231002X,公益活动
                2025-11-10,李四,430104196804120314,普法讲座
                ,,,
                2025年12月活动登记表,2025年12月活动登记表,2025年12月活动登记表,2025年12月活动登记表
                姓名,身份证号,活动类型,日期
                王五,110105194912310021,心理测评,2025-12-01
                """);

        Read read = read(csv);
        List<SourceRow> rows = read.rows();
        List<ReadingNote> notes = read.notes();

        // the title and the header above the second table are not rows; the blank row is one, as ever
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3, 4, 5, 8);
        SourceRow wang = rows.get(3);
        assertThat(wang.cell(Field.NAME).text()).isEqualTo("王五");
        assertThat(wang.cell(Field.ID_NUMBER).text()).isEqualTo("110105194912310021");
        assertThat(wang.cell(Field.DATE).text()).isEqualTo("2025-12-01");
        assertThat(wang.cell(Field.CATEGORY).text()).isEqualTo("心理测评");
        assertThat(wang.header(Field.ID_NUMBER)).isEqualTo("身份证号");
        assertThat(rows.get(0).header(Field.ID_NUMBER)).isEqualTo("身份证号码");
        assertThat(wang.context().year()).isEqualTo(2025);
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ReadingNote.TABLE_AGAIN);
            assertThat(n.zh()).isEqualTo("表格第 7 行起是另一张表，表名「2025年12月活动登记表」，表头与上表不同，按新表头读取其下各行；" + "表名和表头行不计入读取行数");
        });
        // each table's header is kept where it stands, for the reports to show a rejected row under its own titles
        assertThat(read.headers())
                .extracting(SheetHeader::rowNumber, SheetHeader::cells)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, List.of("日期", "姓名", "身份证号码", "活动类型")),
                        org.assertj.core.groups.Tuple.tuple(7, List.of("姓名", "身份证号", "活动类型", "日期")));
    }

    @Test
    void theSecondTablesTitleGivesItsYearLessDatesTheirYear() throws IOException {
        Path csv = write("years.csv", """
                2025年12月签到表,,,
                日期,姓名,身份证号码,活动类型
                12月26日,张三,11010519491231002X,公益活动
                2026年1月签到表,,,
                日期,姓名,身份证号码,活动类型
                1月5日,李四,430104196804120314,公益活动
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3, 6);
        assertThat(rows.get(0).context().year()).isEqualTo(2025);
        assertThat(rows.get(1).context().year()).isEqualTo(2026);
    }

    @Test
    void aPrintedPagesRepeatedHeaderIsNoRowAndTheSheetSaysSoOnce() throws IOException {
        Path csv = write("pages.csv", """
                日期,姓名,身份证号码,活动类型
                2025-11-03,张三,11010519491231002X,公益活动
                日期,姓名,身份证号码,活动类型
                2025-11-10,李四,430104196804120314,普法讲座
                日期,姓名,身份证号码,活动类型
                2025-11-17,李四,430104196804120314,普法讲座
                """);

        Read read = read(csv);
        List<SourceRow> rows = read.rows();
        List<ReadingNote> notes = read.notes();

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2, 4, 6);
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ReadingNote.TABLE_AGAIN);
            assertThat(n.zh()).isEqualTo("表格的表头在表中又出现 2 次（如打印分页），这些表头行不计入读取行数");
            assertThat(n.rowsText()).isEqualTo("2 行（第 3–5 行）");
        });
        // a page's header again is the same columns: kept once
        assertThat(read.headers()).extracting(SheetHeader::rowNumber).containsExactly(1);
    }

    @Test
    void rowsThatMayBeAPersonsAreRowsEvenRightAboveAHeader() throws IOException {
        // a name alone, a name with a date but no ID, and a note that is no title: all above the second header
        Path csv = write("people.csv", """
                日期,姓名,身份证号码,活动类型
                2025-11-03,张三,11010519491231002X,公益活动
                ,赵六,,
                2025-11-12,钱七,,公益活动
                ,,,
                日期,姓名,身份证号码,活动类型
                2025-11-10,李四,430104196804120314,普法讲座
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        // the two people's rows are rows, and the blank row; only the header is not
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2, 3, 4, 5, 7);
        assertThat(rows.get(1).cell(Field.NAME).text()).isEqualTo("赵六");
        assertThat(rows.get(2).cell(Field.NAME).text()).isEqualTo("钱七");
    }

    @Test
    void rowsWithoutAnIdThatNoHeaderFollowsAreRowsInTheirOrder() throws IOException {
        // more rows without an ID than are ever held, a title-like line and a sign-off at the end
        StringBuilder text = new StringBuilder("日期,姓名,身份证号码,活动类型\n");
        for (int i = 0; i < SheetTableReader.MAX_HELD + 3; i++) {
            text.append("2025-11-0").append(i % 9 + 1).append(",某人").append(i).append(",,公益活动\n");
        }
        text.append("2025-11-20,张三,11010519491231002X,公益活动\n");
        text.append("注：本表每月五日前报送,,,\n");
        text.append("填表人：王五,,,\n");
        Path csv = write("no-ids.csv", text.toString());

        List<SourceRow> rows = readAll(csv, RECORDS);

        List<Integer> expected = new ArrayList<>();
        for (int n = 2; n <= SheetTableReader.MAX_HELD + 7; n++) {
            expected.add(n);
        }
        assertThat(rows).extracting(SourceRow::rowNumber).isEqualTo(expected);
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("某人0");
    }

    @Test
    void aPagesFootAboveARepeatedHeaderIsARowAndGivesNoYear() throws IOException {
        // a print date, a page number, a sign-off and a page's subtotal: rows as ever, never the next table's title
        Path csv = write("feet.csv", """
                2025年12月工作台账,,,
                日期,姓名,身份证号码,活动类型
                12月1日,张三,11010519491231002X,公益活动
                打印日期：2026年1月5日,,,
                日期,姓名,身份证号码,活动类型
                12月9日,李四,430104196804120314,普法讲座
                第 1 页，共 2 页,,,
                日期,姓名,身份证号码,活动类型
                12月10日,李四,430104196804120314,普法讲座
                填表人：郑主任 审核日期：2025.12.31,,,
                2026年第一季度工作台账,,,
                日期,姓名,身份证号码,活动类型
                1月5日,张三,11010519491231002X,公益活动
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3, 4, 6, 7, 9, 10, 13);
        assertThat(rows).extracting(r -> r.context().year()).containsExactly(2025, 2025, 2025, 2025, 2025, 2025, 2026);
    }

    @Test
    void aLongNameAloneARemarkAloneAndNumberedRowsAreRowsAboveARepeatedHeader() throws IOException {
        Path csv = write("alone.csv", """
                序号,日期,姓名,身份证号码,活动类型,备注
                1,12月1日,张三,11010519491231002X,公益活动,
                2,,阿卜杜热依木·买买提,,,
                3,,,,,该对象本月请假外出就医
                4,,,,,
                序号,日期,姓名,身份证号码,活动类型,备注
                5,12月9日,李四,430104196804120314,普法讲座,
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2, 3, 4, 5, 7);
    }

    @Test
    void aNumberedSectionsHeadingRightAboveItsTableIsItsTitleNotARow() throws IOException {
        Path csv = write("sections.csv", """
                序号,日期,姓名,身份证号码,活动类型
                1,12月1日,张三,11010519491231002X,公益活动
                二、合作单位活动,,,,
                序号,日期,身份证号码,姓名,活动类型
                2,12月9日,430104196804120314,李四,普法讲座
                （三）其他,,,,
                3,12月10日,430104196804120314,李四,普法讲座
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        // the heading over the second table is its title; one not followed by a header stays a row, as before
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2, 5, 6, 7);
    }

    @Test
    void aTitleOpeningWithSixDigitsIsHeldAndTaken() throws IOException {
        Path csv = write("yyyymm.csv", """
                2025年12月工作台账,,,
                日期,姓名,身份证号码,活动类型
                12月1日,张三,11010519491231002X,公益活动
                ,,202601 麓景社区工作台账（2026年1月）,
                日期,姓名,身份证号码,活动类型
                1月5日,李四,430104196804120314,普法讲座
                """);

        List<SourceRow> rows = readAll(csv, RECORDS);

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(3, 6);
        assertThat(rows.get(1).context().year()).isEqualTo(2026);
    }

    @Test
    void aContinuedTitleOnEveryPageIsOneNoteNotOneAPage() throws IOException {
        StringBuilder text = new StringBuilder("2025年12月工作台账,,,\n日期,姓名,身份证号码,活动类型\n");
        for (int page = 0; page < SheetTableReader.MAX_TABLE_NOTES + 30; page++) {
            text.append("12月1日,张三,11010519491231002X,公益活动\n");
            text.append("2025年12月工作台账（续）,,,\n日期,姓名,身份证号码,活动类型\n");
        }
        Path csv = write("continued.csv", text.toString());

        Read read = read(csv);
        List<ReadingNote> notes = read.notes();

        assertThat(read.rows()).hasSize(SheetTableReader.MAX_TABLE_NOTES + 30);
        // the first continuation is a table of its own title; every later one repeats it
        assertThat(notes)
                .extracting(ReadingNote::kind)
                .containsOnly(ReadingNote.TABLE_AGAIN)
                .hasSize(2);
        assertThat(notes.get(1).rows()).isEqualTo(SheetTableReader.MAX_TABLE_NOTES + 29);
    }

    /** A file's rows and its reading notes. */
    private record Read(List<SourceRow> rows, List<ReadingNote> notes, List<SheetHeader> headers) {}

    private static Read read(Path file) throws IOException {
        try (TableReader reader = PartnerFileReaders.open(file, RECORDS)) {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow r; (r = reader.next()) != null; ) {
                rows.add(r);
            }
            return new Read(rows, reader.notes(), reader.headers());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
