package org.lujing.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: a year ({@code 2025}), month ({@code 2025-11}), quarter ({@code 2025-Q3}) or range ({@code 2025-03-01..2025-06-30}). */
public record Period(String label, LocalDate from, LocalDate to) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "时期 " + label + " 的结束早于开始" + Bilingual.SEPARATOR + "period " + label + " ends before it starts");
        }
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
        String t = text == null ? "" : text.strip();
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
        } catch (java.time.DateTimeException e) {
            // no cause attached: the operator reads this sentence, not java.time's
            throw new IllegalArgumentException("不是有效的时期：“" + text + "”（日期或月份不存在）" + Bilingual.SEPARATOR
                    + "not a valid period: '" + text + "' (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(
                "不是时期：“" + text + "”；请写 2025、2025-11、2025-Q3 或 2025-03-01..2025-06-30" + Bilingual.SEPARATOR
                        + "not a period: '" + text + "'; use 2025, 2025-11, 2025-Q3 or 2025-03-01..2025-06-30");
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
