package org.lujing.report;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Cell writing for every report workbook, in one place: text always as a plain, quote-prefixed string (never a
 * formula, whatever it starts with); numbers as numbers. Cells of a table (its header, text, numbers and empty
 * cells) have thin borders, so a printed table reads as one; headings above a table have none.
 */
final class SafeCells {

    /** Text outside a table. */
    final CellStyle plain;
    /** A heading outside a table. */
    final CellStyle bold;
    /** A paragraph outside a table. */
    final CellStyle wrapped;
    /** Text in a table. */
    final CellStyle cell;
    /** Text in a table that wraps within its column (the row grows when the sheet is opened). */
    final CellStyle cellWrapped;
    /** A table's header cell: bold, shaded, bordered. */
    final CellStyle head;
    /** A table's header cell whose text wraps onto more lines in a narrow column. */
    final CellStyle headWrapped;
    /** A table's header cell over a column of numbers: right-aligned, as the numbers are. */
    final CellStyle headNumber;

    private final CellStyle number;
    private final CellStyle date;

    SafeCells(SXSSFWorkbook wb) {
        plain = wb.createCellStyle();
        plain.setQuotePrefixed(true);
        Font boldFont = wb.createFont();
        boldFont.setBold(true);
        bold = wb.createCellStyle();
        bold.setQuotePrefixed(true);
        bold.setFont(boldFont);
        wrapped = wb.createCellStyle();
        wrapped.setQuotePrefixed(true);
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        cell = bordered(wb.createCellStyle());
        cell.setQuotePrefixed(true);
        // a row grown for a wrapped neighbour keeps every cell's text on its first line
        cell.setVerticalAlignment(VerticalAlignment.TOP);
        cellWrapped = wb.createCellStyle();
        cellWrapped.cloneStyleFrom(cell);
        cellWrapped.setWrapText(true);
        cellWrapped.setVerticalAlignment(VerticalAlignment.TOP);
        number = bordered(wb.createCellStyle());
        number.setVerticalAlignment(VerticalAlignment.TOP);
        number.setAlignment(HorizontalAlignment.RIGHT);
        // a date as a date, so that a spreadsheet filters, groups and counts by it
        date = bordered(wb.createCellStyle());
        date.setVerticalAlignment(VerticalAlignment.TOP);
        date.setAlignment(HorizontalAlignment.LEFT);
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        head = bordered(wb.createCellStyle());
        head.setQuotePrefixed(true);
        head.setFont(boldFont);
        // a pale shade, light enough for a greyscale print to keep the header text black on white
        head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        headWrapped = wb.createCellStyle();
        headWrapped.cloneStyleFrom(head);
        headWrapped.setWrapText(true);
        headWrapped.setVerticalAlignment(VerticalAlignment.CENTER);
        headNumber = wb.createCellStyle();
        headNumber.cloneStyleFrom(head);
        headNumber.setAlignment(HorizontalAlignment.RIGHT);
    }

    private static CellStyle bordered(CellStyle style) {
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }

    void text(Row row, int col, String value, CellStyle style) {
        Cell c = row.createCell(col);
        // setCellValue(String) never makes a formula; the quote prefix keeps Excel and LibreOffice from
        // turning =, +, -, @ into one when someone edits the cell or exports it
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style == null ? plain : style);
    }

    /** Text in a table. */
    void text(Row row, int col, String value) {
        text(row, col, value, cell);
    }

    /** A number (always in a table). */
    void number(Row row, int col, BigDecimal value) {
        Cell c = row.createCell(col);
        c.setCellValue(value.doubleValue());
        c.setCellStyle(number);
    }

    /** A day (always in a table), shown as 2025-03-10. */
    void date(Row row, int col, java.time.LocalDate value) {
        Cell c = row.createCell(col);
        c.setCellValue(value);
        c.setCellStyle(date);
    }

    /** A number, or an empty (blank) cell when there is none. */
    void numberOrBlank(Row row, int col, BigDecimal value) {
        if (value != null) {
            number(row, col, value);
        } else {
            blank(row, col);
        }
    }

    /** An empty cell of a table, bordered like its neighbours. */
    void blank(Row row, int col) {
        row.createCell(col).setCellStyle(number);
    }

    /** A header row of labels from column 0. */
    void header(Row row, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            text(row, i, labels[i], head);
        }
    }
}
