package org.lujing.normalise;

import java.util.List;

/**
 * The words that open a line of a partner's sheet that is no person's row: a total (合计：25人次), a sign-off
 * (填表人：王五, 填报单位（盖章）), or a printed page's foot (打印日期, 第 1 页，共 2 页, 本页小计). The normaliser skips
 * them (a page's foot as a sign-off: it declares no total); the reader never takes any of them, nor a note (注：…),
 * for the title of a table below.
 */
public final class LineWords {

    private LineWords() {}

    /** A total row's first words, compared after folding (full-width, spaces out). */
    static final List<String> TOTAL = List.of("合计", "总计", "小计", "共计");

    /** A sign-off line's, compared the same way. */
    static final List<String> SIGN_OFF =
            List.of("填表人", "审核人", "制表人", "填报人", "负责人", "经办人", "单位负责人", "填报单位", "填报日期", "制表日期", "单位(盖章)");

    /**
     * A printed page's foot, skipped as a sign-off is: 打印日期：2026年1月5日, 本页小计：2人次 (a page's count, not the
     * table's: it declares no total).
     */
    static final List<String> PAGE_FOOT = List.of("打印日期", "打印时间", "打印人", "本页小计", "本页合计");

    /** 第 1 页，共 2 页; 第1页/共3页. */
    private static final java.util.regex.Pattern PAGE_NUMBER = java.util.regex.Pattern.compile("^第\\d+页");

    /** What opens a page's foot or a note, never a title: 打印…, 第 1 页, 注：本表…, 本页…, 共 2 页. */
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
        return SIGN_OFF.stream().anyMatch(folded::startsWith)
                        || PAGE_FOOT.stream().anyMatch(folded::startsWith)
                        || PAGE_NUMBER.matcher(folded).find()
                ? "sign-off"
                : null;
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
