package org.lujing.report;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Cell writing for every report workbook, in one place: text always as a plain, quote-prefixed string (never a
 * formula, whatever it starts with); numbers as numbers.
 */
final class SafeCells {

    final CellStyle plain;
    final CellStyle bold;
    final CellStyle wrapped;
    /** A table's header cell. */
    final CellStyle head;
    /** A table's header cell whose text wraps onto more lines in a narrow column. */
    final CellStyle headWrapped;

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
        head = bold;
        headWrapped = wb.createCellStyle();
        headWrapped.cloneStyleFrom(bold);
        headWrapped.setWrapText(true);
        headWrapped.setVerticalAlignment(VerticalAlignment.CENTER);
    }

    void text(Row row, int col, String value, CellStyle style) {
        Cell cell = row.createCell(col);
        // setCellValue(String) never makes a formula; the quote prefix keeps Excel and LibreOffice from
        // turning =, +, -, @ into one when someone edits the cell or exports it
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(style == null ? plain : style);
    }

    void text(Row row, int col, String value) {
        text(row, col, value, null);
    }

    void number(Row row, int col, BigDecimal value) {
        row.createCell(col).setCellValue(value.doubleValue());
    }

    /** A number, or an empty (blank) cell when there is none. */
    void numberOrBlank(Row row, int col, BigDecimal value) {
        if (value != null) {
            number(row, col, value);
        }
    }

    /** An empty cell of a table. */
    void blank(Row row, int col) {}

    /** A bold header row of labels from column 0. */
    void header(Row row, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            text(row, i, labels[i], bold);
        }
    }
}
