package org.lujing.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lujing.files.PrivateFiles;
import org.lujing.ledger.Category;
import org.lujing.ledger.Statistics;

/**
 * Writes the statistics workbook of a period with SXSSF: 汇总 (figures, pending and partner lines, the situation
 * paragraph), 按单位 (agency × category), 按月 (month × category with native bar charts below the table, on the same printed page). Every text goes in as
 * a quote-prefixed string cell, so a partner's agency written as {@code =HYPERLINK(...)} is never a live formula.
 */
public final class StatisticsWorkbookWriter {

    /** What goes into the workbook: the period's figures and their breakdowns. */
    public record Content(
            Statistics statistics,
            StatisticsBreakdownQuery.Breakdown<String> byAgency,
            StatisticsBreakdownQuery.Breakdown<YearMonth> byMonth) {}

    static final int WINDOW = 100;

    private StatisticsWorkbookWriter() {}

    public static String summarySheet(ReportLanguage lang) {
        return lang.pick("汇总", "Summary");
    }

    public static String agencySheet(ReportLanguage lang) {
        return lang.pick("按单位", "By agency");
    }

    public static String monthSheet(ReportLanguage lang) {
        return lang.pick("按月", "By month");
    }

    public static void write(Content content, ReportLanguage lang, ReportHeading heading, Path file)
            throws IOException {
        // written beside the target and moved in, so a reader never opens half a workbook
        PrivateFiles.write(file, out -> write(content, lang, heading, out));
        org.lujing.home.PrivateFolders.restrictFile(file);
    }

