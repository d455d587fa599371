package org.lujing.report;

import java.time.LocalDate;
import org.lujing.ledger.Period;

/**
 * Who made a report and when, as the office heads its statistics tables: the community in the title, the issuing
 * unit (制表单位) and the date made (制表日期). Settings {@code lujing.report.community} and {@code lujing.report.issuer}.
 */
public record ReportHeading(String community, String issuer, LocalDate made, long loadingFiles) {

    /** A heading made while no file was being loaded. */
    public ReportHeading(String community, String issuer, LocalDate made) {
        this(community, issuer, made, 0);
    }

    /**
     * The line a report made while files were being loaded carries under its period: their rows so far are in, the
     * rest not — null when none was. A night's reports made beside a file a dead node left half published read as
     * the night's figures.
     */
    String loadingLine(ReportLanguage lang) {
        return loadingFiles == 0
                ? null
                : lang.pick(
                        "注意：制表时有 " + loadingFiles + " 个文件正在入库，只计入了已写入的行；入库完成后请重新生成本表。",
                        "Note: " + loadingFiles + " file(s) were being loaded when this was made; only the rows"
                                + " written by then count. Make it again once they are done.");
    }

    /** The title: 麓景社区2025年度社区矫正帮扶工作统计, or the period's own words for a quarter, a month or a span. */
    String title(Period period, ReportLanguage lang) {
        return lang.pick(
                community + periodWords(period) + "社区矫正帮扶工作统计",
                community + " community correction support statistics, " + period.from() + " to " + period.to());
    }

    String madeBy(ReportLanguage lang) {
        return lang.pick("制表单位：" + issuer + "    制表日期：" + chinese(made), "Made by " + issuer + " on " + made);
    }

    /**
     * The period line under the title: 统计期间 2025年第1季度（2025年1月1日至2025年3月31日），仅计入名册内人员 — the
     * period in words, as the title has it, not its code (2025-Q1 stays the English line's and {@code --json}'s).
     */
    static String periodLine(Period p, ReportLanguage lang) {
        return periodLine(p, lang, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
    }

    /** The same as on {@code today}: a period not begun yet says so, not only "no records". */
    static String periodLine(Period p, ReportLanguage lang, LocalDate today) {
        String words = periodWords(p);
        String span = chinese(p.from()) + "至" + chinese(p.to());
        boolean ahead = p.from().isAfter(today);
        return lang.pick(
                "统计期间 " + words
                        + (words.equals(span) ? (ahead ? "（尚未开始）" : "") : "（" + span + (ahead ? "，尚未开始" : "") + "）")
                        + "，仅计入名册内人员",
                "Period " + p.label() + " (" + p.from() + " to " + p.to() + (ahead ? ", not begun yet" : "")
                        + "), people on the roster only");
    }

    static String periodWords(Period p) {
        String label = p.label();
        String words;
        if (label.matches("\\d{4}")) {
            words = label + "年度";
        } else if (label.matches("\\d{4}-Q[1-4]")) {
            words = label.substring(0, 4) + "年第" + label.charAt(6) + "季度";
        } else if (label.matches("\\d{4}-\\d{2}")) {
            words = label.substring(0, 4) + "年" + Integer.parseInt(label.substring(5)) + "月";
        } else if (label.matches("\\d{4}-\\d{2}\\.\\.\\d{4}-\\d{2}")) {
            // a range of months: 2025年3月至6月, 2025年12月至2026年2月
            String to = (label.substring(9, 13).equals(label.substring(0, 4)) ? "" : label.substring(9, 13) + "年")
                    + Integer.parseInt(label.substring(14)) + "月";
            return label.substring(0, 4) + "年" + Integer.parseInt(label.substring(5, 7)) + "月至" + to;
        } else {
            return chinese(p.from()) + "至" + chinese(p.to());
        }
        // a year, quarter or month cut short (the nightly year-to-date figures) says where it stops
        return Period.parse(label).to().equals(p.to())
                ? words
                : words + "（截至" + p.to().getMonthValue() + "月" + p.to().getDayOfMonth() + "日）";
    }

    static String chinese(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
