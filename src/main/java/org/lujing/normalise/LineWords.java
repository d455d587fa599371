package org.lujing.normalise;

import java.util.List;

/**
 * The words that open a line of a partner's sheet that is no person's row: a total (合计：25人次), a sign-off
 * (填表人：王五, 填报单位（盖章）), or a page's foot (打印日期, 第 1 页). The normaliser skips totals and sign-offs; the
 * reader never takes any of them for the title of a table below.
 */
public final class LineWords {

    private LineWords() {}

    /** A total row's first words, compared after folding (full-width, spaces out). */
    static final List<String> TOTAL = List.of("合计", "总计", "小计", "共计");

    /** A sign-off line's, compared the same way. */
    static final List<String> SIGN_OFF =
            List.of("填表人", "审核人", "制表人", "填报人", "负责人", "经办人", "单位负责人", "填报单位", "填报日期", "制表日期", "单位(盖章)");

    /** A page's foot or a note's, never a title: 打印日期：2026年1月5日, 第1页, 注：本表…, 本页小计. */
    static final List<String> FOOT = List.of("打印", "第", "注", "备注", "说明", "本页", "页", "共");

    /** "total", "sign-off" or null: what a cell's text marks its row as, by its first words. */
    public static String kind(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.charAt(0) < 0x80) {
            return null; // an ID number, a date, a count: no total or sign-off word begins with ASCII
        }
        String folded = TextFolding.fold(stripped);
        if (TOTAL.stream().anyMatch(folded::startsWith)) {
            return "total";
        }
        return SIGN_OFF.stream().anyMatch(folded::startsWith) ? "sign-off" : null;
    }

    /** Whether a line opens as a total, a sign-off or a page's foot does. */
    public static boolean endsAPage(String text) {
        if (kind(text) != null) {
            return true;
        }
        String folded = TextFolding.fold(text == null ? "" : text.strip());
        return FOOT.stream().anyMatch(folded::startsWith);
    }
}
