package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.report.ColumnSheet.Column;

class ColumnSheetTests {

    @Test
    void aListLongerThanASheetContinuesInNumberedSheetsUnderTheSameHeader(@TempDir Path dir) throws Exception {
        // given a list sheet that takes 3 items a sheet (an .xlsx sheet takes 1,048,575 below its header)
        Path file = dir.resolve("list.xlsx");
        List<Column<Integer>> columns =
                List.of(Column.of("序号", "No.", 8, i -> i), Column.of("姓名", "Name", 10, i -> "人员" + i));

        // when 7 items are written
        ReportWorkbook.write(file, "测试", ReportLanguage.ZH, (wb, cells) -> {
            ColumnSheet<Integer> list = new ColumnSheet<>(wb, cells, "台账", ReportLanguage.ZH, 1, columns, 3);
            IntStream.rangeClosed(1, 7).boxed().forEach(list::add);
        });

        // then they fill 台账, 台账 (2) and 台账 (3) in order, each sheet with the header, nothing lost
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("台账", "台账 (2)", "台账 (3)");
            int expected = 1;
            for (int s = 0; s < 3; s++) {
                Sheet sheet = wb.getSheetAt(s);
                assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    assertThat(sheet.getRow(r).getCell(0).getNumericCellValue()).isEqualTo(expected++);
                }
                // every sheet prints with its header repeated, as the first does
                assertThat(sheet.getRepeatingRows()).isNotNull();
            }
            assertThat(expected).isEqualTo(8);
        }
        assertThat(ColumnSheet.ITEMS_PER_SHEET).isEqualTo(1_048_575);
    }
}
