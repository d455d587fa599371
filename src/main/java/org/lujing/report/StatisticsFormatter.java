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
        out.append(lang.pick("统计期间 ", "Period "))
                .append(s.period().label())
                .append(lang.pick("（", " ("))
                .append(s.period().from())
                .append(lang.pick(" 至 ", " to "))
                .append(s.period().to())
                .append(lang.pick("），仅计入名册内人员\n\n", "), people on the roster only\n\n"));
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
