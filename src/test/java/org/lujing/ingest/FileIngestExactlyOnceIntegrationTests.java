package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.operations.CrashRecoveryIntegrationTests;
import org.lujing.operations.JobQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A file's content is loaded once: a file damaged at its very last row writes nothing to the ledger (its rows were
 * staged, never published) and releases its claim, so the corrected file loads whole; the same content again is a
 * duplicate before a single row is staged; rows that repeat an identity within a file and across files merge.
 */
@SpringBootTest(properties = {"camel.main.auto-startup=false", "lujing.ingest.publish-slice-rows=70"})
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FileIngestExactlyOnceIntegrationTests {

    static final Path HOME = TestHomes.fresh("exactly-once");
    static final int ROWS = 300;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    JobQueries jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    @org.junit.jupiter.api.Order(1) // from an empty ledger
    void aFileDamagedAtItsLastRowWritesNothingAndItsCorrectionLoadsWhole() throws IOException {
        // given a workbook whose last row is broken XML
        Path good = workbook(HOME.resolve("good.xlsx"), 0);
        Path damaged = HOME.resolve("damaged.xlsx");
        breakLastRow(good, damaged);

        // when it is ingested
        FileIngestService.Result refused = ingest.ingest(damaged, "community");

        // then it is refused whole with nothing in the ledger, its staged rows thrown away and its claim released
        IngestedFile f = refused.file().orElseThrow();
        assertThat(f.outcome()).isEqualTo("FILE_CORRUPT");
        assertThat(f.message()).contains("damaged.xlsx");
        assertThat(count("SELECT COUNT(*) FROM support_record")).isZero();
        assertThat(count("SELECT COUNT(*) FROM record_source")).isZero();
        assertThat(count("SELECT COUNT(*) FROM file_claim WHERE file_id = " + f.id()))
                .isZero();
        assertThat(jobs.steps(refused.jobExecutionId()))
                .extracting(JobQueries.Step::name)
                .containsExactly("inspectFileStep", "stageRowsStep");
        assertThat(refused.storedAt()).startsWith(HOME.resolve("quarantine"));
        assertStagingEmpty();

        // and the corrected file loads whole, in slices of 70
        FileIngestService.Result loaded = ingest.ingest(good, "community");
        IngestedFile g = loaded.file().orElseThrow();
        assertThat(g.outcome()).isEqualTo("LOADED");
        assertThat(g.rowsRead()).isEqualTo(ROWS);
        assertThat(g.accepted()).isEqualTo(ROWS - 1);
        assertThat(g.merged()).as("the last row repeats the first").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(ROWS - 1);
        assertThat(count("SELECT COUNT(*) FROM record_source WHERE file_id = " + g.id()))
                .isEqualTo(ROWS);
        assertThat(count("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM record_source GROUP BY record_id) l"))
                .as("the repeated row links to the first row's record")
                .isEqualTo(2);
        assertStagingEmpty();

        // when the same content comes again
        FileIngestService.Result again = ingest.ingest(good, "community");

        // then it is a duplicate, recognised before any row was staged, and nothing is counted twice
        IngestedFile d = again.file().orElseThrow();
        assertThat(d.outcome()).isEqualTo("DUPLICATE_FILE");
        assertThat(d.duplicateOf()).isEqualTo(g.id());
        assertThat(d.message())
                .startsWith("与文件 #" + g.id() + " 内容相同")
                .contains(" ‖ same content as file #")
                .doesNotContain("注意");
        // and sent as another partner's, it says whose file the earlier one was counted as
        IngestedFile elsewhere = ingest.ingest(good, "university").file().orElseThrow();
        assertThat(elsewhere.outcome()).isEqualTo("DUPLICATE_FILE");
        assertThat(elsewhere.message())
                .contains("注意：文件 #" + g.id() + " 是作为「麓景社区居委会」（community）的文件导入的，不是「湖南工商大学」（university）");
        assertThat(jobs.steps(again.jobExecutionId()))
                .extracting(JobQueries.Step::name)
                .containsExactly("inspectFileStep");
        assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(ROWS);

        // and a file that repeats part of the ledger in other rows merges them into the records it names
        Path overlap = workbook(HOME.resolve("overlap.xlsx"), 200);
        IngestedFile o = ingest.ingest(overlap, "community").file().orElseThrow();
        assertThat(o.outcome()).isEqualTo("LOADED");
        assertThat(new int[] {o.rowsRead(), o.accepted(), o.merged()})
                .as("rows 0..199 and the last are in the ledger, rows 200..298 name another agency: new records")
                .containsExactly(ROWS, 99, 201);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(ROWS - 1 + 99);
        assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(2 * ROWS);
        assertThat(count("SELECT COUNT(*) FROM support_record r"
                        + " WHERE NOT EXISTS (SELECT 1 FROM record_source s WHERE s.record_id = r.id)"))
                .as("every record has its source rows")
                .isZero();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aFileInAFormatItsSourceDoesNotSendIsRefusedWholeAndLoadsInItsOwnFolder() throws IOException {
        // given a community workbook dropped into the university's folder, which sends CSV only
        Path misplaced = workbook(HOME.resolve("misplaced.xlsx"), 150);
        long records = count("SELECT COUNT(*) FROM support_record");

        // when it is ingested as the university's
        FileIngestService.Result refused = ingest.ingest(misplaced, "university");

        // then it is refused whole, saying why and what to do, before a row is staged or its records credited to
        // the university; its claim goes with it
        IngestedFile f = refused.file().orElseThrow();
        assertThat(f.outcome()).isEqualTo("FILE_UNSUPPORTED");
        assertThat(f.message())
                .startsWith("misplaced.xlsx 是 xlsx 文件，而「湖南工商大学」（university）约定只发送 csv 文件：是否放错了文件夹？")
                .contains("jobs/sources/university.yaml 的 formats 中加入 xlsx")
                .contains(" ‖ misplaced.xlsx is a xlsx file, but source 'university' sends only csv");
        assertThat(refused.storedAt()).startsWith(HOME.resolve("quarantine"));
        assertThat(jobs.steps(refused.jobExecutionId()))
                .extracting(JobQueries.Step::name)
                .containsExactly("inspectFileStep");
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(records);
        assertThat(count("SELECT COUNT(*) FROM file_claim WHERE file_id = " + f.id()))
                .isZero();

        // and put where it belongs, the same file loads
        assertThat(ingest.ingest(misplaced, "community").outcome()).startsWith("LOADED");
    }

    private void assertStagingEmpty() throws IOException {
        try (Stream<Path> files = Files.list(Files.createDirectories(HOME.resolve("data/staging")))) {
            assertThat(files).isEmpty();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /**
     * ROWS activity rows, one person each, whose last row repeats the first row's identity; from row
     * {@code newFrom} on (0: none) the delivering agency differs, which makes those rows other records.
     */
    static Path workbook(Path file, int newFrom) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("台账");
            String[] header = {"日期", "姓名", "身份证号", "活动类型", "合作单位"};
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            for (int i = 0; i < ROWS; i++) {
                // rows below newFrom are those of the first file; from newFrom on, another agency makes them new
                int person = i == ROWS - 1 ? 0 : i;
                boolean renamed = newFrom > 0 && i >= newFrom && i != ROWS - 1;
                String first17 = "4301041980" + String.format("%02d%02d", 1 + person % 12, 1 + person % 28)
                        + String.format("%03d", person % 1000);
                Row r = sheet.createRow(i + 1);
                r.createCell(0)
                        .setCellValue(
                                LocalDate.of(2025, 3, 1).plusDays(person % 28).toString());
                r.createCell(1).setCellValue("对象" + person);
                r.createCell(2).setCellValue(first17 + CrashRecoveryIntegrationTests.check(first17));
                r.createCell(3).setCellValue("公益活动");
                r.createCell(4).setCellValue(renamed ? "湖南工商大学" : "湘江英烈纪念馆");
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    /** Copies the workbook with its sheet's last row cut off mid-tag: readable up to there, broken at its end. */
    static void breakLastRow(Path from, Path to) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    int last = xml.lastIndexOf("<row ");
                    xml = xml.substring(0, last) + "<row r=\"" + (ROWS + 1) + "\"><c r=\"A" + (ROWS + 1)
                            + "\" t=\"inlineStr\"><is><t>2025-03-01</t></is></c><c r=\"B</sheetData></worksheet>";
                    bytes = xml.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