    public static void write(Content content, ReportLanguage lang, ReportHeading heading, OutputStream out)
            throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        try {
            SafeCells cells = new SafeCells(wb);
            summary(wb, cells, content.statistics(), lang, heading);
            byAgency(wb, cells, content, lang);
            byMonth(wb, cells, content, lang);
            PrintLayout.apply(wb, lang.pick("帮扶工作统计", "Support statistics"), lang);
            // after the layout, whose autofilter spans a sheet's rows so far: a note inside it sorted in among the
            // agencies
            notes(wb, cells, content, lang);
            // 汇总 is handed on as one page; 按月's table and its charts belong on one page together
            wb.getSheet(summarySheet(lang)).getPrintSetup().setFitHeight((short) 1);
            wb.getSheet(monthSheet(lang)).getPrintSetup().setFitHeight((short) 1);
            wb.write(out);
        } finally {
            wb.close();
            wb.dispose();
        }
    }

    private static void summary(
            SXSSFWorkbook wb, SafeCells cells, Statistics s, ReportLanguage lang, ReportHeading heading) {
        Sheet sheet = wb.createSheet(summarySheet(lang));
        int r = 0;
        // the office's own heading: what the table is, who made it and when
        Row title = sheet.createRow(r);
        title.setHeightInPoints(24);
        cells.text(title, 0, heading.title(s.period(), lang), cells.bold);
        sheet.addMergedRegion(new CellRangeAddress(r, r, 0, 4));
        r++;
        cells.text(sheet.createRow(r++), 0, heading.madeBy(lang), null);
        cells.text(sheet.createRow(r++), 0, ReportHeading.periodLine(s.period(), lang), cells.bold);
        String loading = heading.loadingLine(lang);
        if (loading != null) {
            // in the blank row above the table
            cells.text(sheet.createRow(r), 0, loading, cells.bold);
        }
        r++;
        Row columns = sheet.createRow(r++);
        header(cells, columns, lang.pick("类别", "Category"), lang.pick("单位", "Unit"));
        // the figures' headers stand right-aligned over their right-aligned numbers
        cells.text(columns, 2, lang.pick("数值", "Figure"), cells.headNumber);
        cells.text(columns, 3, lang.pick("人数", "Persons"), cells.headNumber);
        cells.text(columns, 4, lang.pick("人次", "Person-times"), cells.headNumber);
        // every category of the taxonomy, zeros included: a superior reads the whole table, not what happened
        for (Category c : Category.values()) {
            Statistics.Figures f = s.figures(c);
            Row row = sheet.createRow(r++);
            cells.text(row, 0, lang.category(c));
            cells.text(row, 1, lang.unit(c));
            cells.number(row, 2, f.value(c));
            cells.number(row, 3, BigDecimal.valueOf(f.subjects()));
            cells.number(row, 4, BigDecimal.valueOf(f.records()));
        }
        r++;
        Row pending = sheet.createRow(r++);
        cells.text(pending, 0, lang.pick("待识别（不在名册，未计入）", "Pending identification (not on the roster, not counted)"));
        cells.text(pending, 1, lang.pick("条记录", "records"));
        cells.number(pending, 2, BigDecimal.valueOf(s.pendingRecords()));
        cells.number(pending, 3, BigDecimal.valueOf(s.pendingSubjects()));
        cells.blank(pending, 4);
        Row partners = sheet.createRow(r++);
        cells.text(partners, 0, lang.pick("合作单位", "Partner units"));
        cells.text(partners, 1, lang.pick("家", "units"));
        cells.number(partners, 2, BigDecimal.valueOf(s.partnerUnits()));
        cells.blank(partners, 3);
        cells.blank(partners, 4);
        r++;
        cells.text(sheet.createRow(r++), 0, lang.pick("情况说明", "Situation report"), cells.bold);
        Row paragraph = sheet.createRow(r);
        paragraph.setHeightInPoints(90);
        cells.text(paragraph, 0, SituationReport.write(s, lang), cells.wrapped);
        sheet.addMergedRegion(new CellRangeAddress(r, r, 0, 4));
        sheet.setColumnWidth(0, 36 * 256);
        for (int i = 1; i <= 4; i++) {
            sheet.setColumnWidth(i, 12 * 256);
        }
    }

    private static void byAgency(SXSSFWorkbook wb, SafeCells cells, Content content, ReportLanguage lang) {
        Sheet sheet = wb.createSheet(agencySheet(lang));
        List<Category> columns = shown(content.statistics());
        List<String> headers = new ArrayList<>();
        for (Category c : columns) {
            headers.add(lang.category(c) + lang.pick("（", " (") + lang.unit(c) + lang.pick("）", ")"));
        }
        tableHeader(sheet, cells, lang.pick("单位", "Agency"), 36, headers);
        int r = 1;
        for (Map.Entry<String, Map<Category, BigDecimal>> e :
                content.byAgency().figures().entrySet()) {
            Row row = sheet.createRow(r++);
            cells.text(row, 0, e.getKey());
            for (int i = 0; i < columns.size(); i++) {
                cells.number(row, i + 1, e.getValue().getOrDefault(columns.get(i), BigDecimal.ZERO));
            }
        }
        sheet.createFreezePane(1, 1);
    }

    /**
     * The notes under 按单位's and 按月's tables (see {@link #distinctNote}): 按单位's after a blank row, 按月's in the
     * blank row between its table and its charts.
     */
    private static void notes(SXSSFWorkbook wb, SafeCells cells, Content content, ReportLanguage lang) {
        List<Category> columns = shown(content.statistics());
        String agencies = distinctNote(columns, false, lang);
        if (agencies != null) {
            cells.text(
                    wb.getSheet(agencySheet(lang))
                            .createRow(content.byAgency().figures().size() + 2),
                    0,
                    agencies);
        }
        String months = distinctNote(columns, true, lang);
        if (months != null) {
            cells.text(
                    wb.getSheet(monthSheet(lang))
                            .createRow(content.byMonth().figures().size() + 1),
                    0,
                    months);
        }
    }

    /**
     * Why a column of persons counted once (矫正小组, 就业安置) may add up to more than the summary: one person in
     * several months (agencies) counts in each. Null when the sheet has no such column. A worker summing a column
     * took the report for wrong.
     */
    static String distinctNote(List<Category> columns, boolean months, ReportLanguage lang) {
        List<String> names = columns.stream()
                .filter(c -> c.countingRule() == org.lujing.ledger.CountingRule.SUBJECTS)
                .map(lang::category)
                .toList();
        if (names.isEmpty()) {
            return null;
        }
        return lang.pick(
                "注：" + String.join("、", names) + "按不重复的人数计，同一人在几个" + (months ? "月份" : "单位") + "都有记录时各计一次，"
                        + (months ? "各月" : "各单位") + "相加可能多于汇总表。",
                "Note: " + String.join(", ", names) + " count each person once; a person with records in several "
                        + (months ? "months" : "agencies") + " counts in each, so the rows may add up to more than"
                        + " the summary.");
    }

    private static void byMonth(SXSSFWorkbook wb, SafeCells cells, Content content, ReportLanguage lang) {
        String name = monthSheet(lang);
        Sheet sheet = wb.createSheet(name);
        List<Category> columns = shown(content.statistics());
        List<String> headers = new ArrayList<>();
        for (Category c : columns) {
            headers.add(lang.category(c));
        }
        tableHeader(sheet, cells, lang.pick("月份", "Month"), 10, headers);
        List<YearMonth> months = new ArrayList<>(content.byMonth().figures().keySet());
        boolean oneYear = months.stream().map(YearMonth::getYear).distinct().count() <= 1;
        for (int m = 0; m < months.size(); m++) {
            Row row = sheet.createRow(m + 1);
            cells.text(
                    row,
                    0,
                    monthLabel(months.get(m), oneYear, content.statistics().period(), lang));
            for (int i = 0; i < columns.size(); i++) {
                cells.number(row, i + 1, content.byMonth().figure(months.get(m), columns.get(i)));
            }
        }
        sheet.createFreezePane(1, 1);
        if (!columns.isEmpty() && !months.isEmpty()) {
            // below the table, at least ten columns wide however few categories the period has
            int width = Math.max(columns.size() + 1, 10);
            // SXSSFDrawing cannot make charts; the drawing of the backing XSSFSheet can, and SXSSF keeps it
            int bottom = MonthChart.draw(
                    wb.getXSSFWorkbook().getSheet(name).createDrawingPatriarch(),
                    columns,
                    months.size(),
                    lang,
                    months.size() + 2,
                    width);
            // the print area holds the charts too, so they print on the table's page
            wb.setPrintArea(wb.getSheetIndex(sheet), 0, width - 1, 0, bottom);
        }
    }

    /**
     * A month as the office writes it: 1月 within one year, 2025年12月 when the period spans two (a range from
     * November to February); 2025-01 in English. The chart's axis reads these cells.
     */
    static String monthLabel(YearMonth month, boolean oneYear, ReportLanguage lang) {
        String zh = (oneYear ? "" : month.getYear() + "年") + month.getMonthValue() + "月";
        return lang.pick(zh, month.toString());
    }

    /**
     * The same for a month the period cuts (a range from 15 February to 10 May): which days of it count, 2月（15日起）,
     * 5月（至10日）, 2月（15日至20日） — labelled as the whole month, its figures read as the month's.
     */
    static String monthLabel(YearMonth month, boolean oneYear, org.lujing.ledger.Period period, ReportLanguage lang) {
        String whole = monthLabel(month, oneYear, lang);
        int first = month.equals(YearMonth.from(period.from())) ? period.from().getDayOfMonth() : 1;
        int last = month.equals(YearMonth.from(period.to())) ? period.to().getDayOfMonth() : month.lengthOfMonth();
        if (first == 1 && last == month.lengthOfMonth()) {
            return whole;
        }
        String zh = first == 1
                ? "至" + last + "日"
                : last == month.lengthOfMonth() ? first + "日起" : first + "日至" + last + "日";
        return whole + lang.pick("（" + zh + "）", " (" + first + "–" + last + ")");
    }

    /**
     * A table's header row: the first column's label and width, then one column per label, each as wide as its
     * label needs up to 14 characters, a longer label wrapping onto a second or third line (never clipped).
     */
    private static void tableHeader(Sheet sheet, SafeCells cells, String first, int firstWidth, List<String> labels) {
        Row head = sheet.createRow(0);
        cells.text(head, 0, first, cells.headWrapped);
        sheet.setColumnWidth(0, firstWidth * 256);
        int lines = 1;
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            int need = ColumnSheet.displayWidth(label);
            int width = Math.max(9, Math.min(14, need + 2));
            cells.text(head, i + 1, label, cells.headWrapped);
            sheet.setColumnWidth(i + 1, width * 256);
            lines = Math.max(lines, (need + width - 3) / (width - 2));
        }
        head.setHeightInPoints(16f * lines + 4);
    }

    /** The categories a period has counted records in (taxonomy order); the others would be columns of zeros. */
    static List<Category> shown(Statistics s) {
        List<Category> out = new ArrayList<>();
        for (Category c : Category.values()) {
            if (s.figures(c).value(c).signum() != 0) {
                out.add(c);
            }
        }
        return out;
    }

    private static void header(SafeCells cells, Row row, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            cells.text(row, i, labels[i], cells.head);
        }
    }
}
