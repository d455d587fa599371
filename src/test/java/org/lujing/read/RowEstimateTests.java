package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowEstimateTests {

    @TempDir
    Path dir;

    @Test
    void anXlsxSaysHowManyRowsItsSheetsSpanBeforeItIsRead() throws IOException {
        Path file = dir.resolve("ledger.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            fill(wb.createSheet("3月"), 11);
            fill(wb.createSheet("4月"), 6);
            wb.write(out);
        }

        assertThat(RowEstimate.xlsx(file)).hasValue(17);
    }

    @Test
    void aFileThatIsNoWorkbookGivesNoEstimateAndNoError() throws IOException {
        Path file = dir.resolve("fake.xlsx");
        Files.writeString(file, "姓名,身份证号\n张三,1\n");

        assertThat(RowEstimate.xlsx(file)).isEmpty();
    }

    private static void fill(XSSFSheet sheet, int rows) {
        for (int r = 0; r < rows; r++) {
            sheet.createRow(r).createCell(0).setCellValue("行" + r);
            sheet.getRow(r).createCell(2).setCellValue(r);
        }
    }
}
