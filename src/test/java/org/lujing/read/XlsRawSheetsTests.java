package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.hssf.record.BlankRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.RecordFactory;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.normalise.CellKind;

/** Legacy .xls workbooks read through PartnerFileReaders, as the hospital sends them; fixtures are written with HSSF. */
class XlsRawSheetsTests {

    static final ReadSettings SETTINGS =
            new ReadSettings(HeaderSynonyms.common(), EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE), null, null);

    static final String ID = "11010519491231002X";

    @TempDir
    Path dir;

    @Test
    void readsRowsBelowTitleRowsWithStringsNumbersDatesAndStringFormulas() throws IOException {
        Path file = workbook("assessments.xls", wb -> {
            Sheet s = wb.createSheet("心理测评");
            row(wb, s, 0, "湖南航天医院心理测评记录表");
            row(wb, s, 1, "填报单位：湖南航天医院", null, null, "填报日期：2025-12-31");
            row(wb, s, 2, "姓名", "身份证号码", "日期", "项目", "时长", "备注");
            row(wb, s, 3, "张三", ID, LocalDate.of(2025, 3, 7), "心理测评", 1.5, null);
            s.createRow(4); // a formatted but empty row
            row(wb, s, 5, "李四", ID, LocalDateTime.of(2025, 3, 8, 14, 30), "心理疏导", 2.0, "复测");
            Row r = row(wb, s, 6, null, ID, LocalDate.of(2025, 3, 9), "团体辅导", 0.25, null);
            r.createCell(0).setCellFormula("CONCATENATE(\"王\",\"五\")");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });

        // when
        List<SourceRow> rows = readAll(file);

        // then
        assertThat(rows)
                .extracting(SourceRow::sheet, SourceRow::rowNumber)
                .containsExactly(tuple("心理测评", 4), tuple("心理测评", 5), tuple("心理测评", 6), tuple("心理测评", 7));
        SourceRow first = rows.get(0);
        assertThat(first.cell(Field.NAME)).isEqualTo(new org.lujing.read.Cell("张三", CellKind.TEXT));
        assertThat(first.cell(Field.ID_NUMBER).text()).isEqualTo(ID);
        assertThat(first.cell(Field.DATE)).isEqualTo(new org.lujing.read.Cell("2025-03-07", CellKind.DATE));
        assertThat(first.cell(Field.HOURS)).isEqualTo(new org.lujing.read.Cell("1.5", CellKind.NUMBER));
        assertThat(first.header(Field.ID_NUMBER)).isEqualTo("身份证号码");
        assertThat(first.date1904()).isFalse();
        assertThat(rows.get(1).cells()).allMatch(org.lujing.read.Cell::isBlank);
        assertThat(rows.get(2).cell(Field.DATE)).isEqualTo(new org.lujing.read.Cell("2025-03-08T14:30", CellKind.DATE));
        assertThat(rows.get(2).cell(Field.HOURS)).isEqualTo(new org.lujing.read.Cell("2", CellKind.NUMBER));
        assertThat(rows.get(2).cell(Field.NOTES).text()).isEqualTo("复测");
        assertThat(rows.get(3).cell(Field.NAME)).isEqualTo(new org.lujing.read.Cell("王五", CellKind.TEXT));
        assertThat(rows.get(3).cell(Field.HOURS).text()).isEqualTo("0.25");
    }

    @Test
    void readsDatesOnThe1904DateSystem() throws IOException {
        Path file = workbook("mac.xls", wb -> {
            ((DateWindow1904Record) wb.getInternalWorkbook().findFirstRecordBySid(DateWindow1904Record.sid))
                    .setWindowing((short) 1);
            Sheet s = wb.createSheet("Sheet1");
            row(wb, s, 0, "姓名", "身份证号", "活动日期");
            // serials are written by hand: HSSF's setCellValue(LocalDate) still counts from 1900 in this workbook
            Cell iso = row(wb, s, 1, "张三", ID).createCell(2);
            iso.setCellValue(44261); // 2025-03-07 counted from 1904-01-01; 1900-based it would be 2021-03-06
            iso.setCellStyle(dateStyle(wb, "yyyy-mm-dd"));
            Cell chinese = row(wb, s, 2, "李四", ID).createCell(2);
            chinese.setCellValue(44268.75);
            chinese.setCellStyle(dateStyle(wb, "yyyy\"年\"m\"月\"d\"日\" h:mm"));
        });

        List<SourceRow> rows = readAll(file);

        assertThat(rows).hasSize(2).allMatch(SourceRow::date1904);
        assertThat(rows)
                .extracting(r -> r.cell(Field.DATE))
                .containsExactly(
                        new org.lujing.read.Cell("2025-03-07", CellKind.DATE),
                        new org.lujing.read.Cell("2025-03-14T18:00", CellKind.DATE));
    }

    @Test
    void readsEverySheetWithAHeaderAndPassesOverInstructionSheets() throws IOException {
        Path file = workbook("two-sheets.xls", wb -> {
            Sheet help = wb.createSheet("说明");
            row(wb, help, 0, "填表说明：每行一次服务；日期写成 2025-03-07。");
            row(wb, help, 1, "如有疑问请联系社区。");
            Sheet data = wb.createSheet("三月");
            row(wb, data, 0, "姓名", "身份证号", "日期", "活动类型");
            row(wb, data, 1, "张三", ID, LocalDate.of(2025, 3, 7), "心理疏导");
            row(wb, data, 2, "李四", ID, LocalDate.of(2025, 3, 14), "团辅");
            Sheet empty = wb.createSheet("空白");
            empty.createRow(0);
        });

        List<SourceRow> rows;
        int sheetsRead;
        try (TableReader reader = PartnerFileReaders.open(file, SETTINGS)) {
            rows = drain(reader);
            sheetsRead = reader.sheetsRead();
        }

        assertThat(sheetsRead).isEqualTo(1);
        assertThat(rows)
                .extracting(
                        SourceRow::sheet,
                        SourceRow::rowNumber,
                        r -> r.cell(Field.CATEGORY).text())
                .containsExactly(tuple("三月", 2, "心理疏导"), tuple("三月", 3, "团辅"));
    }

    @Test
    void rawRowsKeepExcelRowNumbersAndColumnGaps() throws IOException {
        Path file = workbook("gaps.xls", wb -> {
            Sheet s = wb.createSheet("A");
            row(wb, s, 0, "a", null, "c");
            Row far = s.createRow(9);
            far.createCell(3).setCellValue(true);
            far.createCell(4).setCellValue(-0.5);
            far.createCell(5).setCellValue(1e20);
        });

        List<RawSheets.RawRow> raw = new ArrayList<>();
        try (XlsRawSheets sheets = new XlsRawSheets(file.toFile())) {
            RawSheets.RawSheet sheet = sheets.nextSheet();
            assertThat(sheet.name()).isEqualTo("A");
            for (RawSheets.RawRow r = sheet.nextRow(); r != null; r = sheet.nextRow()) {
                raw.add(r);
            }
            assertThat(sheets.nextSheet()).isNull();
        }

        assertThat(raw).extracting(RawSheets.RawRow::number).containsExactly(1, 10);
        assertThat(raw.get(0).cells()).extracting(org.lujing.read.Cell::text).containsExactly("a", "", "c");
        assertThat(raw.get(1).cells())
                .extracting(org.lujing.read.Cell::text)
                .containsExactly("", "", "", "TRUE", "-0.5", "100000000000000000000");
    }

    @Test
    void anOle2FileNamedXlsxIsReadAsXlsAndAZipNamedXlsAsXlsx() throws IOException {
        Path xlsInDisguise = workbook("real-xls.xlsx", wb -> {
            Sheet s = wb.createSheet("S");
            row(wb, s, 0, "姓名", "身份证号", "日期");
            row(wb, s, 1, "张三", ID, LocalDate.of(2025, 3, 7));
        });
        Path xlsxInDisguise = dir.resolve("real-xlsx.xls");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(xlsxInDisguise)) {
            Sheet s = wb.createSheet("S");
            row(wb, s, 0, "姓名", "身份证号", "日期");
            row(wb, s, 1, "李四", ID, LocalDate.of(2025, 3, 8));
            wb.write(out);
        }

        assertThat(readAll(xlsInDisguise))
                .extracting(r -> r.cell(Field.NAME).text())
                .containsExactly("张三");
        assertThat(readAll(xlsxInDisguise))
                .extracting(r -> r.cell(Field.DATE).text())
                .containsExactly("2025-03-08");
    }

    @Test
    void aPasswordProtectedXlsIsRefusedAsEncrypted() throws IOException {
        Path file;
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        try {
            file = workbook("locked.xls", wb -> row(wb, wb.createSheet("S"), 0, "姓名", "身份证号", "日期"));
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        assertThatThrownBy(() -> readAll(file)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_ENCRYPTED);
            assertThat(e.getMessage()).contains("locked.xls");
        });
    }

    @Test
    void aDamagedXlsIsCorruptAndTextNamedXlsIsUnsupported() throws IOException {
        Path whole = workbook("whole.xls", wb -> row(wb, wb.createSheet("S"), 0, "姓名", "身份证号", "日期"));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.xls"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path html = Files.writeString(dir.resolve("export.xls"), "<html><table><tr><td>姓名</td></tr></table></html>");

        assertThatThrownBy(() -> readAll(truncated))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT));
        assertThatThrownBy(() -> readAll(html)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED);
            assertThat(e.getMessage()).contains(".xlsx");
        });
    }

    @Test
    void anEmptyFileARenamedCsvAndARenamedXlsbEachSayWhatTheyAre() throws IOException {
        Path empty = Files.createFile(dir.resolve("空.csv"));
        Path emptyBook = Files.createFile(dir.resolve("空.xlsx"));
        Path csv = Files.writeString(dir.resolve("名单.xlsx"), "姓名,身份证号,日期\n张三,11010519491231002X,2025-03-07\n");
        Path xlsb = dir.resolve("二进制.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(xlsb))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.bin"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }

        for (Path e : List.of(empty, emptyBook)) {
            assertThatThrownBy(() -> readAll(e)).isInstanceOfSatisfying(UnreadableFileException.class, u -> {
                assertThat(u.outcome()).isEqualTo(FileOutcome.NO_TABLE_FOUND);
                assertThat(u.getMessage()).contains("是空文件（0 字节）");
            });
        }
        assertThatThrownBy(() -> readAll(csv)).isInstanceOfSatisfying(UnreadableFileException.class, u -> {
            assertThat(u.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED);
            // saving as a workbook fits every source that takes the name it came with; renaming to .csv only some
            assertThat(u.getMessage())
                    .contains("其实是文本文件（如 CSV）")
                    .contains("请用 Excel 打开后另存为 .xlsx 再重新放入")
                    .contains("该来源也接受 CSV 时，把扩展名改为 .csv 亦可");
        });
        assertThatThrownBy(() -> readAll(xlsb)).isInstanceOfSatisfying(UnreadableFileException.class, u -> {
            assertThat(u.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED);
            assertThat(u.getMessage()).contains("Excel 二进制工作簿 (.xlsb)");
        });
    }

    @Test
    void cellsWrittenOutOfRowOrderComeOutAsWholeRows() throws IOException {
        // given: what some non-Excel writers produce (POI's corpus file 47245_test.xls does it): a cell of row 2
        // stored after row 3's cells, and a styled blank repeated for a cell that already holds a value
        Path ordered = workbook("ordered.xls", wb -> {
            Sheet s = wb.createSheet("S");
            row(wb, s, 0, "姓名", "身份证号", "日期", "备注");
            row(wb, s, 1, "张三", ID, LocalDate.of(2025, 3, 7), "first");
            row(wb, s, 2, "李四", ID, LocalDate.of(2025, 3, 8), "second");
        });
        List<org.apache.poi.hssf.record.Record> records;
        try (POIFSFileSystem fs = new POIFSFileSystem(ordered.toFile(), true)) {
            records = new ArrayList<>(RecordFactory.createRecords(fs.createDocumentInputStream("Workbook")));
        }
        org.apache.poi.hssf.record.Record late = records.stream()
                .filter(r -> r instanceof CellValueRecordInterface c && c.getRow() == 1 && c.getColumn() == 3)
                .findFirst()
                .orElseThrow();
        records.remove(late);
        int afterRow2 = 1 + lastIndex(records, r -> r instanceof CellValueRecordInterface c && c.getRow() == 2);
        records.add(afterRow2, late);
        BlankRecord blank = new BlankRecord();
        blank.setRow(2);
        blank.setColumn((short) 0);
        records.add(afterRow2 + 1, blank);
        Path interleaved = dir.resolve("interleaved.xls");
        try (POIFSFileSystem fs = new POIFSFileSystem();
                OutputStream out = Files.newOutputStream(interleaved)) {
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (org.apache.poi.hssf.record.Record r : records) {
                stream.writeBytes(r.serialize());
            }
            fs.createDocument(new java.io.ByteArrayInputStream(stream.toByteArray()), "Workbook");
            fs.writeFilesystem(out);
        }

        // when
        List<SourceRow> rows = readAll(interleaved);

        // then
        assertThat(rows)
                .extracting(
                        SourceRow::rowNumber,
                        r -> r.cell(Field.NAME).text(),
                        r -> r.cell(Field.NOTES).text())
                .containsExactly(tuple(2, "张三", "first"), tuple(3, "李四", "second"));
    }

    @Test
    void aWorkbookProtectedOnlyWithExcelsDefaultPasswordIsRead() throws IOException {
        Path file;
        Biff8EncryptionKey.setCurrentUserPassword(
                "VelvetSweatshop"); // what Excel uses for "read-only recommended" files
        try {
            file = workbook("write-protected.xls", wb -> {
                Sheet s = wb.createSheet("S");
                row(wb, s, 0, "姓名", "身份证号", "日期");
                row(wb, s, 1, "张三", ID, LocalDate.of(2025, 3, 7));
            });
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }

        assertThat(readAll(file)).extracting(r -> r.cell(Field.DATE).text()).containsExactly("2025-03-07");
    }

    @Test
    void aSharedStringTableBeyondTheHeapBudgetIsRefusedBeforeItIsParsed() throws IOException {
        Path file = workbook("wordy.xls", wb -> {
            Sheet s = wb.createSheet("S");
            for (int i = 0; i < 2_000; i++) {
                row(wb, s, i, "说明文字 " + i);
            }
        });

        assertThatThrownBy(() -> new XlsRawSheets(file.toFile(), 100_000))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("wordy.xls");
                });
        try (XlsRawSheets sheets = new XlsRawSheets(file.toFile(), 10_000_000)) {
            assertThat(sheets.nextSheet().nextRow().cells()).containsExactly(org.lujing.read.Cell.text("说明文字 0"));
        }
    }

    @Test
    void localeFormatsOfChineseExcelAreDates() {
        assertThat(XlsRawSheets.isDateFormat(14, null)).as("m/d/yy").isTrue();
        assertThat(XlsRawSheets.isDateFormat(31, null))
                .as("yyyy年m月d日, reserved in POI")
                .isTrue();
        assertThat(XlsRawSheets.isDateFormat(57, null))
                .as("yyyy年m月, reserved in POI")
                .isTrue();
        assertThat(XlsRawSheets.isDateFormat(0, null)).as("General").isFalse();
        assertThat(XlsRawSheets.isDateFormat(2, null)).as("0.00").isFalse();
        assertThat(XlsRawSheets.isDateFormat(31, false))
                .as("the workbook's own format wins")
                .isFalse();
        assertThat(XlsRawSheets.isDateFormat(200, null))
                .as("an undefined custom format")
                .isFalse();
    }

    @Test
    void damagedCopiesOfAWorkbookYieldRowsOrATypedOutcomeNeverAnotherException() throws IOException {
        Path good = workbook("seed.xls", wb -> {
            Sheet s = wb.createSheet("活动");
            row(wb, s, 0, "姓名", "身份证号", "日期", "时长");
            for (int i = 1; i < 40; i++) {
                row(wb, s, i, "张三" + i, ID, LocalDate.of(2025, 3, 7).plusDays(i), i / 4.0)
                        .createCell(5)
                        .setCellFormula("A" + (i + 1) + "&\"x\"");
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        byte[] seed = Files.readAllBytes(good);
        java.util.Random random = new java.util.Random(20250307);

        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 300; i++) {
                byte[] damaged = seed.clone();
                for (int k = 1 + random.nextInt(12); k > 0; k--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                Path file = Files.write(dir.resolve("damaged-" + i + ".xls"), damaged);
                try {
                    readAll(file);
                } catch (UnreadableFileException e) {
                    assertThat(e.getMessage()).contains(file.getFileName().toString());
                }
            }
        });
    }

    private static <T> int lastIndex(List<T> list, java.util.function.Predicate<T> test) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (test.test(list.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no such element");
    }

    private Path workbook(String name, Consumer<HSSFWorkbook> fill) throws IOException {
        Path file = dir.resolve(name);
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            fill.accept(wb);
            wb.write(out);
        }
        return file;
    }

    /** Writes one row: strings, numbers, dates (date-styled cells); null leaves the cell out. */
    static Row row(Workbook wb, Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (v instanceof String s) {
                cell.setCellValue(s);
            } else if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle(wb, "yyyy-mm-dd"));
            } else if (v instanceof LocalDateTime t) {
                cell.setCellValue(t);
                cell.setCellStyle(dateStyle(wb, "yyyy-mm-dd hh:mm"));
            }
        }
        return row;
    }

    /** One style per format, as Excel writes them (a style per cell would bloat styles.xml past POI's zip-bomb ratio). */
    static CellStyle dateStyle(Workbook wb, String format) {
        short index = wb.createDataFormat().getFormat(format);
        for (int i = 0; i < wb.getNumCellStyles(); i++) {
            if (wb.getCellStyleAt(i).getDataFormat() == index) {
                return wb.getCellStyleAt(i);
            }
        }
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        return style;
    }

    static List<SourceRow> readAll(Path file) throws IOException {
        try (TableReader reader = PartnerFileReaders.open(file, SETTINGS)) {
            return drain(reader);
        }
    }

    static List<SourceRow> drain(TableReader reader) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }

    @org.junit.jupiter.api.Test
    void aFormatShowsNoYearOnlyWhenItNamesAMonthOrDayAndNoYearOrTime() {
        for (String shown : new String[] {"m\"月\"d\"日\"", "d-mmm", "mm-dd", "[$-804]m\"月\"d\"日\""}) {
            org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearless(shown))
                    .as(shown)
                    .isTrue();
        }
        for (String full : new String[] {
            "yyyy-mm-dd",
            "[$-804]yyyy\"年\"m\"月\"d\"日\"",
            "m/d/yy",
            "mmm-yy",
            "yyyy-mm-dd hh:mm",
            "[h]:mm",
            "[h]\"小时\"mm\"分\"",
            "[mm]:ss",
            "h:mm"
        }) {
            org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearless(full))
                    .as(full)
                    .isFalse();
        }
        // Chinese Excel's reserved month-day formats have no string in the file
        org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearlessFormat(28, null))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearlessFormat(58, null))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearlessFormat(31, null))
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(XlsRawSheets.yearlessFormat(14, null))
                .isFalse();
    }
}
