package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.IdentityValues;
import org.lujing.SharedLedgerLoadedOnce;
import org.lujing.cli.LujingCommand;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.ReconcileService;
import org.lujing.reconcile.ReconcileSummary;
import org.lujing.reconcile.StoredFinding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-person ledger, findings and data-quality workbooks of the pilot year: one ledger row per counted record,
 * figures that match the ledger, masked identity only, no formula anywhere, and the ten rejected rows of
 * sample-data with their reason codes.
 */
class LedgerAndQualityWorkbookIntegrationTests extends SharedLedgerLoadedOnce {

    static final List<String> ORDER =
            List.of("roster", "community", "hospital", "university", "employer", "micro-lesson");
    static final String MASKED_ID = "4301\\*{12}[0-9X]{2}";
    /** sample-data/README.md: counted records per category in 2025 (after merging). */
    static final Map<Category, Integer> COUNTED_RECORDS = Map.ofEntries(
            Map.entry(Category.ASSESSMENT, 12),
            Map.entry(Category.CORRECTION_GROUP, 14),
            Map.entry(Category.CORRECTION_PLAN, 12),
            Map.entry(Category.KEY_SUPPORT_PLAN, 4),
            Map.entry(Category.STRUCTURED_INTERVIEW, 12),
            Map.entry(Category.PSYCH_ASSESSMENT, 12),
            Map.entry(Category.GROUP_COUNSELLING, 16),
            Map.entry(Category.LEGAL_EDUCATION, 32),
            Map.entry(Category.PUBLIC_WELFARE, 46),
            Map.entry(Category.EDUCATION_SUPPORT, 8),
            Map.entry(Category.MICRO_LESSON, 267),
            Map.entry(Category.JOB_FAIR, 23),
            Map.entry(Category.EMPLOYMENT, 5),
            Map.entry(Category.HARDSHIP_RELIEF, 2),
            Map.entry(Category.MATERIALS, 13));

    static final Map<String, String> RULES_ZH = Map.of(
            "UNMATCHED_SUBJECT",
            "人员不在名册",
            "OUTSIDE_SUPERVISION",
            "矫正期外的活动",
            "MISSING_FEED",
            "数据未按期报送",
            "CONTROL_TOTAL_MISMATCH",
            "合计数与明细不符",
            "CROSS_SOURCE_CONFLICT",
            "多来源数据不一致",
            "NO_RECENT_SUPPORT",
            "近期无帮扶记录");

    @Autowired
    FileIngestService ingest;

    @Autowired
    ReportService reports;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    FindingsService findings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LedgerWorkbook ledgerWorkbook;

    @Autowired
    javax.sql.DataSource dataSource;

    final IdentityValues identities = IdentityValues.in(Path.of("sample-data"));

