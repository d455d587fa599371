package org.lujing.report;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lujing.files.PrivateFiles;

/** Writes a streaming report workbook to its file, laid out for printing, never half-written. */
final class ReportWorkbook {

    /** Rows SXSSF keeps in memory per sheet. */
    static final int WINDOW = 100;

    private ReportWorkbook() {}

    /** Fills a workbook's sheets. */
    interface Sheets {
        void fill(SXSSFWorkbook wb, SafeCells cells) throws IOException;
    }

    /**
     * A streaming workbook filled by {@code sheets} and laid out for printing ({@link PrintLayout}), written beside
     * the target and moved in, so a reader never opens half a workbook; its temporary files are removed whatever
     * happens.
     */
    static void write(Path file, String reportName, ReportLanguage lang, Sheets sheets) {
        try {
            PrivateFiles.write(file, out -> {
                SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
                try {
                    sheets.fill(wb, new SafeCells(wb));
                    PrintLayout.apply(wb, reportName, lang);
                    wb.write(out);
                } finally {
                    wb.close();
                    wb.dispose();
                }
            });
            org.lujing.home.PrivateFolders.restrictFile(file);
        } catch (IOException e) {
            throw WriteFailure.of("报表", "the report", file, e);
        }
    }
}
