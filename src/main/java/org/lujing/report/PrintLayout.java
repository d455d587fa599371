package org.lujing.report;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCol;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCols;

/**
 * Makes every sheet of a finished workbook printable as an office hands reports on: A4 landscape, one page wide
 * (as many pages down as it takes), the frozen header rows and frozen columns (a ledger's name and masked ID)
 * repeated on every page, the report's name and page numbers in the footer, and an autofilter over list sheets. The
 * sheet's own freeze panes say what a header is, so writers describe a sheet once.
 */
final class PrintLayout {

    private PrintLayout() {}

    /** Applies the layout to every sheet of {@code wb}; call after the sheets are filled, before writing. */
    static void apply(SXSSFWorkbook wb, String reportName, ReportLanguage lang) {
        // the file's properties (Excel's 文件 → 信息) name the report and who wrote it, not the library
        var properties = wb.getXSSFWorkbook().getProperties();
        properties.getCoreProperties().setTitle(reportName);
        properties.getCoreProperties().setCreator(lang.pick("麓景 · 社区矫正帮扶台账", "Lujing"));
        properties.getExtendedProperties().getUnderlyingProperties().setApplication("Lujing");
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            Sheet sheet = wb.getSheetAt(i);
            XSSFSheet backing = wb.getXSSFWorkbook().getSheetAt(i);
            apply(sheet, backing, reportName, lang);
        }
    }

    private static void apply(Sheet sheet, XSSFSheet backing, String reportName, ReportLanguage lang) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setHorizontallyCenter(true);
        // a one-sheet report named as its sheet (核查发现) says it once, not 核查发现 · 核查发现
        sheet.getFooter()
                .setLeft(
                        reportName.equals(sheet.getSheetName())
                                ? reportName
                                : reportName + " · " + sheet.getSheetName());
        sheet.getFooter().setRight(lang.pick("第 &P 页，共 &N 页", "Page &P of &N"));

        PaneInformation pane = sheet.getPaneInformation();
        int headerRows = pane == null || !pane.isFreezePane() ? 0 : pane.getHorizontalSplitTopRow();
        int keyColumns = pane == null || !pane.isFreezePane() ? 0 : pane.getVerticalSplitLeftColumn();
        if (headerRows > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, headerRows - 1, -1, -1));
        }
        if (keyColumns > 0) {
            sheet.setRepeatingColumns(new CellRangeAddress(-1, -1, 0, keyColumns - 1));
        }
        int columns = declaredColumns(backing);
        // a list sheet: a single frozen header row over its columns
        if (headerRows == 1 && columns > 0 && sheet.getLastRowNum() > 0) {
            sheet.setAutoFilter(new CellRangeAddress(0, sheet.getLastRowNum(), 0, columns - 1));
        }
    }

    /** How many columns the writer gave a width (list sheets set one for each of their columns). */
    private static int declaredColumns(XSSFSheet sheet) {
        int last = 0;
        for (CTCols cols : sheet.getCTWorksheet().getColsArray()) {
            for (CTCol col : cols.getColArray()) {
                last = Math.max(last, (int) col.getMax());
            }
        }
        return last;
    }
}
