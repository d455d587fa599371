package org.lujing.read;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lujing.ledger.Category;

/**
 * What a sheet tells about every row in it beyond the row's own cells: the year a date written without one belongs
 * to (from the sheet's title rows, else its name, else the file's name — never the current year), and, for a sheet
 * without a category column, the category its name or title gives.
 *
 * @param year the year the sheet's title, name or file name states, or null when none states one
 * @param yearFrom where the year was found, in words for the operator (表头, 工作表名 or 文件名), or null
 * @param monthYears for a title spanning years (2024年12月至2025年1月), the year each named month belongs to
 * @param category the category of a sheet without a category column, or null when the sheet has one (or none is known)
 * @param categoryFrom where the category was found, in words (工作表名「心理测评」), or null
 */
public record SheetContext(
        String file,
        String sheet,
        Integer year,
        String yearFrom,
        Map<Integer, Integer> monthYears,
        Category category,
        String categoryFrom) {

    public static final SheetContext NONE = new SheetContext("", "", null, null, Map.of(), null, null);

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern YEAR_MONTH =
            Pattern.compile("(?<!\\d)((?:19|20)\\d{2})\\s*[年.\\-/]\\s*(\\d{1,2})(?!\\d)");

    /**
     * When the sheet was filled in, sent or printed ("填报日期：2026年1月5日" beneath a December ledger's title): a date
     * about the paper, not the period its rows belong to, so it gives no year.
     */
    private static final Pattern FILLED_ON = Pattern.compile("(?:填报|填表|制表|报送|上报|打印|导出|录入|更新)(?:日期|时间)\\s*[:：]?\\s*"
            + "(?:(?:19|20)\\d{2}\\s*[年.\\-/]?\\s*)?(?:\\d{1,2}\\s*[月.\\-/]?\\s*)?(?:\\d{1,2}\\s*日?)?");

    /** The year a date of this month written without one takes, if the sheet, its title or the file states one. */
    public OptionalInt yearFor(int month) {
        Integer y = monthYears.getOrDefault(month, year);
        return y == null ? OptionalInt.empty() : OptionalInt.of(y);
    }

    /** The context of a sheet: the year from its title, else its name, else the file's name. */
    static SheetContext of(String file, String sheet, String title, Category category, String categoryFrom) {
        String[][] places = {{title, "表头"}, {sheet, "工作表名"}, {stripExtension(file), "文件名"}};
        for (String[] place : places) {
            String text = place[0] == null ? "" : org.lujing.normalise.TextFolding.toHalfWidth(place[0]);
            text = FILLED_ON.matcher(text).replaceAll(" ");
            Matcher m = YEAR.matcher(text);
            if (m.find()) {
                Map<Integer, Integer> months = new TreeMap<>();
                Matcher ym = YEAR_MONTH.matcher(text);
                while (ym.find()) {
                    int month = Integer.parseInt(ym.group(2));
                    if (month >= 1 && month <= 12) {
                        months.putIfAbsent(month, Integer.parseInt(ym.group(1)));
                    }
                }
                int year = Integer.parseInt(m.group(1));
                return new SheetContext(file, sheet, year, place[1], Map.copyOf(months), category, categoryFrom);
            }
        }
        return new SheetContext(file, sheet, null, null, Map.of(), category, categoryFrom);
    }

    private static String stripExtension(String file) {
        if (file == null) {
            return "";
        }
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
