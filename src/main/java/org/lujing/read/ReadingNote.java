package org.lujing.read;

/**
 * A decision taken while reading a file that the operator should be able to see — a sheet passed over, blank cells
 * given a merged cell's value, a year-less date given a year, a category taken from a sheet's name — with the rows it
 * affected: {@code rows} of them, from {@code firstRow} to {@code lastRow} (0 rows for a sheet-wide decision).
 *
 * @param kind a stable code for scripts: SHEET_PASSED_OVER, MERGED_CELLS, DATE_YEAR,
 *     CATEGORY_FROM_SHEET, SECOND_COLUMN, TABLE_AGAIN, PHONE_NOT_KEPT, PERSON_AGAIN
 * @param message the decision in Chinese, then English
 */
public record ReadingNote(String sheet, String kind, String message, int rows, int firstRow, int lastRow) {

    public static final String SHEET_PASSED_OVER = "SHEET_PASSED_OVER";
    public static final String MERGED_CELLS = "MERGED_CELLS";
    public static final String DATE_YEAR = "DATE_YEAR";
    public static final String CATEGORY_FROM_SHEET = "CATEGORY_FROM_SHEET";
    /** Two header cells name the same field: the first column is read, the other is not. */
    public static final String SECOND_COLUMN = "SECOND_COLUMN";
    /** A header found again below a sheet's first table: the rows below it are read by its columns. */
    public static final String TABLE_AGAIN = "TABLE_AGAIN";
    /** A roster row's phone that is no mobile number: the person is registered without it. */
    public static final String PHONE_NOT_KEPT = "PHONE_NOT_KEPT";
    /** A roster row naming a person (ID number) an earlier row of the file named: the later row stands, merged. */
    public static final String PERSON_AGAIN = "PERSON_AGAIN";

    /** The message in Chinese (the part before " / "). */
    public String zh() {
        int slash = message.indexOf(" / ");
        return slash < 0 ? message : message.substring(0, slash);
    }

    /** The message in English (the part after " / "), or the whole message when it has no English part. */
    public String en() {
        int slash = message.indexOf(" / ");
        return slash < 0 ? message : message.substring(slash + 3);
    }

    /** Rows as the operator reads them: 第 4–15 行 (rows 4–15), or nothing for a sheet-wide note. */
    public String rowsText() {
        if (rows == 0) {
            return "";
        }
        return firstRow == lastRow ? "第 " + firstRow + " 行" : rows + " 行（第 " + firstRow + "–" + lastRow + " 行）";
    }

    /** The same in English: row 4, or 12 rows (4–15). */
    public String rowsTextEn() {
        if (rows == 0) {
            return "";
        }
        return firstRow == lastRow ? "row " + firstRow : rows + " rows (" + firstRow + "–" + lastRow + ")";
    }
}
