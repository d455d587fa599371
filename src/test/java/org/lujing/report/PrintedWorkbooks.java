package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a written workbook back as a printer and a reader would take it: every sheet A4 landscape, one page wide,
 * page numbers in the footer, a list sheet's header row repeated on every page and bordered; and, in a Chinese
 * workbook, no cell that is only an ASCII code word ({@code community}, {@code DATE_AMBIGUOUS}) outside the columns
 * headed 代码 that hold codes for admins.
 */
final class PrintedWorkbooks {

    /** A cell of ASCII only holding a word of two letters or more (a masked ID's one X is no word). */
    private static final Pattern CODE_WORD = Pattern.compile("[\\x20-\\x7e]*[A-Za-z]{2,}[\\x20-\\x7e]*");

    private PrintedWorkbooks() {}

    static void assertPrintable(XSSFWorkbook wb, String file) {
        // Excel's file information names the report and Lujing, not the library that wrote it
        var core = wb.getProperties().getCoreProperties();
        assertThat(core.getTitle()).as(file + " title").isNotBlank();
        assertThat(core.getCreator()).as(file + " author").isNotBlank().doesNotContain("Apache POI");
        for (Sheet sheet : wb) {
            String where = file + " / " + sheet.getSheetName();
            PrintSetup print = sheet.getPrintSetup();
            assertThat(print.getLandscape()).as(where + " landscape").isTrue();
            assertThat(print.getPaperSize()).as(where + " A4").isEqualTo(PrintSetup.A4_PAPERSIZE);
            assertThat(sheet.getFitToPage()).as(where + " fit to page").isTrue();
            assertThat(print.getFitWidth()).as(where + " one page wide").isEqualTo((short) 1);
            assertThat(sheet.getFooter().getRight()).as(where + " page numbers").containsAnyOf("&P", "&p");
            PaneInformation pane = sheet.getPaneInformation();
            if (pane != null && pane.isFreezePane() && pane.getHorizontalSplitTopRow() == 1) {
                // a list sheet: its header row on every printed page, bordered like the table under it
                assertThat(sheet.getRepeatingRows())
                        .as(where + " repeated rows")
                        .isEqualTo(CellRangeAddress.valueOf("1:1"));
                for (Cell cell : sheet.getRow(0)) {
                    assertThat(cell.getCellStyle().getBorderBottom())
                            .as(where + "!" + cell.getAddress() + " border")
                            .isEqualTo(BorderStyle.THIN);
                }
                if (sheet.getLastRowNum() > 0) {
                    for (Cell cell : sheet.getRow(1)) {
                        assertThat(cell.getCellStyle().getBorderLeft())
                                .as(where + "!" + cell.getAddress() + " border")
                                .isEqualTo(BorderStyle.THIN);
                    }
                }
            }
        }
    }

    /** No ASCII-only code word in any cell of a Chinese workbook, except in the columns headed …代码. */
    static void assertNoCodeWords(XSSFWorkbook wb, String file) {
        for (Sheet sheet : wb) {
            Set<Integer> codeColumns = new HashSet<>();
            Row head = sheet.getRow(0);
            if (head != null) {
                for (Cell cell : head) {
                    if (cell.getCellType() == CellType.STRING
                            && cell.getStringCellValue().endsWith("代码")) {
                        codeColumns.add(cell.getColumnIndex());
                    }
                }
            }
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && !codeColumns.contains(cell.getColumnIndex())) {
                        assertThat(CODE_WORD.matcher(cell.getStringCellValue()).matches())
                                .as(file + " / " + sheet.getSheetName() + "!" + cell.getAddress() + " = '"
                                        + cell.getStringCellValue() + "' is a code word outside the code columns")
                                .isFalse();
                    }
                }
            }
        }
    }
}