    @BeforeAll
    void ingestThePilotYear() throws Exception {
        for (String source : ORDER) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
        }
    }

    @Test
    void everyWorkbookPrintsLandscapeOnePageWideWithItsHeaderOnEveryPage() throws Exception {
        reconcile.reconcile(LocalDate.of(2026, 1, 31));
        List<Path> workbooks = List.of(
                reports.writeLedger(Period.parse("2025"), HOME.resolve("out-print-ledger"), "zh")
                        .get(0),
                reports.writeQuality(HOME.resolve("out-print-quality"), "zh").get(0),
                reports.writeFindings(LocalDate.of(2026, 1, 31), HOME.resolve("out-print-findings"), "zh")
                        .get(0));
        for (Path file : workbooks) {
            try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                PrintedWorkbooks.assertPrintable(wb, file.getFileName().toString());
                // a Chinese workbook names sources, rules, reasons and outcomes in words; codes only in 代码 columns
                PrintedWorkbooks.assertNoCodeWords(wb, file.getFileName().toString());
                for (Sheet sheet : wb) {
                    String where = file.getFileName() + " / " + sheet.getSheetName();
                    assertThat(sheet.getPrintSetup().getLandscape()).as(where).isTrue();
                    assertThat(sheet.getPrintSetup().getPaperSize()).as(where).isEqualTo(PrintSetup.A4_PAPERSIZE);
                    assertThat(sheet.getFitToPage()).as(where).isTrue();
                    assertThat(sheet.getPrintSetup().getFitWidth()).as(where).isEqualTo((short) 1);
                    assertThat(sheet.getPrintSetup().getFitHeight()).as(where).isZero();
                    assertThat(sheet.getFooter().getRight()).as(where).contains("第 &P 页");
                    // every list sheet repeats its header row on each printed page and can be filtered
                    assertThat(sheet.getRepeatingRows()).as(where).isEqualTo(CellRangeAddress.valueOf("1:1"));
                    if (sheet.getLastRowNum() > 0) {
                        assertThat(((XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter())
                                .as(where)
                                .isTrue();
                    }
                }
            }
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(workbooks.get(0).toFile())) {
            // the ledger's pages going across each show whose records they are: name and masked ID repeat
            assertThat(wb.getSheet("个人台账").getRepeatingColumns()).isEqualTo(CellRangeAddress.valueOf("A:B"));
            assertThat(wb.getSheet("个人台账").getFooter().getLeft()).startsWith("帮扶台账");
        }
    }

    @Test
    void theLedgerHasOneRowPerCountedRecordGroupedByPerson() throws Exception {
        List<Path> written = reports.writeLedger(Period.parse("2025"), null, "zh");

        assertThat(written)
                .containsExactly(HOME.resolve("reports").resolve("2025").resolve("ledger-2025.xlsx"));
        long counted = jdbc.sql("""
                        SELECT COUNT(*) FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL
                          AND activity_date >= DATE '2025-01-01' AND activity_date <= DATE '2025-12-31'""").query(Long.class).single();
        double hours = jdbc.sql("""
                        SELECT COALESCE(SUM(hours), 0) FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL
                          AND activity_date >= DATE '2025-01-01' AND activity_date <= DATE '2025-12-31'""").query(Double.class).single();
        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1))).containsExactly("个人台账", "待识别");
            assertSafe(wb);

            Sheet ledger = wb.getSheet("个人台账");
            assertThat(header(ledger))
                    .containsExactly(
                            "姓名",
                            "身份证号（脱敏）",
                            "矫正类别",
                            "日期",
                            "类别",
                            "活动名称",
                            "承办单位",
                            "时长（小时）",
                            "数量",
                            "结果",
                            "匹配方式",
                            "匹配依据",
                            "来源");
            assertThat(ledger.getLastRowNum()).isEqualTo(counted);
            assertThat(counted)
                    .isEqualTo(COUNTED_RECORDS.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum());

            Map<String, Integer> perCategory = new HashMap<>();
            double quantityOfMaterials = 0;
            double hoursSum = 0;
            List<String> personOrder = new ArrayList<>();
            Map<String, String> lastDate = new HashMap<>();
            for (int r = 1; r <= ledger.getLastRowNum(); r++) {
                Row row = ledger.getRow(r);
                String person = row.getCell(0).getStringCellValue() + " "
                        + row.getCell(1).getStringCellValue();
                assertThat(row.getCell(1).getStringCellValue()).as("row " + r).matches(MASKED_ID);
                // a date cell, shown as a day: a spreadsheet filters and groups by it
                assertThat(row.getCell(3).getCellType()).as("date of row " + r).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
                String date =
                        row.getCell(3).getLocalDateTimeCellValue().toLocalDate().toString();
                assertThat(date).startsWith("2025-");
                // grouped by person, by date within a person
                if (personOrder.isEmpty()
                        || !personOrder.get(personOrder.size() - 1).equals(person)) {
                    assertThat(personOrder)
                            .as("person " + person + " appears in one block")
                            .doesNotContain(person);
                    personOrder.add(person);
                } else {
                    assertThat(date).isGreaterThanOrEqualTo(lastDate.get(person));
                }
                lastDate.put(person, date);
                perCategory.merge(row.getCell(4).getStringCellValue(), 1, Integer::sum);
                if (row.getCell(4).getStringCellValue().equals(Category.MATERIALS.zh())) {
                    quantityOfMaterials += row.getCell(8).getNumericCellValue();
                }
                Cell h = row.getCell(7);
                if (h != null && h.getCellType() == CellType.NUMERIC) {
                    hoursSum += h.getNumericCellValue();
                }
                assertThat(row.getCell(10).getStringCellValue())
                        .as("matched by, row " + r)
                        .isEqualTo("身份证号");
                // an ID number needs no evidence: its column stays empty
                assertThat(row.getCell(11).getStringCellValue())
                        .as("match evidence, row " + r)
                        .isEmpty();
                assertThat(row.getCell(12).getStringCellValue())
                        .as("provenance of row " + r)
                        .isNotBlank();
            }
            for (Category c : Category.values()) {
                assertThat(perCategory.getOrDefault(c.zh(), 0))
                        .as(c.name())
                        .isEqualTo(COUNTED_RECORDS.getOrDefault(c, 0));
            }
            assertThat(quantityOfMaterials).isEqualTo(30);
            assertThat(hoursSum).isCloseTo(hours, org.assertj.core.data.Offset.offset(0.001));
            assertThat(personOrder).hasSize(14);
            // people as an office files them, by the pinyin of their names: 陈明 before 黄晓东 before 李秀英 …
            List<String> names = personOrder.stream()
                    .map(p -> p.substring(0, p.indexOf(' ')))
                    .toList();
            assertThat(names).isSortedAccordingTo(java.text.Collator.getInstance(java.util.Locale.CHINA));
            assertThat(names.get(0)).isEqualTo("陈明");
            // the file's title and each printed page name the period
            assertThat(wb.getProperties().getCoreProperties().getTitle())
                    .isEqualTo("帮扶台账 2025年度（2025-01-01至2025-12-31）");
            assertThat(ledger.getFooter().getLeft()).startsWith("帮扶台账 2025年度（2025-01-01至2025-12-31） · 个人台账");
            // a record reported by two sources names both (the community ledger is read first)
            boolean twoSources = false;
            for (int r = 1; r <= ledger.getLastRowNum(); r++) {
                String provenance = ledger.getRow(r).getCell(12).getStringCellValue();
                // sources by their agency's name, as the office knows them, not by their ids
                assertThat(provenance).doesNotContain("community").doesNotContain("micro-lesson");
                // each file by its number too: a corrected copy sent under the same name reads apart from the first
                assertThat(provenance).containsPattern("（#\\d+）");
                twoSources |=
                        provenance.startsWith("麓景社区居委会：") && provenance.contains("）「台账」第") && provenance.contains("；");
            }
            assertThat(twoSources).isTrue();

            Sheet pending = wb.getSheet("待识别");
            assertThat(pending.getLastRowNum()).isEqualTo(4);
            for (int r = 1; r <= 4; r++) {
                assertThat(pending.getRow(r).getCell(0).getStringCellValue()).isEqualTo("钟晓峰");
                assertThat(pending.getRow(r).getCell(1).getStringCellValue()).isEqualTo("4301************78");
            }
        }
    }

    @Test
    void aLedgerReadInSmallSlicesIsTheSameLedger() throws Exception {
        // given the ledger read in one slice, and read a few persons at a time (a person with more is a slice alone)
        Path whole = HOME.resolve("out-slices/whole.xlsx");
        Path sliced = HOME.resolve("out-slices/sliced.xlsx");
        long inOne = ledgerWorkbook.write(Period.parse("2025"), ReportLanguage.ZH, whole, Integer.MAX_VALUE);
        long inSlices = ledgerWorkbook.write(Period.parse("2025"), ReportLanguage.ZH, sliced, 7);

        // then the same records, in the same order, with the same provenance
        assertThat(inSlices)
                .isEqualTo(inOne)
                .isEqualTo(COUNTED_RECORDS.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        try (XSSFWorkbook a = new XSSFWorkbook(whole.toFile());
                XSSFWorkbook b = new XSSFWorkbook(sliced.toFile())) {
            for (String name : List.of("个人台账", "待识别")) {
                assertThat(cells(b.getSheet(name))).as(name).isEqualTo(cells(a.getSheet(name)));
            }
            assertThat(a.getSheet("个人台账").getLastRowNum()).isEqualTo(inOne);
        }
    }

    @Test
    void aSliceOfTheLedgerIsReadThroughItsPersonsNotThroughThePeriod() throws Exception {
        // when HSQLDB plans the query of a slice of three persons
        List<String> plan = new ArrayList<>();
        try (var c = dataSource.getConnection();
                var statement = c.prepareStatement("EXPLAIN PLAN FOR " + LedgerSlices.ledgerSql(3));
                var rs = statement.executeQuery()) {
            while (rs.next()) {
                plan.add(rs.getString(1).strip());
            }
        }

        // then the ledger table is reached through the persons' subject_id index, not by walking the period's dates
        // (which read the whole period once per slice: 88 s instead of 7.5 s for 200,000 records)
        int table = plan.indexOf("table=SUPPORT_RECORD");
        assertThat(table).as(String.join("\n", plan)).isNotNegative();
        List<String> access = plan.subList(table, plan.size());
        int starts = access.indexOf("start conditions=[");
        assertThat(starts).as(String.join("\n", plan)).isPositive();
        assertThat(access.get(starts - 1)).as(String.join("\n", plan)).doesNotContain("SUPPORT_RECORD_DATE");
        assertThat(access.get(starts + 1) + access.get(starts + 2))
                .as(String.join("\n", plan))
                .startsWith("EQUAL")
                .contains("COLUMN: PUBLIC.SUPPORT_RECORD.SUBJECT_ID")
                .contains("COLUMN: PUBLIC.SUBJECT.ID");
    }

    private static List<String> cells(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell c : row) {
                out.add(c.getAddress() + "="
                        + (c.getCellType() == CellType.NUMERIC
                                ? String.valueOf(c.getNumericCellValue())
                                : c.getStringCellValue()));
            }
        }
        return out;
    }

    @Test
    void theEnglishLedgerSpeaksEnglish() throws Exception {
        List<Path> written = reports.writeLedger(Period.parse("2025-Q2"), HOME.resolve("out-en"), "en");

        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1))).containsExactly("Ledger", "Pending");
            assertThat(header(wb.getSheet("Ledger")).get(0)).isEqualTo("Name");
            assertSafe(wb);
            // the roster's 矫正类别 too: the four kinds the law knows
            java.util.Set<String> types = new java.util.TreeSet<>();
            Sheet ledger = wb.getSheet("Ledger");
            for (int r = 1; r <= ledger.getLastRowNum(); r++) {
                types.add(ledger.getRow(r).getCell(2).getStringCellValue());
            }
            assertThat(types)
                    .isNotEmpty()
                    .isSubsetOf("Public surveillance", "Probation", "Parole", "Temporary service outside prison");
        }
    }

    @Test
    void onePersonsLedgerHoldsTheirRecordsAndSumsThemByCategory() throws Exception {
        long person = jdbc.sql("SELECT id FROM subject WHERE name = '张建国'")
                .query(Long.class)
                .single();
        long records = jdbc.sql("""
                        SELECT COUNT(*) FROM support_record WHERE subject_id = ? AND merged_into IS NULL
                          AND activity_date >= DATE '2025-01-01' AND activity_date <= DATE '2025-12-31'""").param(person).query(Long.class).single();

        List<Path> written = reports.writeLedger(Period.parse("2025"), person, HOME.resolve("out-person"), "zh");

        assertThat(written).containsExactly(HOME.resolve("out-person/ledger-2025-person-" + person + ".xlsx"));
        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1))).containsExactly("个人台账", "汇总");
            Sheet ledger = wb.getSheet("个人台账");
            assertThat(ledger.getLastRowNum()).isEqualTo(records).isPositive();
            for (int r = 1; r <= ledger.getLastRowNum(); r++) {
                assertThat(ledger.getRow(r).getCell(0).getStringCellValue()).isEqualTo("张建国");
            }
            assertThat(ledger.getFooter().getLeft()).contains("2025年度").contains("张建国");
            Sheet summary = wb.getSheet("汇总");
            assertThat(header(summary)).containsExactly("类别", "记录数", "时长合计（小时）", "数量合计");
            double summed = 0;
            for (int r = 1; r < summary.getLastRowNum(); r++) {
                summed += summary.getRow(r).getCell(1).getNumericCellValue();
            }
            assertThat(summed).isEqualTo((double) records);
            // and ends with its total
            Row total = summary.getRow(summary.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(1).getNumericCellValue()).isEqualTo((double) records);
            assertSafe(wb);
        }
        // a year without their records says so on both sheets
        Path none = reports.writeLedger(Period.parse("2023"), person, HOME.resolve("out-person"), "zh")
                .get(0);
        try (XSSFWorkbook wb = new XSSFWorkbook(none.toFile())) {
            assertThat(wb.getSheet("个人台账").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("本期间（2023-01-01至2023-12-31）没有此人计入的记录");
            assertThat(wb.getSheet("汇总").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("本期间没有此人计入的记录");
        }
        assertThatThrownBy(() -> reports.writeLedger(Period.parse("2025"), 999_999L, HOME.resolve("out-nobody"), "zh"))
                .hasMessageContaining("名册上没有编号为 #999999 的人");
        assertThat(HOME.resolve("out-nobody/ledger-2025-person-999999.xlsx")).doesNotExist();
    }

    @Test
    void aPeriodWithoutRecordsSaysSoInsteadOfABareHeader() throws Exception {
        List<Path> written = reports.writeLedger(Period.parse("2023"), HOME.resolve("out-empty"), "zh");

        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            Sheet ledger = wb.getSheet("个人台账");
            assertThat(ledger.getLastRowNum()).isEqualTo(1);
            assertThat(ledger.getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("本期间（2023-01-01至2023-12-31）没有计入名册上人员的记录");
            assertThat(wb.getSheet("待识别").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("本期间没有待识别的记录");
        }
    }

    @Test
    void theQualityWorkbookListsTheTenRejectedRowsWithWhatToFix() throws Exception {
        List<Path> written = reports.writeQuality(HOME.resolve("out-quality"), "zh");

        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1))).containsExactly("文件汇总", "拒收行");
            assertSafe(wb);
            Sheet summary = wb.getSheet("文件汇总");
            assertThat(summary.getLastRowNum()).isEqualTo(6);
            double[] totals = new double[5];
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                for (int i = 0; i < 5; i++) {
                    totals[i] += summary.getRow(r).getCell(3 + i).getNumericCellValue();
                }
            }
            assertThat(totals).containsExactly(523, 502, 4, 10, 7);
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                assertThat(summary.getRow(r).getCell(2).getStringCellValue()).isIn("已载入", "已载入，部分行拒收");
            }

            List<String> sources = new ArrayList<>();
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                sources.add(summary.getRow(r).getCell(1).getStringCellValue());
            }
            // sources by their agency's name (jobs/sources/*.yaml), not by their ids
            assertThat(sources)
                    .containsExactlyInAnyOrder("麓谷街道司法所", "麓景社区居委会", "湖南航天医院", "湖南工商大学", "拓维信息系统股份有限公司", "智慧矫正在线教育平台");
            assertThat(header(summary)).endsWith("结果代码");
            // each file named with its number, as a duplicate's note refers to it (与文件 #N 内容相同)
            for (int r = 1; r <= summary.getLastRowNum(); r++) {
                assertThat(summary.getRow(r).getCell(0).getStringCellValue()).containsPattern("（#\\d+）$");
            }

            Sheet rejects = wb.getSheet("拒收行");
            assertThat(header(rejects).subList(0, 10))
                    .containsExactly("文件", "工作表", "行号", "列", "原因", "说明", "如何修改", "状态", "原因代码", "原表第1列");
            // every block of one file's sheet is headed by that sheet's header row as the partner wrote it
            List<Row> dataRows = new ArrayList<>();
            Map<Integer, Row> headingOf = new HashMap<>();
            Row heading = null;
            for (int r = 1; r <= rejects.getLastRowNum(); r++) {
                Row row = rejects.getRow(r);
                if (row.getCell(5).getStringCellValue().startsWith("原表表头")) {
                    heading = row;
                    continue;
                }
                assertThat(heading).as("a heading above row " + r).isNotNull();
                assertThat(row.getCell(0).getStringCellValue())
                        .isEqualTo(heading.getCell(0).getStringCellValue());
                assertThat(row.getCell(1).getStringCellValue())
                        .isEqualTo(heading.getCell(1).getStringCellValue());
                headingOf.put(r, heading);
                dataRows.add(row);
            }
            // five sheets hold the ten rejected rows: 名册, 台账, 心理测评 and the two CSV files
            assertThat(rejects.getLastRowNum()).isEqualTo(15);
            assertThat(dataRows).hasSize(10);
            Map<String, Integer> reasons = new TreeMap<>();
            for (Row row : dataRows) {
                reasons.merge(row.getCell(8).getStringCellValue(), 1, Integer::sum);
                assertThat(row.getCell(0).getStringCellValue()).startsWith("2025年");
                assertThat(row.getCell(2).getNumericCellValue()).isPositive();
                assertThat(row.getCell(4).getStringCellValue())
                        .as("reason in words")
                        .containsPattern("\\p{IsHan}");
                assertThat(row.getCell(5).getStringCellValue())
                        .as("message in Chinese only")
                        .doesNotContain(" / ")
                        .doesNotContainPattern("[A-Za-z]{3,}");
                assertThat(row.getCell(6).getStringCellValue())
                        .as("advice")
                        .isNotBlank()
                        .doesNotContain(" / ");
                assertThat(row.getCell(7).getStringCellValue()).isEqualTo("待修正");
                // the row's values one column per cell, whole numbers as the partner wrote them (43, not 43.0)
                for (int c = 9; c < row.getLastCellNum(); c++) {
                    Cell value = row.getCell(c);
                    if (value != null && value.getCellType() == CellType.STRING) {
                        assertThat(value.getStringCellValue())
                                .as("value " + value.getAddress())
                                .doesNotMatch("-?\\d+\\.0")
                                .doesNotStartWith("[");
                    }
                }
            }
            Row ambiguous = rowWith(rejects, 8, "DATE_AMBIGUOUS");
            assertThat(ambiguous.getCell(9).getStringCellValue()).isEqualTo("43");
            assertThat(ambiguous.getCell(10).getStringCellValue()).isEqualTo("03/07/2025");
            assertThat(ambiguous.getCell(11).getStringCellValue()).isEqualTo("马俊");
            assertThat(ambiguous.getCell(12).getStringCellValue()).matches(MASKED_ID);
            // above the values, the community ledger's own header (row 3 of 「台账」, below its title and its 填报单位 line)
            Row titles = headingOf.get(ambiguous.getRowNum());
            assertThat(titles.getCell(5).getStringCellValue()).isEqualTo("原表表头（第 3 行），以下各行的取值按此列出");
            List<String> partnerHeader = new ArrayList<>();
            for (int c = 9; c < 19; c++) {
                partnerHeader.add(titles.getCell(c).getStringCellValue());
            }
            assertThat(partnerHeader)
                    .containsExactly("序号", "日期", "姓名", "身份证号", "活动类型", "活动名称", "合作单位", "时长（小时）", "数量", "备注");
            assertThat(titles.getCell(9).getCellStyle().getFillPattern())
                    .as("shaded like a header")
                    .isEqualTo(rejects.getRow(0).getCell(9).getCellStyle().getFillPattern());
            // the university's CSV: its header is line 1, and its titles head its two rows
            Row csv = rowWith(rejects, 8, "ID_INVALID");
            assertThat(headingOf.get(csv.getRowNum()).getCell(5).getStringCellValue())
                    .contains("第 1 行");
            assertThat(headingOf.get(csv.getRowNum()).getCell(10).getStringCellValue())
                    .isNotBlank()
                    .doesNotStartWith("原表第");
            // its header is narrower than the community ledger's ten columns: nothing stands beyond it
            assertThat(headingOf.get(csv.getRowNum()).getCell(18).getStringCellValue())
                    .isEmpty();
            assertThat(reasons)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "ID_CHECKSUM",
                            2,
                            "DATE_AMBIGUOUS",
                            1,
                            "UNKNOWN_CATEGORY",
                            1,
                            "VALUE_INVALID",
                            2,
                            "DATE_INVALID",
                            2,
                            "MISSING_FIELD",
                            1,
                            "ID_INVALID",
                            1));
        }
        JsonNode json = JsonMapper.builder().build().readTree(written.get(1).toFile());
        assertThat(json.size()).isEqualTo(6);
        for (JsonNode file : json) {
            assertThat(file.get("outcome").asString()).isIn("LOADED", "LOADED_WITH_REJECTS");
        }
        JsonNode community = null;
        for (JsonNode file : json) {
            if (file.get("source").asString().equals("community")) {
                community = file;
            }
        }
        assertThat(community.get("headers")).hasSize(1);
        assertThat(community.get("headers").get(0).get("sheet").asString()).isEqualTo("台账");
        assertThat(community.get("headers").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(community.get("headers").get(0).get("headers").get(2).asString())
                .isEqualTo("姓名");
        // a reject's cells as an array, as the workbook shows them: the ambiguous date's row 43, not "43.0"
        JsonNode ambiguousRow = null;
        for (JsonNode r : community.get("rejects")) {
            if (r.get("reason").asString().equals("DATE_AMBIGUOUS")) {
                ambiguousRow = r;
            }
        }
        assertThat(ambiguousRow.get("cells").isArray()).isTrue();
        assertThat(ambiguousRow.get("cells").get(0).asString()).isEqualTo("43");
        assertThat(ambiguousRow.get("cells").get(1).asString()).isEqualTo("03/07/2025");
        assertThat(ambiguousRow.get("values").isString())
                .as("kept as it was for scripts")
                .isTrue();
        assertThat(identities.foundIn(Files.readString(written.get(1)))).isEmpty();
    }

    @Test
    void theFindingsWorkbookListsTheFindingsOfARun() throws Exception {
        ReconcileSummary run = reconcile.reconcile(LocalDate.of(2026, 1, 31));
        List<StoredFinding> expected = findings.list(LocalDate.of(2026, 1, 31), null, null);
        assertThat(expected).hasSize(run.active()).isNotEmpty();

        List<Path> written = reports.writeFindings(LocalDate.of(2026, 1, 31), HOME.resolve("out-findings"), "zh");

        assertThat(written.get(0).getFileName().toString()).isEqualTo("findings-2026-01-31.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(wb.getSheetName(0)).isEqualTo("核查发现");
            assertSafe(wb);
            Sheet sheet = wb.getSheet("核查发现");
            // the report and its one sheet share a name: the footer says it once
            assertThat(sheet.getFooter().getLeft()).isEqualTo("核查发现");
            assertThat(header(sheet))
                    .containsExactly("规则", "严重程度", "人员（脱敏）", "来源", "文件", "详情", "首次发现", "最近发现", "状态", "备注", "规则代码");
            assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                Row row = sheet.getRow(i + 1);
                // people read names; the rule's code stays in its own column for `findings --rule`
                assertThat(row.getCell(0).getStringCellValue())
                        .isEqualTo(RULES_ZH.get(expected.get(i).rule()));
                assertThat(row.getCell(10).getStringCellValue())
                        .isEqualTo(expected.get(i).rule());
                assertThat(row.getCell(5).getStringCellValue())
                        .as("details in Chinese only")
                        .containsPattern("\\p{IsHan}")
                        .doesNotContain("‖")
                        .doesNotContainPattern("[A-Za-z]{3,}");
                assertThat(row.getCell(1).getStringCellValue())
                        .isEqualTo(expected.get(i).severity().equals("HIGH") ? "高" : "中");
                assertThat(row.getCell(6).getStringCellValue())
                        .isEqualTo(expected.get(i).firstSeen().toString());
                assertThat(row.getCell(8).getStringCellValue())
                        .isEqualTo(Map.of("OPEN", "待处理", "ACKNOWLEDGED", "已知悉", "RESOLVED", "已解决")
                                .get(expected.get(i).status()));
            }
        }
        // the JSON beside it is an interface: codes, never labels
        JsonNode json = JsonMapper.builder().build().readTree(written.get(1).toFile());
        assertThat(json.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(json.get(i).get("rule").asString())
                    .isEqualTo(expected.get(i).rule());
            assertThat(json.get(i).get("severity").asString())
                    .isEqualTo(expected.get(i).severity());
            assertThat(json.get(i).get("status").asString())
                    .isEqualTo(expected.get(i).status());
        }

        List<Path> english = reports.writeFindings(LocalDate.of(2026, 1, 31), HOME.resolve("out-findings-en"), "en");
        try (XSSFWorkbook wb = new XSSFWorkbook(english.get(0).toFile())) {
            Sheet sheet = wb.getSheet("Findings");
            for (int i = 0; i < expected.size(); i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue()).doesNotContainPattern("\\p{IsHan}");
                assertThat(row.getCell(5).getStringCellValue()).doesNotContainPattern("\\p{IsHan}");
                assertThat(row.getCell(10).getStringCellValue())
                        .isEqualTo(expected.get(i).rule());
                assertThat(row.getCell(1).getStringCellValue()).isIn("High", "Medium");
                assertThat(row.getCell(8).getStringCellValue()).isIn("Open", "Acknowledged", "Resolved");
            }
        }
        assertThat(Files.readString(english.get(1))).isEqualTo(Files.readString(written.get(1)));
        assertThat(identities.foundIn(Files.readString(written.get(1)))).isEmpty();
    }

    @Test
    void theLedgerNeedsAPeriod() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = LujingCommand.run("report", "--home", HOME.toString(), "--kind", "ledger");
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8))
                .contains("ledger 报表需要 --period")
                .doesNotContain("needs --period")
                .doesNotContain("\tat ");
    }

    private static Row rowWith(Sheet sheet, int column, String text) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null
                    && cell.getCellType() == CellType.STRING
                    && cell.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + text + " in " + sheet.getSheetName());
    }

    private static List<String> header(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Cell c : sheet.getRow(0)) {
            out.add(c.getStringCellValue());
        }
        return out;
    }

    /** No formula, every text cell quote-prefixed, and no identity value of sample-data in clear anywhere. */
    private void assertSafe(XSSFWorkbook wb) {
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String where = sheet.getSheetName() + "!" + cell.getAddress();
                    assertThat(cell.getCellType()).as(where).isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING) {
                        assertThat(cell.getCellStyle().getQuotePrefixed())
                                .as(where)
                                .isTrue();
                        assertThat(identities.foundIn(cell.getStringCellValue()))
                                .as(where)
                                .isEmpty();
                    }
                }
            }
        }
    }
}
