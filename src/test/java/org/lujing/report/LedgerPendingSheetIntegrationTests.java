package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.operations.CrashRecoveryIntegrationTests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger workbook's 待识别 sheet of a year before its roster — every record pending, each person a key of their
 * own — read a range of keys at a time (dozens of ranges) is the sheet read at once: every record once, in key order.
 * Read for the whole period at once, a million such records ran the workbook out of a 256 MB heap.
 */
@SpringBootTest(properties = "camel.main.auto-startup=false")
class LedgerPendingSheetIntegrationTests {

    static final Path HOME = TestHomes.fresh("ledger-pending");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    LedgerWorkbook ledger;

    @Test
    void thePendingSheetReadARangeOfKeysAtATimeIsTheSheetReadAtOnce() throws Exception {
        // given 60 people's records of 2025, and no roster yet
        List<String> lines = new ArrayList<>(List.of("日期,姓名,身份证号,活动类型"));
        for (int i = 0; i < 60; i++) {
            String first17 =
                    "4301041985" + String.format("%02d%02d", 1 + i % 12, 1 + i % 28) + String.format("%03d", i);
            lines.add(LocalDate.of(2025, 1, 1).plusDays(i * 5) + ",对象" + i + "," + first17
                    + CrashRecoveryIntegrationTests.check(first17) + ",公益活动");
        }
        Path file = Files.write(TestHomes.fresh("ledger-pending-file").resolve("公益活动.csv"), lines);
        assertThat(ingest.ingest(file, "community").outcome()).isEqualTo("LOADED");

        // when the workbook is written reading at once, and 7 records a query (ranges of keys and slices alike)
        Path whole = HOME.resolve("out/whole.xlsx");
        Path ranged = HOME.resolve("out/ranged.xlsx");
        Files.createDirectories(whole.getParent());
        ledger.write(Period.parse("2025"), ReportLanguage.ZH, whole, Integer.MAX_VALUE);
        ledger.write(Period.parse("2025"), ReportLanguage.ZH, ranged, 7);

        // then the same sheet, every pending record once
        try (XSSFWorkbook a = new XSSFWorkbook(whole.toFile());
                XSSFWorkbook b = new XSSFWorkbook(ranged.toFile())) {
            assertThat(a.getSheet("待识别").getLastRowNum()).isEqualTo(60);
            assertThat(cells(b.getSheet("待识别"))).isEqualTo(cells(a.getSheet("待识别")));
        }
    }

    private static List<String> cells(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell c : row) {
                out.add(c.getAddress() + "=" + c.toString());
            }
        }
        return out;
    }
}
