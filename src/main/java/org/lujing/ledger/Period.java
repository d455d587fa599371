package org.lujing.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a year ({@code 2025}), month ({@code 2025-11}), quarter ({@code 2025-Q3}), range of days
 * ({@code 2025-03-01..2025-06-30}) or of months ({@code 2025-03..2025-06}, first day to last). As a worker writes them
 * in Chinese too: {@code 2025年}, {@code 2025年3月}, {@code 2025年第3季度}, {@code 2025年3月至6月}, {@code 2025年3月1日至6月30日}
 * and the like — the label is always the plain form, which names report folders.
 */
public record Period(String label, LocalDate from, LocalDate to) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern MONTHS = Pattern.compile("(\\d{4})-(\\d{1,2})\\.\\.(\\d{4})-(\\d{1,2})");
    /** 2025年 · 2025年3月 · 2025年第3季度 (第 and 度 optional) · 2025年3月1日, each side of a range (至, 到, -, ~ or ..). */
    private static final Pattern CHINESE_YEAR = Pattern.compile("(\\d{4})年(度)?");

    private static final Pattern WRONG_QUARTER = Pattern.compile("\\d{4}-[Qq]\\d+");
    private static final Pattern WRONG_CHINESE_QUARTER = Pattern.compile("\\d{4}年第?\\d+季度?");
    private static final Pattern CHINESE_QUARTER = Pattern.compile("(\\d{4})年第?([1-4一二三四])季度?");
    private static final Pattern CHINESE_DAY = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号])?(份)?");
    private static final Pattern CHINESE_RANGE = Pattern.compile("(.+?)\\s*(?:至|到|～|~|－|—|\\.\\.)\\s*(.+)");

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "时期 " + label + " 的结束早于开始" + Bilingual.SEPARATOR + "period " + label + " ends before it starts");
        }
    }

    /**
     * The label when it says exactly these days, else the days themselves ({@code 2025-01-01..2025-06-15}): a night's
     * year-to-date statistics are filed under their year, but a reader of their JSON must not take them for the year.
     */
    public String exactLabel() {
        try {
            Period said = read(label);
            if (said != null && said.from().equals(from) && said.to().equals(to)) {
                return label;
            }
        } catch (RuntimeException notAPeriod) {
            // a label no period is written as says nothing of the days
        }
        return from + ".." + to;
    }

    /** A period as an operator types it; one outside the years 1900–2999 ("0000") is a slip, refused. */
    public static Period parse(String text) {
        Period p = read(text);
        if (p.from().getYear() < 1900 || p.to().getYear() > 2999) {
            throw new IllegalArgumentException("时期 " + p.label() + " 不在 1900–2999 年之间" + Bilingual.SEPARATOR + "period "
                    + p.label() + " is not between the years 1900 and 2999");
        }
        return p;
    }

    private static Period read(String text) {
        String t = plain(
                halfWidth(text == null ? "" : text.strip().replace(" ", "").replace("\u3000", "")));
        try {
            Matcher m;
            if ((m = YEAR.matcher(t)).matches()) {
                int y = Integer.parseInt(m.group(1));
                return new Period(t, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                int y = Integer.parseInt(m.group(1));
                int q = Integer.parseInt(m.group(2));
                LocalDate from = LocalDate.of(y, (q - 1) * 3 + 1, 1);
                return new Period(y + "-Q" + q, from, from.plusMonths(3).minusDays(1));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new Period(ym.toString(), ym.atDay(1), ym.atEndOfMonth());
            }
            if ((m = RANGE.matcher(t)).matches()) {
                return new Period(t, LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
            }
            if ((m = MONTHS.matcher(t)).matches()) {
                YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                YearMonth last = YearMonth.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                return new Period(first + ".." + last, first.atDay(1), last.atEndOfMonth());
            }
        } catch (java.time.DateTimeException e) {
            // no cause attached: the operator reads this sentence, not java.time's
            throw new IllegalArgumentException("不是有效的时期：“" + text + "”（日期或月份不存在）" + Bilingual.SEPARATOR
                    + "not a valid period: '" + text + "' (" + e.getMessage() + ")");
        }
        if (WRONG_QUARTER.matcher(t).matches()
                || WRONG_CHINESE_QUARTER.matcher(t).matches()) {
            // a quarter past the fourth: say what a quarter is, not only what a period looks like
            throw new IllegalArgumentException("不是有效的时期：“" + text + "”（季度只有第 1 至第 4 季度）" + Bilingual.SEPARATOR
                    + "not a valid period: '" + text + "' (a quarter is 1 to 4)");
        }
        throw new IllegalArgumentException(
                "不是时期：“" + text + "”；请写 2025、2025-11、2025-Q3、2025-03..2025-06 或 2025-03-01..2025-06-30（也可写"
                        + " 2025年、2025年11月、2025年第3季度、2025年3月至6月）" + Bilingual.SEPARATOR + "not a period: '" + text
                        + "'; use 2025, 2025-11, 2025-Q3, 2025-03..2025-06 or 2025-03-01..2025-06-30");
    }

    /**
     * A period written the Chinese way, as the plain form {@link #read} knows ({@code 2025年3月至6月} as
     * {@code 2025-03..2025-06}); anything else as it was.
     */
    /** Full-width digits, letters and dots as a Chinese input method types them (２０２５－Ｑ３) in their plain form. */
    private static String halfWidth(String t) {
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            out.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c);
        }
        return out.toString();
    }

    private static String plain(String t) {
        if (!t.contains("年") && !t.contains("月")) {
            return t;
        }
        Matcher m;
        if ((m = CHINESE_YEAR.matcher(t)).matches()) {
            return m.group(1);
        }
        if ((m = CHINESE_QUARTER.matcher(t)).matches()) {
            return m.group(1) + "-Q" + ("一二三四".indexOf(m.group(2)) >= 0 ? "一二三四".indexOf(m.group(2)) + 1 : m.group(2));
        }
        String[] one = side(t, null);
        if (one != null) {
            return one[1] == null ? one[0] : one[0] + ".." + one[1];
        }
        if ((m = CHINESE_RANGE.matcher(t)).matches()) {
            String[] from = side(m.group(1), null);
            if (from != null) {
                String[] to = side(m.group(2), from[0].substring(0, 4));
                // both sides to the day, or both to the month: a month and a day mixed is no period named here
                if (to != null && (from[1] == null) == (to[1] == null) && from[0].length() == to[0].length()) {
                    return from[1] == null ? from[0] + ".." + to[0] : from[0] + ".." + to[1];
                }
            }
        }
        return t;
    }

    /**
     * One side: {@code 2025年3月} as {"2025-03", null}, {@code 2025年3月1日} as {"2025-03-01", "2025-03-01"} (a day is
     * its own range); a side without its year takes {@code year} (the range's first side's); null when not one.
     */
    private static String[] side(String t, String year) {
        Matcher m = CHINESE_DAY.matcher(t);
        if (!m.matches() || (m.group(1) == null && year == null) || (m.group(3) != null && m.group(4) != null)) {
            return null;
        }
        String y = m.group(1) != null ? m.group(1) : year;
        String month = y + "-" + String.format("%02d", Integer.parseInt(m.group(2)));
        if (m.group(3) == null) {
            return new String[] {month, null};
        }
        String day = month + "-" + String.format("%02d", Integer.parseInt(m.group(3)));
        return new String[] {day, day};
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
