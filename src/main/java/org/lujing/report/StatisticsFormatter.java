package org.lujing.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lujing.ledger.Category;
import org.lujing.ledger.Statistics;

/** Renders {@link Statistics}: the Chinese table people read, and the stable JSON shape other tools read. */
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
        out.put("period", s.period().label());
        out.put("from", s.period().from().toString());
        out.put("to", s.period().to().toString());
        out.put("stats", stats);
        out.put("pendingRecords", s.pendingRecords());
        out.put("pendingSubjects", s.pendingSubjects());
        out.put("partnerUnits", s.partnerUnits());
        return out;
    }

    /** The statistics table in Chinese with units: categories with a figure, in taxonomy order, then pending. */
    public static String table(Statistics s) {
        TextTable t = new TextTable("类别", "数值", "单位", "人数", "人次");
        for (Category c : Category.values()) {
            Statistics.Figures f = s.figures(c);
            if (f.records() == 0) {
                continue;
            }
            t.row(
                    c.zh(),
                    plain(f.value(c)).toString(),
                    c.unit(),
                    Long.toString(f.subjects()),
                    Long.toString(f.records()));
        }
        StringBuilder out = new StringBuilder();
        out.append("统计期间 ")
                .append(s.period().label())
                .append("（")
                .append(s.period().from())
                .append(" 至 ")
                .append(s.period().to())
                .append("），仅计入名册内人员\n\n");
        out.append(t.render());
        out.append("\n合作单位：").append(s.partnerUnits()).append(" 家\n");
        out.append("待识别（不在名册，未计入）：")
                .append(s.pendingRecords())
                .append(" 条记录，涉及 ")
                .append(s.pendingSubjects())
                .append(" 人\n");
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
