package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken .xlsx files are refused whole, quickly, with the outcome an operator can act on. */
class XlsxSafetyTests {

    static final ReadSettings SETTINGS = XlsRawSheetsTests.SETTINGS;

    static final String HEADER_ROW = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>身份证号</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>";

    @TempDir
    Path dir;

    @Test
    void aZipBombIsRefusedAsUnsafeAsSoonAsItsSheetIsRead() throws IOException {
        // given: a sheet of ~320 MB of rows (padded with whitespace, which XML allows between rows) that deflates to
        // a few hundred KB
        Path bomb = dir.resolve("bomb.xlsx");
        byte[] rows = ("<row><c t=\"inlineStr\"><is><t>张三</t></is></c><c><v>1</v></c></row>" + " ".repeat(8 * 1024))
                .repeat(8)
                .getBytes(StandardCharsets.UTF_8);
        long expanded = writeXlsx(bomb, out -> {
            long n = 0;
            while (n < 320L * 1024 * 1024) {
                out.write(rows);
                n += rows.length;
            }
        });
        long packed = Files.size(bomb);

        // when
        long started = System.nanoTime();
        Throwable refused = catchThrowable(() -> readAll(bomb));
        long ms = (System.nanoTime() - started) / 1_000_000;

        // then
        System.out.printf(
                "zip bomb: %d MB unpacked from %d KB, refused after %d ms%n", expanded >> 20, packed >> 10, ms);
        assertThat(packed).isLessThan(1024 * 1024);
        assertThat(refused).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
            assertThat(e.getMessage()).contains("bomb.xlsx");
        });
        assertThat(ms).as("milliseconds to refuse").isLessThan(5_000);
    }

    @Test
    void aPasswordProtectedXlsxIsEncrypted() throws Exception {
        Path locked = dir.resolve("locked.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (XSSFWorkbook wb = validWorkbook(3);
                    OutputStream data = encryptor.getDataStream(fs)) {
                wb.write(data);
            }
            try (OutputStream out = Files.newOutputStream(locked)) {
                fs.writeFilesystem(out);
            }
        }

        assertOutcome(locked, FileOutcome.FILE_ENCRYPTED);
    }

    @Test
    void aTruncatedXlsxIsCorrupt() throws IOException {
        Path whole = dir.resolve("whole.xlsx");
        try (XSSFWorkbook wb = validWorkbook(2_000);
                OutputStream out = Files.newOutputStream(whole)) {
            wb.write(out);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(readAll(whole)).isEqualTo(2_000);
        assertOutcome(truncated, FileOutcome.FILE_CORRUPT);
    }

    @Test
    void aCellBeyondTheReadLimitIsRefusedAtTheBoundAndACellExcelCanHoldIsRead() throws IOException {
        // given: letters drawn at random, so the part deflates as a real one does (not as a zip bomb)
        int bound = ReadLimits.DEFAULT.maxCellChars();
        Path excelSized = dir.resolve("excel-sized.xlsx");
        Path beyond = dir.resolve("beyond.xlsx");
        Path farBeyond = dir.resolve("far-beyond.xlsx");
        writeXlsx(excelSized, out -> out.write(rowWithText(2, randomLetters(32_767, 1))));
        writeXlsx(beyond, out -> {
            out.write(rowWithText(2, "张三"));
            out.write(rowWithText(3, randomLetters(bound + bound / 2, 2)));
        });
        writeXlsx(farBeyond, out -> out.write(rowWithText(2, randomLetters(XmlParts.MAX_TEXT_CHARS * 2, 3))));

        // then: the reader's bound names the row; past the parser's own bound, the first pass over the sheet (its
        // merged cells) refuses it before any row is read
        assertThat(readAll(excelSized)).isEqualTo(1);
        assertThatThrownBy(() -> readAll(beyond)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
            assertThat(e.getMessage())
                    .contains("第 3 行")
                    .contains(String.valueOf(bound))
                    .contains(ReadLimits.MARK);
        });
        assertThatThrownBy(() -> readAll(farBeyond)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
            assertThat(e.getMessage()).contains("far-beyond.xlsx").contains(ReadLimits.MARK);
        });
    }

    @Test
    void aSharedStringBeyondTheCellBoundIsRefusedWhereACellShowsIt() throws IOException {
        // given: a workbook written by POI, its one shared string then made longer than any cell may be (Excel
        // itself stops at 32,767 characters)
        Path written = dir.resolve("written.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(written)) {
            Sheet s = wb.createSheet("活动");
            XlsRawSheetsTests.row(wb, s, 0, "姓名", "身份证号", "日期");
            XlsRawSheetsTests.row(wb, s, 1, "PLACEHOLDER", XlsRawSheetsTests.ID, LocalDate.of(2025, 3, 7));
            wb.write(out);
        }
        Path long_ = dir.resolve("long-shared.xlsx");
        String longText = randomLetters(ReadLimits.DEFAULT.maxCellChars() + 10, 5);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(written));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(long_))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("xl/sharedStrings.xml")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("PLACEHOLDER", longText)
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }

        assertThatThrownBy(() -> readAll(long_)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
            assertThat(e.getMessage()).contains("第 2 行").contains(ReadLimits.MARK);
        });
    }

    @Test
    void aRowOfMoreCellsThanTheBoundIsRefused() throws IOException {
        int bound = ReadLimits.DEFAULT.maxCells();
        Path wide = dir.resolve("wide.xlsx");
        writeXlsx(wide, out -> {
            out.write("<row r=\"2\">".getBytes(StandardCharsets.UTF_8));
            java.util.Random random = new java.util.Random(4);
            for (int i = 0; i <= bound; i++) {
                out.write(("<c><v>" + random.nextInt(1_000_000) + "</v></c>").getBytes(StandardCharsets.UTF_8));
            }
            out.write("</row>".getBytes(StandardCharsets.UTF_8));
        });

        assertThatThrownBy(() -> readAll(wide)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
            assertThat(e.getMessage()).contains("第 2 行").contains(ReadLimits.MARK);
        });
    }

    @Test
    void aDamagedPartIsCorruptAndTheParserPrintsNothingOfItsOwn() throws IOException {
        // given: a byte that is not UTF-8 in the middle of the sheet's rows
        Path damaged = dir.resolve("damaged.xlsx");
        writeXlsx(damaged, out -> {
            out.write(rowWithText(2, "张三"));
            out.write(new byte[] {'<', 'r', 'o', 'w', '>', (byte) 0xff, (byte) 0xfe});
        });
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;

        // when
        Throwable refused;
        System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            refused = catchThrowable(() -> readAll(damaged));
        } finally {
            System.setErr(stderr);
        }

        // then: the JDK's parser would also write "[Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence."
        assertThat(refused).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
            assertThat(e.getMessage()).contains("damaged.xlsx");
        });
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static byte[] rowWithText(int row, String text) {
        return ("<row r=\"" + row + "\"><c r=\"A" + row + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String randomLetters(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    @Test
    void entityExpansionInASheetIsRefusedNotExpanded() throws IOException {
        Path laughs = dir.resolve("laughs.xlsx");
        StringBuilder doctype = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol \"lol\">");
        doctype.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            doctype.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        doctype.append("]>");
        writeXlsx(
                laughs,
                doctype.toString(),
                out -> out.write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
                        .getBytes(StandardCharsets.UTF_8)));

        long started = System.nanoTime();
        Throwable refused = catchThrowable(() -> readAll(laughs));
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertThat(refused)
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE));
        assertThat(ms).isLessThan(5_000);
    }

    @Test
    void binaryAndOpenDocumentWorkbooksAreUnsupportedAndSayToSaveAsXlsx() throws IOException {
        for (String name : new String[] {"ledger.xlsb", "ledger.ods"}) {
            Path file = dir.resolve(name);
            try (XSSFWorkbook wb = validWorkbook(1);
                    OutputStream out = Files.newOutputStream(file)) {
                wb.write(out); // a zip, as both formats are: the name alone decides
            }
            assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED);
                assertThat(e.getMessage()).contains(name).contains("xlsx");
            });
        }
    }

    private void assertOutcome(Path file, FileOutcome outcome) {
        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(outcome);
            assertThat(e.getMessage()).contains(file.getFileName().toString());
        });
    }

    static XSSFWorkbook validWorkbook(int dataRows) {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("活动");
        XlsRawSheetsTests.row(wb, s, 0, "姓名", "身份证号", "日期");
        for (int i = 1; i <= dataRows; i++) {
            XlsRawSheetsTests.row(
                    wb,
                    s,
                    i,
                    "张三" + i,
                    XlsRawSheetsTests.ID,
                    LocalDate.of(2025, 3, 7).plusDays(i % 300));
        }
        return wb;
    }

    static int readAll(Path file) throws IOException {
        int rows = 0;
        try (TableReader reader = PartnerFileReaders.open(file, SETTINGS)) {
            while (reader.next() != null) {
                rows++;
            }
        }
        return rows;
    }

    private static Throwable catchThrowable(ThrowingRunnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    interface SheetRows {
        void write(OutputStream out) throws IOException;
    }

    static long writeXlsx(Path file, SheetRows rows) throws IOException {
        return writeXlsx(file, "", rows);
    }

    /** A minimal valid .xlsx with one sheet (header row first), streamed so that no part is held in memory. */
    static long writeXlsx(Path file, String doctype, SheetRows rows) throws IOException {
        String ns = "http://schemas.openxmlformats.org/";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            entry(
                    zip,
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"" + ns
                            + "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            entry(
                    zip,
                    "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + ns
                            + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + ns
                            + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(
                    zip,
                    "xl/workbook.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + ns
                            + "spreadsheetml/2006/main\" xmlns:r=\"" + ns + "officeDocument/2006/relationships\">"
                            + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(
                    zip,
                    "xl/_rels/workbook.xml.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + ns
                            + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + ns
                            + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            CountingStream counted = new CountingStream(zip);
            counted.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + "<worksheet xmlns=\"" + ns
                            + "spreadsheetml/2006/main\"><sheetData>" + HEADER_ROW)
                    .getBytes(StandardCharsets.UTF_8));
            rows.write(counted);
            counted.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            return counted.count;
        }
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Counts what passes to the zip, without closing it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
