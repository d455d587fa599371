package org.lujing.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A list sheet described once, as its columns: each column's header in both languages, its width and how its cell is
 * taken from an item, so a sheet's headers, widths and cells cannot drift apart. Row 0 is the header, frozen (with
 * the first {@code keyColumns} columns), which {@link PrintLayout} repeats on every printed page.
 */
final class ColumnSheet<T> {

    /**
     * One column: the header in Chinese and English, the width in characters, whether it holds codes for admins (a
     * narrow column beside the words, the only place a Chinese sheet shows a code), and the cell of an item — a
     * {@link String} (text), a {@link Number}, a {@link java.time.LocalDate} (a date cell) or null or "" (an empty
     * cell).
     */
    record Column<T>(String zh, String en, int width, boolean code, boolean wrap, Function<T, Object> value) {

        static <T> Column<T> of(String zh, String en, int width, Function<T, Object> value) {
            return new Column<>(zh, en, width, false, false, value);
        }

        /** A column of sentences that wrap within its width, so the sheet stays narrow enough to print legibly. */
        static <T> Column<T> wrapped(String zh, String en, int width, Function<T, Object> value) {
            return new Column<>(zh, en, width, false, true, value);
        }

        /** A column of codes (rule, reason, outcome) for admins and scripts. */
        static <T> Column<T> code(String zh, String en, int width, Function<T, Object> value) {
            return new Column<>(zh, en, width, true, false, value);
        }

        String header(ReportLanguage lang) {
            return lang.pick(zh, en);
        }
    }

    /** Items a sheet takes below its header: an .xlsx sheet ends at row 1,048,576. */
    static final int ITEMS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

    private final SXSSFWorkbook wb;
    private final SafeCells cells;
    private final String name;
    private final ReportLanguage lang;
    private final int keyColumns;
    private final List<Column<T>> columns;
    private final int itemsPerSheet;
    private Sheet sheet;
    private int sheets;
    private int next;

    /**
     * A list sheet that continues in a new sheet named "name (2)", "name (3)"… with the same header whenever one holds
     * {@code itemsPerSheet} items (a ledger of millions of records does not fit one sheet).
     */
    ColumnSheet(
            SXSSFWorkbook wb,
            SafeCells cells,
            String name,
            ReportLanguage lang,
            int keyColumns,
            List<Column<T>> columns,
            int itemsPerSheet) {
        this.wb = wb;
        this.cells = cells;
        this.name = name;
        this.lang = lang;
        this.keyColumns = keyColumns;
        this.columns = columns;
        this.itemsPerSheet = itemsPerSheet;
        newSheet();
    }

    /** Creates the sheet with its header row, widths and frozen panes; a full sheet continues in "name (2)"…. */
    static <T> ColumnSheet<T> create(
            SXSSFWorkbook wb,
            SafeCells cells,
            String name,
            ReportLanguage lang,
            int keyColumns,
            List<Column<T>> columns) {
        return new ColumnSheet<>(wb, cells, name, lang, keyColumns, columns, ITEMS_PER_SHEET);
    }

    private void newSheet() {
        sheets++;
        sheet = wb.createSheet(sheets == 1 ? name : name + " (" + sheets + ")");
        Row head = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            cells.text(head, i, c.header(lang), cells.head);
            sheet.setColumnWidth(i, c.width() * 256);
        }
        sheet.createFreezePane(keyColumns, 1);
        next = 1;
    }

    /** Writes one item as the next row (in a continuation sheet when this one is full). */
    void add(T item) {
        if (next > itemsPerSheet) {
            newSheet();
        }
        Row row = sheet.createRow(next++);
        int lines = 1;
        for (int i = 0; i < columns.size(); i++) {
            Object v = columns.get(i).value().apply(item);
            if (v instanceof BigDecimal d) {
                cells.number(row, i, d);
            } else if (v instanceof Number n) {
                cells.number(row, i, new BigDecimal(n.toString()));
            } else if (v instanceof java.time.LocalDate d) {
                cells.date(row, i, d);
            } else if (v == null || (v instanceof String t && t.isEmpty())) {
                cells.blank(row, i);
            } else {
                Column<T> c = columns.get(i);
                cells.text(row, i, v.toString(), c.wrap() ? cells.cellWrapped : cells.cell);
                if (c.wrap()) {
                    lines = Math.max(lines, ceilDiv(displayWidth(v.toString()), Math.max(1, c.width() - 1)));
                }
            }
        }
        // spreadsheet clients keep a row's stored height on opening, so a wrapped row says how tall it is
        if (lines > 1) {
            row.setHeightInPoints(sheet.getDefaultRowHeightInPoints() * lines);
        }
    }

    /**
     * Writes a heading row inside the table, shaded like the header: a block's own titles over the rows that follow
     * it (a null or blank cell stays empty, bordered). Titles wrap within their column, and the row says how tall.
     */
    void addHeading(List<String> titles) {
        Row row = sheet.createRow(next++);
        int lines = 1;
        for (int i = 0; i < columns.size(); i++) {
            String t = i < titles.size() ? titles.get(i) : null;
            cells.text(row, i, t == null ? "" : t, cells.headWrapped);
            if (t != null) {
                lines = Math.max(
                        lines,
                        ceilDiv(displayWidth(t), Math.max(1, columns.get(i).width() - 1)));
            }
        }
        if (lines > 1) {
            row.setHeightInPoints(sheet.getDefaultRowHeightInPoints() * Math.min(lines, 4));
        }
    }

    /** Writes a line of text across the table where an empty list would leave only its header (本期间没有…). */
    void addLine(String text) {
        cells.text(sheet.createRow(next++), 0, text, cells.plain);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Width in character cells: a Chinese (full-width) character takes two. */
    static int displayWidth(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += text.charAt(i) >= 0x2E80 ? 2 : 1;
        }
        return w;
    }

    /** The sheet being written (the last continuation sheet once one was needed). */
    Sheet sheet() {
        return sheet;
    }
}
