package org.lujing.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lujing.ledger.Category;
import org.lujing.ledger.Statistics;

/** Renders {@link Statistics}: the table people read (Chinese unless asked otherwise), and the stable JSON shape other tools read. */
public final class StatisticsFormatter {

    private StatisticsFormatter() {}

    /** The {@code stats --json} object: period, stats per category (every category, zeros included), pending lines. */
    /**
     * The statistics report's JSON: {@link #json(Statistics)}'s figures, then the workbook's other two sheets —
     * {@code byAgency} (agency → category code → value in the category's unit) and {@code byMonth} ({@code 2025-03}
     * → the same) — each category a key only where its value is not zero. A value counting distinct persons or events
     * is that agency's or month's own: they do not add up to the period's.
     */
    public static Map<String, Object> json(StatisticsWorkbookWriter.Content content) {
        Map<String, Object> out = json(content.statistics());
        Map<String, Object> byAgency = new LinkedHashMap<>();
        content.byAgency().figures().forEach((agency, figures) -> byAgency.put(agency, values(figures)));
        Map<String, Object> byMonth = new LinkedHashMap<>();
        content.byMonth().figures().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byMonth.put(e.getKey().toString(), values(e.getValue())));
        out.put("byAgency", byAgency);
        out.put("byMonth", byMonth);
        return out;
    }

    private static Map<String, Object> values(Map<org.lujing.ledger.Category, java.math.BigDecimal> figures) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (org.lujing.ledger.Category c : org.lujing.ledger.Category.values()) {
            java.math.BigDecimal v = figures.get(c);
            if (v != null && v.signum() != 0) {
                m.put(c.name(), plain(v));
            }
        }
        return m;
    }

    public static Map<String, Object> json(Statistics s) {
        Map<String, Object> stats = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            Statistics.Figures f = s.figures(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("records", f.records());
            m.put("subjects", f.subjects());
            m.put("events", f.events());
            m.put("quantity", plain(f.quantity()));
            m.put("value", plain(f.value(c)));
            stats.put(c.name(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        // the days counted: a night's year-to-date figures are not the year's
        out.put("period", s.period().exactLabel());
        out.put("from", s.period().from().toString());
        out.put("to", s.period().to().toString());
        out.put("stats", stats);
        out.put("pendingRecords", s.pendingRecords());
        out.put("pendingSubjects", s.pendingSubjects());
        out.put("partnerUnits", s.partnerUnits());
        return out;
    }

    /**
     * The statistics table in the reader's language with units: categories with a figure, in taxonomy order, then
     * the partner units and the pending records.
     */
    /**
     * The figures as {@code stats --json} and {@code /api/stats} give them, with {@code loadingFiles}: how many files
     * are being loaded, whose rows so far already count — the figures are final when it is 0.
     */
    public static Map<String, Object> json(Statistics s, long loadingFiles) {
        Map<String, Object> out = json(s);
        out.put("loadingFiles", loadingFiles);
        return out;
    }

    /** The line under the table when files are being loaded, else empty. */
    public static String loadingLine(long loadingFiles, ReportLanguage lang) {
        return loadingFiles == 0
                ? ""
                : lang.pick(
                        "\n注意：正在入库 " + loadingFiles + " 个文件，已写入的行已计入，数字会随入库增加，全部完成后才是定数。\n",
                        "\nNote: " + loadingFiles + " file(s) are being loaded; the rows written so far count, and the"
                                + " figures grow until they are done.\n");
    }

    public static String table(Statistics s, ReportLanguage lang) {
        TextTable t = new TextTable(
                lang.pick("类别", "category"),
                lang.pick("数值", "value"),
                lang.pick("单位", "unit"),
                lang.pick("人数", "persons"),
                lang.pick("人次", "records"));
        boolean none = true;
        for (Category c : Category.values()) {
            Statistics.Figures f = s.figures(c);
            if (f.records() == 0) {
                continue;
            }
            none = false;
            t.row(
                    lang.category(c),
                    plain(f.value(c)).toString(),
                    lang.unit(c),
                    Long.toString(f.subjects()),
                    Long.toString(f.records()));
        }
        StringBuilder out = new StringBuilder();
        out.append(ReportHeading.periodLine(s.period(), lang)).append("\n\n");
        out.append(none ? lang.pick("本期间没有计入的记录。\n", "No record counts in this period.\n") : t.render());
        out.append(lang.pick("\n合作单位：", "\npartner units: "))
                .append(s.partnerUnits())
                .append(lang.pick(" 家\n", "\n"));
        out.append(lang.pick("待识别（不在名册，未计入）：", "pending (not on the roster, not counted): "))
                .append(s.pendingRecords())
                .append(lang.pick(" 条记录，涉及 ", " record(s) of "))
                .append(s.pendingSubjects())
                .append(lang.pick(" 人\n", " person(s)\n"));
        return out.toString();
    }

    static Number plain(BigDecimal v) {
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigInteger();
        }
        return stripped;
    }
}
