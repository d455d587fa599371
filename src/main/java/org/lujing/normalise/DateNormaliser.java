package org.lujing.normalise;

import java.math.BigDecimal;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the many ways partners write an activity date into one calendar date (Asia/Shanghai). *
 * <p>Why one class of this length: it is the table of date spellings partners use (with and without years, Chinese and numeric, Excel serials) and the order in which they are tried; the order is the rule.
 */
public final class DateNormaliser {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);

    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

    /** Serial of 9999-12-31 in the 1900 system, the last date Excel knows. */
    private static final long MAX_SERIAL_1900 = 2_958_465L;

    /** Excel's fictitious 1900-02-29, kept for Lotus 1-2-3 compatibility. */
    private static final long LEAP_BUG_SERIAL = 60L;

    private static final String TIME = "(?:[ T]?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?)?";

    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);

    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?" + TIME);

    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);

    // Day-first and month-first look alike (03/07/2025); domain.md rejects them all unless declared.
    private static final Pattern YEAR_LAST = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})" + TIME);

    // A month and day without a year, month first as Chinese writes them: 3月7日, 3.7, 03-07, 3/7.
    private static final Pattern YEARLESS = Pattern.compile("(\\d{1,2})(?:月(\\d{1,2})[日号]?|([-/.])(\\d{1,2}))" + TIME);

    private static final Pattern MONTH_DOT_DAY = Pattern.compile("(?:[1-9]|1[0-2])\\.\\d{1,2}");

    private static final Map<String, DateTimeFormatter> DECLARED = new ConcurrentHashMap<>();

    private static final Pattern OFFSET_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})");

    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private DateNormaliser() {}

    /**
     * The calendar date of a cell. DATE cells hold ISO text; NUMBER cells (and plain numbers in
     * text) are Excel serials in the workbook's date system, or {@code yyyyMMdd}; a
     * {@code declaredPattern} (a {@link DateTimeFormatter} pattern) is tried first for TEXT cells.
     * A blank cell is rejected as {@link ReasonCode#MISSING_FIELD}: callers check optional dates
     * for blank first.
     * @throws IllegalArgumentException if {@code declaredPattern} is not a valid pattern (a
     * configuration error, not a data error)
     */
    public static Normalised<LocalDate> parse(String text, CellKind kind, boolean date1904, String declaredPattern) {
        if (kind == CellKind.BLANK || TextFolding.isBlank(text)) {
            return Normalised.rejected(ReasonCode.MISSING_FIELD, "日期为空 / The date is empty");
        }
        if (kind == CellKind.YEARLESS_DATE) {
            kind = CellKind.DATE; // without a sheet to take a year from, the date the cell holds
        }
        String value = TextFolding.toHalfWidth(text).replaceAll("\\s+", " ");
        if (kind == CellKind.NUMBER) {
            return fromNumber(value, date1904);
        }
        if (kind != CellKind.DATE && declaredPattern != null && !declaredPattern.isBlank()) {
            LocalDate declared = withPattern(value, declaredPattern);
            if (declared != null) {
                return Normalised.ok(declared);
            }
            Matcher yearLast = YEAR_LAST.matcher(value);
            if (yearLast.matches()) {
                // The declared pattern settles the order even when a partner drops leading zeros (7/3/2025).
                return inDeclaredOrder(value, yearLast, declaredPattern);
            }
        }
        return detect(value, date1904);
    }

    /**
     * As {@link #parse(String, CellKind, boolean, String)}, and a date written without a year (3月7日, 3.7, 03-07) is
     * given the year {@code yearForMonth} returns for its month — the year its sheet's title, the sheet's name or
     * the file's name states — or rejected as {@link ReasonCode#DATE_INVALID} when it returns none: never this year
     * by default. {@link #isYearless} tells the caller that the year was supplied.
     */
    public static Normalised<LocalDate> parse(
            String text,
            CellKind kind,
            boolean date1904,
            String declaredPattern,
            java.util.function.IntFunction<java.util.OptionalInt> yearForMonth) {
        if (kind == CellKind.NUMBER
                && !TextFolding.isBlank(text)
                && MONTH_DOT_DAY.matcher(text.strip()).matches()) {
            // 3.7 typed into a General cell is the number 3.7, and 3.10 became 3.1: the day cannot be trusted
            return invalid(
                    text.strip(),
                    "像是没有年份的“月.日”，但被Excel存成了数字（3.10会变成3.1）；请写全日期（如2025-03-07）/ looks like a"
                            + " month.day Excel stored as a number (3.10 becomes 3.1): write the full date");
        }
        if (kind == CellKind.YEARLESS_DATE && !TextFolding.isBlank(text)) {
            Normalised<LocalDate> own = parse(text, CellKind.DATE, date1904, declaredPattern);
            if (!own.isOk() || yearForMonth == null) {
                return own;
            }
            java.util.OptionalInt year = yearForMonth.apply(own.value().getMonthValue());
            if (year.isEmpty()) {
                return own; // the sheet states no year: the cell's own, rather than no date at all
            }
            try {
                return Normalised.ok(LocalDate.of(
                        year.getAsInt(),
                        own.value().getMonthValue(),
                        own.value().getDayOfMonth()));
            } catch (DateTimeException ex) {
                return invalid(text, year.getAsInt() + "年无此日期 / no such date in " + year.getAsInt());
            }
        }
        if (kind != CellKind.TEXT || TextFolding.isBlank(text)) {
            return parse(text, kind, date1904, declaredPattern);
        }
        String value = TextFolding.toHalfWidth(text).strip().replaceAll("\\s+", " ");
        Matcher m = YEARLESS.matcher(value);
        if (!m.matches()) {
            return parse(text, kind, date1904, declaredPattern);
        }
        if (!validTime(m, 5)) {
            return invalid(value, "时间部分不存在 / the time part is impossible");
        }
        int month = Integer.parseInt(m.group(1));
        int day = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
        if (m.group(2) == null && dayFirst(declaredPattern)) {
            int first = month;
            month = day;
            day = first;
        }
        if (month < 1 || month > 12) {
            return invalid(value, "月份不存在 / no such month");
        }
        java.util.OptionalInt year = yearForMonth == null ? java.util.OptionalInt.empty() : yearForMonth.apply(month);
        if (year.isEmpty()) {
            return invalid(
                    value,
                    "日期缺年份，表头、工作表名和文件名中都没有年份；请写全日期（如2025-03-07）或在表头注明年份 / the date has no"
                            + " year, and neither the sheet's title, its name nor the file's name states one: write the"
                            + " full date or put the year in the title");
        }
        try {
            return Normalised.ok(LocalDate.of(year.getAsInt(), month, day));
        } catch (DateTimeException ex) {
            return invalid(value, year.getAsInt() + "年无此日期 / no such date in " + year.getAsInt());
        }
    }

    /** A source that declares a day-first pattern (dd/MM/yyyy) writes 07/03 for the 7th of March too. */
    private static boolean dayFirst(String declaredPattern) {
        if (declaredPattern == null) {
            return false;
        }
        int d = declaredPattern.indexOf('d');
        int mm = declaredPattern.indexOf('M');
        return d >= 0 && mm >= 0 && d < mm;
    }

    /** Whether a cell holds a month and day without a year, which {@link #parse} completes from its sheet. */
    public static boolean isYearless(String text, CellKind kind) {
        return kind == CellKind.YEARLESS_DATE
                || kind == CellKind.TEXT
                        && text != null
                        && YEARLESS.matcher(
                                        TextFolding.toHalfWidth(text).strip().replaceAll("\\s+", " "))
                                .matches();
    }

    private static Normalised<LocalDate> detect(String value, boolean date1904) {
        if (OFFSET_DATE_TIME.matcher(value).matches()) {
            return fromOffsetDateTime(value);
        }
        for (Pattern pattern : new Pattern[] {YEAR_FIRST, CHINESE, COMPACT}) {
            Matcher matcher = pattern.matcher(value);
            if (matcher.matches()) {
                return fromParts(value, matcher, pattern == YEAR_FIRST);
            }
        }
        if (YEAR_LAST.matcher(value).matches()) {
            return Normalised.rejected(
                    ReasonCode.DATE_AMBIGUOUS,
                    "日期 " + value + " 可能是日/月也可能是月/日 / The date " + value + " could be day-first or month-first");
        }
        if (PLAIN_NUMBER.matcher(value).matches()) {
            return fromNumber(value, date1904);
        }
        return invalid(value, "无法识别 / cannot be read");
    }

    private static Normalised<LocalDate> fromParts(String value, Matcher matcher, boolean separatorGroup) {
        int first = separatorGroup ? 3 : 2;
        int timeGroup = first + 2;
        if (!validTime(matcher, timeGroup)) {
            return invalid(value, "时间部分不存在 / the time part is impossible");
        }
        try {
            return Normalised.ok(LocalDate.of(
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(first)),
                    Integer.parseInt(matcher.group(first + 1))));
        } catch (DateTimeException ex) {
            return invalid(value, "该日期不存在 / no such date");
        }
    }

    private static boolean validTime(Matcher matcher, int hourGroup) {
        if (matcher.group(hourGroup) == null) {
            return true;
        }
        int hour = Integer.parseInt(matcher.group(hourGroup));
        int minute = Integer.parseInt(matcher.group(hourGroup + 1));
        String second = matcher.group(hourGroup + 2);
        return hour <= 23 && minute <= 59 && (second == null || Integer.parseInt(second) <= 59);
    }

    private static Normalised<LocalDate> fromOffsetDateTime(String value) {
        String iso = value.replace(' ', 'T');
        // ISO wants +08:00; partners' systems also write +0800.
        iso = iso.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
        try {
            return Normalised.ok(
                    OffsetDateTime.parse(iso).atZoneSameInstant(SHANGHAI).toLocalDate());
        } catch (DateTimeException ex) {
            return invalid(value, "该日期时间不存在 / no such date-time");
        }
    }

    private static Normalised<LocalDate> fromNumber(String value, boolean date1904) {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException ex) {
            return invalid(value, "不是数字 / not a number");
        }
        if (number.signum() < 0) {
            return invalid(value, "序列号为负 / negative serial");
        }
        // Fractional part is the time of day, which the ledger does not keep.
        if (number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return invalid(value, "超出Excel日期范围 / outside Excel's date range");
        }
        long whole = number.toBigInteger().longValue();
        if (whole >= 10_000_000L && whole <= 99_999_999L) {
            // Someone typed 20250307 into a number cell.
            Matcher compact = COMPACT.matcher(Long.toString(whole));
            if (compact.matches()) {
                return fromParts(value, compact, false);
            }
        }
        return fromSerial(value, whole, date1904);
    }

    private static Normalised<LocalDate> fromSerial(String value, long serial, boolean date1904) {
        if (date1904) {
            if (serial > MAX_SERIAL_1900 - 1462) {
                return invalid(value, "超出Excel日期范围 / outside Excel's date range");
            }
            return Normalised.ok(EPOCH_1904.plusDays(serial));
        }
        if (serial < 1 || serial > MAX_SERIAL_1900) {
            return invalid(value, "超出Excel日期范围 / outside Excel's date range");
        }
        if (serial == LEAP_BUG_SERIAL) {
            return invalid(value, "Excel虚构的1900-02-29 / Excel's fictitious 1900-02-29");
        }
        // Serials before the fictitious leap day are one day off from the modern epoch.
        return Normalised.ok(EPOCH_1900.plusDays((serial < LEAP_BUG_SERIAL) ? serial + 1 : serial));
    }

    private static LocalDate withPattern(String value, String declaredPattern) {
        DateTimeFormatter formatter = DECLARED.computeIfAbsent(
                declaredPattern,
                (pattern) ->
                        DateTimeFormatter.ofPattern(prolepticYears(pattern)).withResolverStyle(ResolverStyle.STRICT));
        ParsePosition position = new ParsePosition(0);
        try {
            TemporalAccessor parsed = formatter.parse(value, position);
            String rest = value.substring(position.getIndex());
            if (!rest.isEmpty() && !rest.matches(TIME)) {
                return null;
            }
            return LocalDate.from(parsed);
        } catch (DateTimeException | IndexOutOfBoundsException ex) {
            return null;
        }
    }

    private static Normalised<LocalDate> inDeclaredOrder(String value, Matcher yearLast, String declaredPattern) {
        int day = declaredPattern.indexOf('d');
        int month = declaredPattern.indexOf('M');
        if (day < 0 || month < 0 || yearLast.group(4).length() != 4 || !validTime(yearLast, 5)) {
            return invalid(
                    value,
                    "不符合声明的日期格式 " + declaredPattern + " / does not match the declared pattern " + declaredPattern);
        }
        int first = Integer.parseInt(yearLast.group(1));
        int second = Integer.parseInt(yearLast.group(3));
        try {
            return Normalised.ok(LocalDate.of(
                    Integer.parseInt(yearLast.group(4)),
                    (day < month) ? second : first,
                    (day < month) ? first : second));
        } catch (DateTimeException ex) {
            return invalid(value, "该日期不存在 / no such date");
        }
    }

    /** STRICT resolving needs an era with {@code y}; {@code u} is the same year without one. */
    private static String prolepticYears(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append((!quoted && c == 'y') ? 'u' : c);
        }
        return out.toString();
    }

    private static Normalised<LocalDate> invalid(String value, String why) {
        // The value is echoed so a partner can find the cell; Rejected masks it should an ID hide in it.
        return Normalised.rejected(ReasonCode.DATE_INVALID, "日期“" + value + "”：" + why);
    }
}
