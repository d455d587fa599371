package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColorRgbBinary;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.PilotTable;
import org.lujing.SharedLedgerLoadedOnce;
import org.lujing.cli.LujingCommand;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Category;
import org.lujing.ledger.CountingRule;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics workbook of the pilot year: its figures are the pilot's, its breakdowns add up, its chart is a real
 * chart, and no partner-supplied text ever becomes a formula.
 */
class StatisticsWorkbookIntegrationTests extends SharedLedgerLoadedOnce {

    static final List<String> ORDER =
            List.of("roster", "community", "hospital", "university", "employer", "micro-lesson");
    static final String FORMULA_AGENCY = "=HYPERLINK(\"http://x\",\"y\")";

    @Autowired
    FileIngestService ingest;

    @Autowired
    ReportService reports;

    @Autowired
    StatisticsBreakdownQuery breakdown;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    AgencyDirectory agencies;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void ingestThePilotYearAndAFormulaNamedPartner() throws Exception {
        for (String source : ORDER) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
        }
        // a roster person (王志强) at a June 2024 job fair whose organiser is written as a formula; 2025 stays untouched
        Path fixture = Path.of("src/test/resources/org/lujing/report/2024年招聘会-公式单位名.csv");
        assertThat(ingest.ingest(fixture, "employer").outcome()).isEqualTo("LOADED");
    }

    @Test
    void thePilotYearsWorkbookCarriesThePilotFigures() throws Exception {
        // when
        List<Path> written = reports.writeStatistics(Period.parse("2025"), null, "zh");

        // then
        Path dir = HOME.resolve("reports").resolve("2025");
        assertThat(written).containsExactly(dir.resolve("statistics-2025.xlsx"), dir.resolve("statistics-2025.json"));
        JsonNode json = JsonMapper.builder().build().readTree(written.get(1).toFile());
        assertThat(json.get("partnerUnits").asInt()).isEqualTo(PilotTable.PARTNER_UNITS);
        // the JSON carries the workbook's other sheets too: each agency's and each month's figures
        var content = breakdown.content(Period.parse("2025"), agencies::isPartner);
        assertThat(json.get("byMonth").propertyNames()).hasSize(12).first().isEqualTo("2025-01");
        assertThat(json.get("byAgency").propertyNames())
                .containsExactlyElementsOf(content.byAgency().figures().keySet());
        for (var agency : content.byAgency().figures().entrySet()) {
            for (var figure : agency.getValue().entrySet()) {
                if (figure.getValue().signum() != 0) {
                    assertThat(json.get("byAgency")
                                    .get(agency.getKey())
                                    .get(figure.getKey().name())
                                    .decimalValue())
                            .as(agency.getKey() + " " + figure.getKey())
                            .isEqualByComparingTo(figure.getValue());
                }
            }
        }
        assertThat(json.get("byMonth").get("2025-03").get("MICRO_LESSON").asInt())
                .isEqualTo(content.byMonth()
                        .figure(java.time.YearMonth.of(2025, 3), Category.MICRO_LESSON)
                        .intValue());
        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("汇总", "按单位", "按月");
            assertNoFormulas(wb);

            Sheet summarySheet = wb.getSheet("汇总");
            assertThat(summarySheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("麓景社区2025年度社区矫正帮扶工作统计");
            assertThat(summarySheet.getRow(1).getCell(0).getStringCellValue())
                    .startsWith("制表单位：麓景社区居民委员会")
                    .contains("制表日期：");
            Map<String, Row> summary = rowsByFirstCell(summarySheet);
            // 数值, 人数 and 人次 stand right-aligned over their right-aligned numbers; 类别 and 单位 as they were
            Row columnsRow = summary.get("类别");
            for (int c = 2; c <= 4; c++) {
                assertThat(columnsRow.getCell(c).getCellStyle().getAlignment())
                        .as(columnsRow.getCell(c).getStringCellValue())
                        .isEqualTo(HorizontalAlignment.RIGHT);
                assertThat(summary.get(Category.ASSESSMENT.zh())
                                .getCell(c)
                                .getCellStyle()
                                .getAlignment())
                        .isEqualTo(HorizontalAlignment.RIGHT);
            }
            assertThat(columnsRow.getCell(0).getCellStyle().getAlignment()).isNotEqualTo(HorizontalAlignment.RIGHT);
            for (Category c : Category.values()) {
                int expected = PilotTable.YEAR_2025.get(c);
                // every category is listed, zeros included
                Row row = summary.get(c.zh());
                assertThat(row).as(c.name()).isNotNull();
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(c.unit());
                assertThat(row.getCell(2).getNumericCellValue()).as(c.name()).isEqualTo(expected);
            }
            assertThat(summary.get("合作单位").getCell(2).getNumericCellValue()).isEqualTo(PilotTable.PARTNER_UNITS);
            assertThat(summary.get("待识别（不在名册，未计入）").getCell(2).getNumericCellValue())
                    .isEqualTo(4);
            String paragraph = paragraph(wb.getSheet("汇总"));
            assertThat(paragraph).contains("协助调查评估12件").contains("组织公益活动46人次").contains("19");
            // the situation report of sample-data/README.md, word for word
            assertThat(paragraph)
                    .isEqualTo("全年协助调查评估12件，建立矫正小组12个，制定矫正方案12个、重点帮扶方案4个，"
                            + "开展结构式访谈12人次、心理测量与评估12人次、团体辅导16人次，组织公益活动46人次、普法活动32人次、教育帮扶8人次，"
                            + "发放普法读物30册，帮助摆脱困境2人次，组织招聘会8次、帮助就业4名，开展每周一微课32堂，19家合作单位参与。");

            // by agency: the columns add up to the summary where counting is additive
            Sheet byAgency = wb.getSheet("按单位");
            Map<String, Double> columnSums = columnSums(byAgency);
            for (Category c : Category.values()) {
                int expected = PilotTable.YEAR_2025.get(c);
                String header = c.zh() + "（" + c.unit() + "）";
                if (expected == 0) {
                    assertThat(columnSums).doesNotContainKey(header);
                } else if (c.countingRule() == CountingRule.RECORDS || c.countingRule() == CountingRule.QUANTITY) {
                    assertThat(columnSums.get(header)).as(c.name()).isEqualTo((double) expected);
                } else {
                    assertThat(columnSums.get(header)).as(c.name()).isGreaterThanOrEqualTo((double) expected);
                }
            }

            // by month: twelve months, a native chart with one series per category with a figure
            XSSFSheet byMonth = wb.getSheet("按月");
            // twelve months, then why 矫正小组 and 就业安置 may add up to more than 汇总, above the charts
            assertThat(byMonth.getLastRowNum()).isEqualTo(13);
            assertThat(byMonth.getRow(13).getCell(0).getStringCellValue())
                    .isEqualTo("注：矫正小组、就业安置按不重复的人数计，同一人在几个月份都有记录时各计一次，各月相加可能多于汇总表。");
            assertThat(byAgency.getRow(byAgency.getLastRowNum()).getCell(0).getStringCellValue())
                    .startsWith("注：矫正小组、就业安置按不重复的人数计")
                    .contains("各单位相加");
            // outside the autofilter, so sorting the agencies leaves it where it is
            assertThat(((XSSFSheet) byAgency).getCTWorksheet().getAutoFilter().getRef())
                    .endsWith(String.valueOf(byAgency.getLastRowNum() - 1));
            assertThat(byMonth.getCTWorksheet().getAutoFilter().getRef()).endsWith("13");
            // months as the office writes them within one year: 1月 … 12月
            assertThat(byMonth.getRow(1).getCell(0).getStringCellValue()).isEqualTo("1月");
            assertThat(byMonth.getRow(12).getCell(0).getStringCellValue()).isEqualTo("12月");
            assertMonthCharts(wb, byMonth);
            Map<String, Double> monthSums = columnSums(byMonth);
            for (Category c : Category.values()) {
                if (c.countingRule() == CountingRule.RECORDS && PilotTable.YEAR_2025.get(c) != 0) {
                    assertThat(monthSums.get(c.zh())).as(c.name()).isEqualTo((double) PilotTable.YEAR_2025.get(c));
                }
            }
        }
    }

    @Test
    void aWorkbookMadeWhileAFileIsLoadedSaysItsFiguresAreNotFinal() throws Exception {
        // made with nothing being loaded: the row under the period is blank, the JSON says 0
        List<Path> quiet = reports.writeStatistics(Period.parse("2025"), HOME.resolve("out-quiet"), "zh");
        try (XSSFWorkbook wb = new XSSFWorkbook(quiet.get(0).toFile())) {
            Row under = wb.getSheet("汇总").getRow(3);
            assertThat(under == null || under.getCell(0) == null).isTrue();
        }
        assertThat(Files.readString(quiet.get(1))).contains("\"loadingFiles\" : 0");

        // made while a file is being loaded (a node died half way through it, say): the workbook and its JSON say so
        String sha = "d".repeat(64);
        jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format,
                          received_at, outcome)
                        VALUES ('community', '半途.xlsx', 'archive/community/半途.xlsx', ?, 1, 'xlsx', ?, 'IN_PROGRESS')""")
                .params(sha, java.sql.Timestamp.from(java.time.Instant.now()))
                .update();
        try {
            List<Path> loading = reports.writeStatistics(Period.parse("2025"), HOME.resolve("out-loading"), "zh");
            try (XSSFWorkbook wb = new XSSFWorkbook(loading.get(0).toFile())) {
                assertThat(wb.getSheet("汇总").getRow(3).getCell(0).getStringCellValue())
                        .isEqualTo("注意：制表时有 1 个文件正在入库，只计入了已写入的行；入库完成后请重新生成本表。");
            }
            assertThat(Files.readString(loading.get(1))).contains("\"loadingFiles\" : 1");
        } finally {
            jdbc.sql("DELETE FROM ingest_file WHERE sha256 = ?").param(sha).update();
        }
    }

    @Test
    void theStatisticsWorkbookPrintsOnePageWideWithTheAgencyNamesOnEveryPage() throws Exception {
        List<Path> written = reports.writeStatistics(Period.parse("2025"), HOME.resolve("out-print"), "zh");
        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            PrintedWorkbooks.assertPrintable(wb, "statistics-2025.xlsx");
            PrintedWorkbooks.assertNoCodeWords(wb, "statistics-2025.xlsx");
            assertThat(wb.getSheet("汇总").getPrintSetup().getFitHeight())
                    .as("汇总 on one page")
                    .isEqualTo((short) 1);
            assertThat(wb.getSheet("按月").getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf("1:1"));
            for (org.apache.poi.ss.usermodel.Sheet sheet : wb) {
                assertThat(sheet.getPrintSetup().getLandscape())
                        .as(sheet.getSheetName())
                        .isTrue();
                assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
                assertThat(sheet.getPrintSetup().getFitWidth())
                        .as(sheet.getSheetName())
                        .isEqualTo((short) 1);
                assertThat(sheet.getFooter().getLeft()).as(sheet.getSheetName()).startsWith("帮扶工作统计");
            }
            org.apache.poi.ss.usermodel.Sheet byAgency = wb.getSheet("按单位");
            assertThat(byAgency.getRepeatingRows()).isEqualTo(org.apache.poi.ss.util.CellRangeAddress.valueOf("1:1"));
            assertThat(byAgency.getRepeatingColumns())
                    .isEqualTo(org.apache.poi.ss.util.CellRangeAddress.valueOf("A:A"));
        }
    }

    @Test
    void theWorkbooksMonthByMonthFiguresAreTheLedgersFiguresForThePeriod() {
        for (String label : List.of("2025", "2025-Q2", "2025-06", "2024", "2025-03-15..2025-07-09")) {
            Period period = Period.parse(label);
            // when the workbook's figures are summed a month at a time
            StatisticsWorkbookWriter.Content content = breakdown.content(period, agencies::isPartner);

            // then they are the figures StatisticsQuery counts over the whole period at once
            assertThat(content.statistics()).as(label).isEqualTo(statistics.compute(period, agencies::isPartner));
            // and each month's column is that month's (within the period) statistics
            for (var month : content.byMonth().figures().entrySet()) {
                LocalDate from = period.from().isAfter(month.getKey().atDay(1))
                        ? period.from()
                        : month.getKey().atDay(1);
                LocalDate to = period.to().isBefore(month.getKey().atEndOfMonth())
                        ? period.to()
                        : month.getKey().atEndOfMonth();
                Statistics s = statistics.compute(Period.parse(from + ".." + to), agencies::isPartner);
                for (Category c : Category.values()) {
                    assertThat(content.byMonth().figure(month.getKey(), c))
                            .as(label + " " + month.getKey() + " " + c)
                            .isEqualByComparingTo(s.figures(c).value(c));
                }
            }
            // and each agency's row is counted over the whole period, persons once each (the whole-period SQL)
            Map<String, Map<Category, BigDecimal>> expected = new TreeMap<>();
            jdbc.sql("""
                            SELECT agency, category, COUNT(*) AS records, COUNT(DISTINCT subject_id) AS subjects,
                                   SUM(quantity) AS quantity,
                                   (SELECT COUNT(*) FROM (SELECT DISTINCT activity_date, COALESCE(activity_name, '') AS a
                                      FROM support_record e WHERE e.agency = r.agency AND e.category = r.category
                                        AND e.subject_id IS NOT NULL AND e.merged_into IS NULL
                                        AND e.activity_date BETWEEN ? AND ?) x) AS events
                            FROM support_record r
                            WHERE subject_id IS NOT NULL AND merged_into IS NULL AND activity_date BETWEEN ? AND ?
                            GROUP BY agency, category""")
                    .params(period.from(), period.to(), period.from(), period.to())
                    .query(rs -> {
                        Category c = Category.valueOf(rs.getString("category"));
                        BigDecimal value = new Statistics.Figures(
                                        rs.getLong("records"),
                                        rs.getLong("subjects"),
                                        rs.getLong("events"),
                                        rs.getBigDecimal("quantity").stripTrailingZeros())
                                .value(c);
                        expected.computeIfAbsent(rs.getString("agency"), k -> new TreeMap<>())
                                .put(c, value);
                    });
            assertThat(content.byAgency().figures().keySet()).as(label).containsExactlyElementsOf(expected.keySet());
            expected.forEach((agency, figures) ->
                    figures.forEach((c, value) -> assertThat(content.byAgency().figure(agency, c))
                            .as(label + " " + agency + " " + c)
                            .isEqualByComparingTo(value)));
        }
    }

    @Test
    void aPartnerWrittenAsAFormulaStaysText() throws Exception {
        List<Path> written = reports.writeStatistics(Period.parse("2024-06"), HOME.resolve("out-2024-06"), "zh");

        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertNoFormulas(wb);
            Sheet byAgency = wb.getSheet("按单位");
            Row row = byAgency.getRow(1);
            Cell agency = row.getCell(0);
            assertThat(agency.getCellType()).isEqualTo(CellType.STRING);
            assertThat(agency.getStringCellValue()).isEqualTo(FORMULA_AGENCY);
            assertThat(agency.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(byAgency.getRow(0).getCell(1).getStringCellValue()).isEqualTo("招聘会（次）");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1);
            assertThat(paragraph(wb.getSheet("汇总"))).isEqualTo("本月组织招聘会1次。");
        }
    }

    @Test
    void theEnglishWorkbookSpeaksEnglish() throws Exception {
        List<Path> written = reports.writeStatistics(Period.parse("2025"), HOME.resolve("out-en"), "en");

        try (XSSFWorkbook wb = new XSSFWorkbook(written.get(0).toFile())) {
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("Summary", "By agency", "By month");
            assertNoFormulas(wb);
            assertThat(rowsByFirstCell(wb.getSheet("Summary"))
                            .get("Investigation assessment")
                            .getCell(2)
                            .getNumericCellValue())
                    .isEqualTo(12);
            // English keeps the ISO month
            assertThat(wb.getSheet("By month").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("2025-01");
            assertThat(paragraph(wb.getSheet("Summary")))
                    .startsWith("Over the year we assisted 12 investigation assessments")
                    .endsWith("19 partner units took part.");
        }
    }

    @Test
    void anUnknownReportKindIsRefused() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = LujingCommand.run("report", "--home", HOME.toString(), "--period", "2025", "--kind", "budget");
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8))
                .contains("没有“budget”这种报表")
                .doesNotContain("not a report kind")
                .doesNotContain("\tat ");
    }

    /**
     * Two bar charts below the 按月 table and inside its print area: the person-times categories stacked, the others
     * clustered, one series per category with a figure, each its own colour, axes titled 月份 and 人次/数量.
     */
    private static void assertMonthCharts(XSSFWorkbook wb, XSSFSheet byMonth) {
        List<XSSFChart> charts = byMonth.getDrawingPatriarch().getCharts();
        assertThat(charts).hasSize(2);
        long nonZero =
                PilotTable.YEAR_2025.values().stream().filter(v -> v != 0).count();
        long personTimes = PilotTable.YEAR_2025.entrySet().stream()
                .filter(e -> e.getValue() != 0 && e.getKey().unit().equals("人次"))
                .count();
        String area = wb.getPrintArea(wb.getSheetIndex(byMonth));
        assertThat(area).as("print area of 按月").isNotNull();
        CellRangeAddress printed = CellRangeAddress.valueOf(area.substring(area.indexOf('!') + 1));
        List<XSSFClientAnchor> anchors = new java.util.ArrayList<>();
        for (var shape : byMonth.getDrawingPatriarch().getShapes()) {
            anchors.add((XSSFClientAnchor) shape.getAnchor());
        }
        assertThat(anchors).hasSize(2);
        int series = 0;
        for (int n = 0; n < charts.size(); n++) {
            XSSFChart chart = charts.get(n);
            XDDFBarChartData data = (XDDFBarChartData) chart.getChartSeries().get(0);
            assertThat(data.getBarGrouping()).isEqualTo(n == 0 ? BarGrouping.STACKED : BarGrouping.CLUSTERED);
            assertThat(data.getSeriesCount()).isEqualTo((int) (n == 0 ? personTimes : nonZero - personTimes));
            series += data.getSeriesCount();
            Set<String> colours = new HashSet<>();
            for (int i = 0; i < data.getSeriesCount(); i++) {
                XDDFSolidFillProperties fill = (XDDFSolidFillProperties)
                        data.getSeries(i).getShapeProperties().getFillProperties();
                colours.add(java.util.HexFormat.of().formatHex(((XDDFColorRgbBinary) fill.getColor()).getValue()));
            }
            assertThat(colours).as("one colour per series").hasSize(data.getSeriesCount());
            String xml = chart.getCTChart().xmlText();
            assertThat(xml).contains("月份").contains(n == 0 ? "人次" : "数量");
            XSSFClientAnchor anchor = anchors.get(n);
            assertThat(anchor.getRow1()).as("below the table").isGreaterThan(byMonth.getLastRowNum());
            assertThat(anchor.getRow2()).as("inside the print area").isLessThanOrEqualTo(printed.getLastRow());
            assertThat(anchor.getCol2() - 1).isLessThanOrEqualTo(printed.getLastColumn());
        }
        assertThat(series).isEqualTo((int) nonZero);
        assertThat(byMonth.getPrintSetup().getFitHeight())
                .as("table and charts on one page")
                .isEqualTo((short) 1);
    }

    private static void assertNoFormulas(XSSFWorkbook wb) {
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType())
                            .as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    private static Map<String, Row> rowsByFirstCell(Sheet sheet) {
        Map<String, Row> out = new HashMap<>();
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING) {
                out.putIfAbsent(first.getStringCellValue(), row);
            }
        }
        return out;
    }

    /** The situation paragraph: the row after the 情况说明/Situation report heading. */
    private static String paragraph(Sheet sheet) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null
                    && first.getCellType() == CellType.STRING
                    && (first.getStringCellValue().equals("情况说明")
                            || first.getStringCellValue().equals("Situation report"))) {
                return sheet.getRow(row.getRowNum() + 1).getCell(0).getStringCellValue();
            }
        }
        throw new AssertionError("no situation paragraph in " + sheet.getSheetName());
    }

    /** Header text → sum of the numbers below it. */
    private static Map<String, Double> columnSums(Sheet sheet) {
        Row head = sheet.getRow(0);
        Map<String, Double> out = new HashMap<>();
        for (int col = 1; col < head.getLastCellNum(); col++) {
            double sum = 0;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                var cell = row == null ? null : row.getCell(col);
                // the note beneath the table has no figures
                if (cell != null) {
                    sum += cell.getNumericCellValue();
                }
            }
            out.put(head.getCell(col).getStringCellValue(), sum);
        }
        return out;
    }
}
