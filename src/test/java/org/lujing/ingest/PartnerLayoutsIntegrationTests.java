package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lujing.read.PartnerWorkbooks.id;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.read.FileOutcome;
import org.lujing.read.PartnerWorkbooks;
import org.lujing.read.ReadingNote;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Partner files as clerks keep them (domain.md, "Reading partner files"), each in .xlsx and .xls, through the real
 * ingest job: persons merged down over their rows, a sheet per month with year-less dates under a dated title, a
 * register with a sheet per service and no category column. Each asserts the records, the accounting and that nothing
 * was rejected, and that the file's notes say what was decided.
 */
class PartnerLayoutsIntegrationTests extends SharedLedgerContext {

    /** This class's own files, outside the shared home. */
    static final Path FILES = TestHomes.fresh("layouts");

    // the same people in .xlsx and .xls would merge the second format's rows into the first's records: each format
    // has its own people (the sequence digits differ)
    private String zhang;
    private String li;
    private String wang;

    private void people(String format) {
        String seq = format.equals("xls") ? "9" : "1";
        zhang = id("430104198501011" + seq + "3");
        li = id("430104199002022" + seq + "4");
        wang = id("430104197512123" + seq + "5");
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    FileRegistry files;

    @Autowired
    RejectedRows rejectedRows;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.lujing.report.ReportService reports;

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aCommunityLedgerKeptASheetPerMonthWithPersonsMergedDownAndNoYearInItsDates(String format) {
        people(format);
        // given: instructions, then 3月 and 4月 under dated titles; a two-row merged header; 序号, 姓名, 身份证号
        // merged down over each person's rows; a group session's date merged over its participants; a 小计 row;
        // 王五's merge runs to the sheet's last row; dates written 3月7日, 3.14 and 03-21
        Path file = PartnerWorkbooks.book()
                .sheet("填表说明", s -> s.row("1. 每月一张表").row("2. 同一人的多次活动可合并单元格"))
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("序号", "基本信息", null, "活动情况", null, null)
                                .row(null, "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row("1", "张三", zhang, "3月7日", "公益活动", "清扫楼道")
                                .row(null, null, null, "3.14", "普法活动", "宪法学习")
                                .row("2", "李四", li, "03-21", "公益活动", "植树")
                                .row("3", "王五", wang, null, "公益活动", "植树")
                                .row("小计", "4人次")
                                .merge("A1:F1")
                                .merge("A2:A3")
                                .merge("B2:C2")
                                .merge("D2:F2")
                                .merge("A4:A5")
                                .merge("B4:B5")
                                .merge("C4:C5")
                                .merge("D6:D7"))
                .sheet(
                        "4月",
                        s -> s.row("麓景社区2025年4月社区矫正帮扶工作台账")
                                .row("序号", "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row("1", "张三", zhang, "4月3日", "公益活动", "清扫楼道")
                                .row("2", "王五", wang, "4月10日", "普法活动", "民法典")
                                .row(null, null, null, "4月17日", "公益活动", "敬老院")
                                .merge("A1:F1")
                                .merge("A4:A5")
                                .merge("B4:B5")
                                .merge("C4:C5"))
                .write(FILES.resolve("in").resolve("麓景社区帮扶台账." + format));

        // when
        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        // then
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                .containsExactly(8, 7, 0, 0, 1);
        assertThat(f.balances()).isTrue();
        assertThat(f.sheetsRead()).isEqualTo(2);
        assertThat(records(f.id()))
                .containsExactly(
                        "3月:4 张三 PUBLIC_WELFARE 2025-03-07",
                        "3月:5 张三 LEGAL_EDUCATION 2025-03-14",
                        "3月:6 李四 PUBLIC_WELFARE 2025-03-21",
                        "3月:7 王五 PUBLIC_WELFARE 2025-03-21",
                        "4月:3 张三 PUBLIC_WELFARE 2025-04-03",
                        "4月:4 王五 LEGAL_EDUCATION 2025-04-10",
                        "4月:5 王五 PUBLIC_WELFARE 2025-04-17");
        List<ReadingNote> notes = files.notes(f.id());
        assertThat(notes)
                .filteredOn(n -> n.kind().equals(ReadingNote.DATE_YEAR))
                .extracting(n -> n.sheet() + " " + n.rows() + " " + n.zh())
                .containsExactlyInAnyOrder("3月 4 日期缺年份，取自表头 2025年", "4月 3 日期缺年份，取自表头 2025年");
        assertThat(notes)
                .filteredOn(n -> n.kind().equals(ReadingNote.MERGED_CELLS))
                .extracting(ReadingNote::sheet, ReadingNote::rows)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("3月", 2), org.assertj.core.groups.Tuple.tuple("4月", 1));
        assertThat(notes)
                .filteredOn(n -> n.kind().equals(ReadingNote.SHEET_PASSED_OVER))
                .singleElement()
                .satisfies(n -> assertThat(n.sheet()).isEqualTo("填表说明"));
        // the data-quality report explains the decision beside the rows it affected
        assertThat(qualityNotes(file.getFileName().toString()))
                .contains("3月 | 4 行（第 4–7 行） | DATE_YEAR | 日期缺年份，取自表头 2025年")
                .contains("4月 | 3 行（第 3–5 行） | DATE_YEAR | 日期缺年份，取自表头 2025年");
    }

    /** The quality workbook's reading-notes rows of one file, as "sheet | rows | code | what". */
    private List<String> qualityNotes(String fileName) {
        Path out = FILES.resolve("quality-" + System.nanoTime());
        Path xlsx = reports.writeQuality(out, "zh").get(0);
        List<String> rows = new java.util.ArrayList<>();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(xlsx.toFile())) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheet("读取说明");
            assertThat(sheet).as("读取说明 sheet").isNotNull();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                // the workbook names a file with its number after its name (…xlsx（#3）)
                if (row.getCell(0).getStringCellValue().startsWith(fileName + "（#")) {
                    rows.add(row.getCell(1).getStringCellValue() + " | "
                            + row.getCell(2).getStringCellValue() + " | "
                            + row.getCell(3).getStringCellValue() + " | "
                            + row.getCell(4).getStringCellValue());
                }
            }
        } catch (java.io.IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aHospitalRegisterKeptASheetPerServiceTakesEachSheetsCategoryFromItsNameOrTitle(String format) {
        people(format);
        // given: no 类别 column anywhere; the service is the sheet's name, or (Sheet4) its title
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "心理测评",
                        s -> s.row("姓名", "身份证号", "日期", "测评项目")
                                .row("张三", zhang, "2025-05-06", "SCL-90")
                                .row("李四", li, "2025-05-06", "SCL-90"))
                .sheet("心理疏导", s -> s.row("姓名", "身份证号", "日期", "备注").row("张三", zhang, "2025-05-13", "首次"))
                .sheet(
                        "团体辅导",
                        s -> s.row("2025年5月团体辅导签到表")
                                .row("姓名", "身份证号", "日期")
                                .row("张三", zhang, "5月20日")
                                .row("王五", wang, null)
                                .merge("C3:C4"))
                .sheet(
                        "Sheet4",
                        s -> s.row("心理疏导记录（补录）").row("姓名", "身份证号", "日期").row("王五", wang, "2025-05-27"))
                .write(FILES.resolve("in").resolve("航天医院2025年5月心理服务登记." + format));

        IngestedFile f = ingest.ingest(file, "hospital").file().orElseThrow();

        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                .containsExactly(6, 6, 0, 0, 0);
        assertThat(records(f.id()))
                .containsExactly(
                        "心理测评:2 张三 PSYCH_ASSESSMENT 2025-05-06",
                        "心理测评:3 李四 PSYCH_ASSESSMENT 2025-05-06",
                        "心理疏导:2 张三 PSYCH_COUNSELLING 2025-05-13",
                        "团体辅导:3 张三 GROUP_COUNSELLING 2025-05-20",
                        "团体辅导:4 王五 GROUP_COUNSELLING 2025-05-20",
                        "Sheet4:3 王五 PSYCH_COUNSELLING 2025-05-27");
        assertThat(files.notes(f.id()))
                .filteredOn(n -> n.kind().equals(ReadingNote.CATEGORY_FROM_SHEET))
                .extracting(n -> n.sheet() + " " + n.rows() + " " + n.zh())
                .containsExactly(
                        "心理测评 2 无类别列，类别取自工作表名「心理测评」：心理测量与评估",
                        "心理疏导 1 无类别列，类别取自工作表名「心理疏导」：心理疏导",
                        "团体辅导 2 无类别列，类别取自工作表名「团体辅导」：团体辅导",
                        "Sheet4 1 无类别列，类别取自表头「心理疏导记录（补录）」：心理疏导");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aSheetWhoseNameMapsToNoCategoryIsPassedOverAndTheFileSaysSo(String format) {
        people(format);
        Path file = PartnerWorkbooks.book()
                .sheet("心理测评", s -> s.row("姓名", "身份证号", "日期").row("张三", zhang, "2025-06-03"))
                .sheet("来访登记", s -> s.row("姓名", "身份证号", "日期").row("李四", li, "2025-06-04"))
                .write(FILES.resolve("in").resolve("航天医院2025年6月." + format));

        IngestedFile f = ingest.ingest(file, "hospital").file().orElseThrow();

        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(1, 1, 0);
        assertThat(f.sheetsRead()).isEqualTo(1);
        assertThat(files.notes(f.id()))
                .filteredOn(n -> n.kind().equals(ReadingNote.SHEET_PASSED_OVER))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.sheet()).isEqualTo("来访登记");
                    assertThat(n.zh()).contains("来访登记").contains("对应不到任何类别").contains("词表");
                });
    }

    @org.junit.jupiter.api.Test
    void aWorkbookWhoseEverySheetIsPassedOverIsRefusedAndItsErrorSaysWhichAndWhy() {
        people("xlsx");
        Path file = PartnerWorkbooks.book()
                .sheet("来访登记", s -> s.row("姓名", "身份证号", "日期").row("张三", zhang, "2025-07-01"))
                .write(FILES.resolve("in").resolve("航天医院2025年7月.xlsx"));

        IngestedFile f = ingest.ingest(file, "hospital").file().orElseThrow();

        assertThat(f.outcome()).isEqualTo(FileOutcome.NO_TABLE_FOUND.name());
        assertThat(f.message()).contains("来访登记").contains("对应不到任何类别");
        // stored in both languages; the Chinese half, which the file page shows by default, says it all in Chinese
        String chinese = f.message().substring(0, f.message().indexOf(" ‖ "));
        assertThat(chinese)
                // the sheet's own reason leads: it has a header row, just no category (not "no header row")
                .contains("没有一张表可以读取")
                .doesNotContain("没有哪张表在前 20 行内有写明必填字段的表头行")
                .contains("来访登记")
                .doesNotContain("no sheet", "passed over");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source WHERE file_id = ?")
                        .param(f.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aYearlessDateInAWorkbookWithNoYearAnywhereIsRejectedAsDateInvalid(String format) {
        people(format);
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "3月",
                        s -> s.row("社区矫正帮扶工作台账")
                                .row("姓名", "身份证号", "日期", "活动类型")
                                .row("张三", zhang, "3月7日", "公益活动")
                                .row("李四", li, "2025-03-08", "公益活动"))
                .write(FILES.resolve("in").resolve("社区台账-" + format + "." + format));

        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED_WITH_REJECTS.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(2, 1, 1);
        assertThat(rejectedRows.page(f.id(), false, null, 10_000).rows())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo("DATE_INVALID");
                    assertThat(r.rowNo()).isEqualTo(3);
                    assertThat(r.message()).contains("日期缺年份");
                });
        assertThat(records(f.id())).containsExactly("3月:4 李四 PUBLIC_WELFARE 2025-03-08");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aJanuarySheetOfAFileTitledForThePreviousYearKeepsThatYear(String format) {
        people(format);
        // given: the 2024 ledger, handed in with its December and January sheets; no year in the sheets
        Path file = PartnerWorkbooks.book()
                .sheet("12月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("张三", zhang, "12月28日", "公益活动"))
                .sheet("1月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("李四", li, "1月5日", "公益活动"))
                .write(FILES.resolve("in").resolve("2024年度社区帮扶台账." + format));

        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(2, 2, 0);
        assertThat(records(f.id()))
                .containsExactly("12月:2 张三 PUBLIC_WELFARE 2024-12-28", "1月:2 李四 PUBLIC_WELFARE 2024-01-05");
        assertThat(files.notes(f.id()))
                .filteredOn(n -> n.kind().equals(ReadingNote.DATE_YEAR))
                .extracting(ReadingNote::zh)
                .containsOnly("日期缺年份，取自文件名 2024年");
    }

    /** The file's records as "sheet:row name category date", in file order. */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aDateCellShowingNoYearTakesTheYearOfTheSheetNotTheYearItWasTyped(String format) {
        // given: December's sheet of the 2025 ledger, filled in January 2026; "12月26日" typed into date cells is
        // stored as 2026-12-26 with a format that shows month and day only
        String seq = format.equals("xls") ? "7" : "6";
        String zhao = id("430104198807071" + seq + "3");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "12月",
                        s -> s.row("麓景社区2025年12月工作台账")
                                .row("序号", "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row(
                                        "1",
                                        "赵六",
                                        zhao,
                                        new PartnerWorkbooks.Yearless(LocalDate.of(2026, 12, 26)),
                                        "公益活动",
                                        "清扫楼道")
                                .row("2", "赵六", zhao, LocalDate.of(2025, 12, 27), "普法活动", "宪法日"))
                .write(FILES.resolve("yearless").resolve("十二月台账." + format));

        // when
        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        // then the year is the title's, and the file says so; a date cell showing its year keeps it
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(records(f.id()))
                .containsExactly("12月:3 赵六 PUBLIC_WELFARE 2025-12-26", "12月:4 赵六 LEGAL_EDUCATION 2025-12-27");
        assertThat(files.notes(f.id()))
                .filteredOn(n -> n.kind().equals(ReadingNote.DATE_YEAR))
                .extracting(n -> n.sheet() + " " + n.rows() + " " + n.zh())
                .containsExactly("12月 1 日期缺年份，取自表头 2025年");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aDateCellShowingNoYearKeepsItsOwnYearWhenNothingStatesOne(String format) {
        // given: no year in the title, the sheet's name or the file's name
        String seq = format.equals("xls") ? "5" : "4";
        String qian = id("430104198808081" + seq + "3");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "Sheet1",
                        s -> s.row("序号", "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row(
                                        "1",
                                        "钱七",
                                        qian,
                                        new PartnerWorkbooks.Yearless(LocalDate.of(2025, 3, 5)),
                                        "公益活动",
                                        "清扫楼道"))
                .write(FILES.resolve("yearless-own").resolve("台账." + format));

        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        // then the date the cell holds, not a rejected row, and the file says where its year came from
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(records(f.id())).containsExactly("Sheet1:2 钱七 PUBLIC_WELFARE 2025-03-05");
        assertThat(files.notes(f.id()))
                .filteredOn(n -> n.kind().equals(ReadingNote.DATE_YEAR))
                .singleElement()
                .satisfies(n -> assertThat(n.zh()).contains("取单元格本身的 2025年"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void twoMonthsStackedInOneSheetAreReadEachUnderItsOwnTitleAndHeader(String format) {
        // given: December's table, its 小计, a blank row, then January's under its own merged title and a header in
        // another column order; year-less dates in both
        String seq = format.equals("xls") ? "3" : "2";
        String sun = id("430104199105051" + seq + "6");
        String zhou = id("430104199206062" + seq + "7");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "月报",
                        s -> s.row("麓景社区2025年12月工作台账")
                                .row("序号", "姓名", "身份证号", "日期", "活动类型", "活动名称")
                                .row("1", "孙八", sun, "12月26日", "公益活动", "清扫楼道")
                                .row("小计", "1人次")
                                .row()
                                .row("麓景社区2026年1月工作台账")
                                .row("序号", "日期", "姓名", "身份证号", "活动类型", "活动名称")
                                .row("1", "1月5日", "周九", zhou, "普法活动", "宪法学习")
                                .merge("A1:F1")
                                .merge("A6:F6"))
                .write(FILES.resolve("stacked").resolve("月报." + format));

        // when
        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        // then the second title and header are neither rows nor rejects (the 小计 and the blank row are skipped rows,
        // as ever), and each table takes its own title's year
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                .containsExactly(4, 2, 0, 0, 2);
        assertThat(f.balances()).isTrue();
        assertThat(records(f.id()))
                .containsExactly("月报:3 孙八 PUBLIC_WELFARE 2025-12-26", "月报:8 周九 LEGAL_EDUCATION 2026-01-05");
        List<ReadingNote> notes = files.notes(f.id());
        assertThat(notes)
                .filteredOn(n -> n.kind().equals(ReadingNote.TABLE_AGAIN))
                .singleElement()
                .satisfies(n -> assertThat(n.zh()).startsWith("工作表「月报」第 7 行起是另一张表，表名「麓景社区2026年1月工作台账」"));
        // the second title's merge fills no data row
        assertThat(notes).extracting(ReadingNote::kind).doesNotContain(ReadingNote.MERGED_CELLS);
        assertThat(notes)
                .filteredOn(n -> n.kind().equals(ReadingNote.DATE_YEAR))
                .extracting(ReadingNote::zh)
                .containsExactlyInAnyOrder("日期缺年份，取自表头 2025年", "日期缺年份，取自表头 2026年");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void aSecondTableUnderATwoRowMergedHeaderWithoutACategoryColumnTakesTheSheetsCategory(String format) {
        // given: a sheet named 义务劳动 (the community's word for 公益活动); December's table with a category column,
        // then January's under a two-row header whose 序号, 姓名 and 身份证号 are merged down over both rows and
        // whose 活动情况 spans its date and name of activity, and no category column
        String seq = format.equals("xls") ? "5" : "4";
        String wu = id("430104199307073" + seq + "8");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "义务劳动",
                        s -> s.row("麓景社区2025年12月义务劳动登记表")
                                .row("序号", "姓名", "身份证号", "日期", "活动类型")
                                .row("1", "吴十", wu, "12月6日", "普法活动")
                                .row("麓景社区2026年1月义务劳动登记表")
                                .row("序号", "姓名", "身份证号", "活动情况", null)
                                .row(null, null, null, "日期", "活动名称")
                                .row("1", "吴十", wu, "1月10日", "清扫楼道")
                                .merge("A1:E1")
                                .merge("A4:E4")
                                .merge("A5:A6")
                                .merge("B5:B6")
                                .merge("C5:C6")
                                .merge("D5:E5"))
                .write(FILES.resolve("stacked-two-rows").resolve("义务劳动." + format));

        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();

        // then neither header row nor the title is a row; January's row is 2026 and 公益活动 by the sheet's name
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected(), f.skipped()})
                .containsExactly(2, 2, 0, 0);
        assertThat(records(f.id()))
                .containsExactly("义务劳动:3 吴十 LEGAL_EDUCATION 2025-12-06", "义务劳动:7 吴十 PUBLIC_WELFARE 2026-01-10");
        assertThat(files.notes(f.id()))
                .extracting(ReadingNote::kind)
                .doesNotContain(ReadingNote.SHEET_PASSED_OVER, ReadingNote.MERGED_CELLS)
                .contains(ReadingNote.TABLE_AGAIN);
    }

    private List<String> records(long fileId) {
        return jdbc.sql("""
                        SELECT s.sheet, s.row_no, r.person_name, r.category, r.activity_date
                        FROM record_source s JOIN support_record r ON r.id = s.record_id
                        WHERE s.file_id = ? ORDER BY s.id""")
                .param(fileId)
                .query((rs, i) -> rs.getString(1) + ":" + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " " + rs.getDate(5).toLocalDate())
                .list();
    }
}
