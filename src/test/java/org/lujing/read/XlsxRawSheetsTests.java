package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cell forms other writers than Excel put into .xlsx sheets (found by comparing with POI's usermodel on its corpus),
 * and the shared-strings table: the same text as POI's, refused whole when hostile or too large for the heap.
 */
class XlsxRawSheetsTests {

    static final String SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    @TempDir
    Path dir;

    @Test
    void inlineStringsInValueElementsEscapesAndEmptySharedStringCellsAreRead() throws IOException {
        Path file = dir.resolve("other-writers.xlsx");
        XlsxSafetyTests.writeXlsx(
                file,
                out ->
                        out.write(
                                ("<row r=\"2\">"
                                                + "<c r=\"A2\" t=\"inlineStr\"><v t=\"inlineStr\">张三</v></c>" // LibreOffice, for a formula's text
                                                + "<c r=\"B2\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"
                                                + "<c r=\"C2\" t=\"inlineStr\"><is><t>2025-03-07</t></is></c>"
                                                + "<c r=\"D2\" t=\"inlineStr\"><is><t>第一行_x000d_\n第二行 _x005F_x</t></is></c>" // OOXML escapes
                                                + "<c r=\"E2\" t=\"s\"><v></v></c>" // a shared-string cell left empty
                                                + "</row>")
                                        .getBytes(StandardCharsets.UTF_8)));

        List<SourceRow> rows = XlsRawSheetsTests.readAll(file);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.get(0).cells().get(3).text()).isEqualTo("第一行\r\n第二行 _x");
        assertThat(rows.get(0).cells().get(4).isBlank()).isTrue();
    }

    @Test
    void aRowNumberBeyondExcelsLastRowIsCorrupt() throws IOException {
        Path file = dir.resolve("row-overflow.xlsx");
        XlsxSafetyTests.writeXlsx(
                file, out -> out.write("<row r=\"2147483647\"><c><v>1</v></c></row>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(file))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
                    assertThat(e.getMessage()).contains("row-overflow.xlsx");
                });
    }

    @Test
    void aFormulaErrorIsABlankThatKeepsItsCode() throws IOException {
        Path file = dir.resolve("errors.xlsx");
        XlsxSafetyTests.writeXlsx(
                file,
                out -> out.write(("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c>"
                                + "<c r=\"B2\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"
                                + "<c r=\"C2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>")
                        .getBytes(StandardCharsets.UTF_8)));

        Cell date = XlsRawSheetsTests.readAll(file).get(0).cell(Field.DATE);

        assertThat(date.isBlank()).isTrue();
        assertThat(date.errorCode()).isEqualTo("#DIV/0!");
        assertThat(Cell.text("x").errorCode()).isNull();
    }

    @Test
    void aFormulaWithoutAStoredResultIsNoValueAndPhoneticGuidesAreNotText() throws IOException {
        Path file = dir.resolve("formulas.xlsx");
        XlsxSafetyTests.writeXlsx(
                file,
                out -> out.write(("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>张三</t></r>"
                                + "<rPh sb=\"0\" eb=\"2\"><t>zhang san</t></rPh></is></c>"
                                + "<c r=\"B2\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"
                                + "<c r=\"C2\"><f>DATE(2025,3,7)</f></c></row>"
                                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>李四</t></is></c>"
                                + "<c r=\"C3\" t=\"str\"><f>IF(1,\"\",\"x\")</f><v></v></c></row>")
                        .getBytes(StandardCharsets.UTF_8)));

        List<SourceRow> rows = XlsRawSheetsTests.readAll(file);

        // a program that wrote the formula without computing it left no value: not a blank the partner meant
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.get(0).cell(Field.DATE).isBlank()).isTrue();
        assertThat(rows.get(0).cell(Field.DATE).errorCode()).isEqualTo(Cell.NO_RESULT);
        // a formula whose result is the empty text is a plain blank
        assertThat(rows.get(1).cell(Field.DATE).isBlank()).isTrue();
        assertThat(rows.get(1).cell(Field.DATE).errorCode()).isNull();
    }

    @Test
    void aRowWrittenTwiceIsDamageNotTwoRows() throws IOException {
        // each row's (sheet, row) is its identity in the ledger's provenance: two rows numbered alike failed the file
        // at publication with a database error
        Path file = dir.resolve("row-twice.xlsx");
        String row = "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c></row>";
        XlsxSafetyTests.writeXlsx(file, out -> out.write((row + row).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(file))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
                    assertThat(e.getMessage())
                            .contains("row-twice.xlsx")
                            .contains("第 2 行在文件中出现了两次")
                            .contains("holds row 2 twice");
                });
    }

    @Test
    void sheetNamesExcelWouldRefuseAreMaskedCutAndMadeUnique() throws Exception {
        // two sheets named alike, at 150 characters, after a person's ID number: a crafted workbook can
        String id = "430104196804120314";
        String named = id + "矫".repeat(132);
        Path file = dir.resolve("named.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            for (String sheet : List.of("SA", "SB")) {
                var s = wb.createSheet(sheet);
                var header = s.createRow(0);
                header.createCell(0).setCellValue("姓名");
                header.createCell(1).setCellValue("身份证号");
                header.createCell(2).setCellValue("日期");
                var data = s.createRow(1);
                data.createCell(0).setCellValue("张三");
                data.createCell(1).setCellValue("11010519491231002X");
                data.createCell(2).setCellValue("2025-03-07");
            }
            try (var out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        renameSheets(file, "SA", named, "SB", named);

        List<SourceRow> rows = XlsRawSheetsTests.readAll(file);

        assertThat(rows).hasSize(2);
        assertThat(rows)
                .extracting(SourceRow::sheet)
                .doesNotHaveDuplicates()
                .allSatisfy(sheet -> assertThat(sheet)
                        .hasSizeLessThanOrEqualTo(SheetTableReader.MAX_SHEET_NAME + 3)
                        .doesNotContain(id)
                        .startsWith("4301"));
    }

    @Test
    void aWorkbookOfASheetADayIsReadAndOneOfTooManyPartsIsRefusedForThat() throws Exception {
        // given a workbook of 1,200 small sheets (over POI's default of 1,000 zip entries, a bomb to it)
        Path many = dir.resolve("daily.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            for (int i = 0; i < 1200; i++) {
                var row = wb.createSheet("d" + i).createRow(0);
                row.createCell(0).setCellValue("姓名");
                row.createCell(1).setCellValue("身份证号");
                row.createCell(2).setCellValue("日期");
            }
            var data = wb.getSheet("d1199").createRow(1);
            data.createCell(0).setCellValue("张三");
            data.createCell(1).setCellValue("11010519491231002X");
            data.createCell(2).setCellValue("2025-03-07");
            try (var out = Files.newOutputStream(many)) {
                wb.write(out);
            }
        }
        // and a small one padded past the limit with parts of nothing
        Path padded = dir.resolve("padded.xlsx");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(many));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(padded))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
                out.closeEntry();
            }
            for (int i = 0; i < PartnerFileReaders.MAX_ZIP_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("pad/" + i + ".xml"));
                out.closeEntry();
            }
        }

        // then the first is read to its last sheet, and the second is refused naming the number of parts
        assertThat(XlsRawSheetsTests.readAll(many)).extracting(SourceRow::sheet).containsExactly("d1199");
        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(padded))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
                    assertThat(e.getMessage()).contains("内部的部件超过 10000 个").doesNotContain("压缩炸弹");
                });
    }

    /** Rewrites the sheets' names in the workbook part, as no Excel would save them. */
    private static void renameSheets(Path file, String... fromTo) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".orig");
        Files.move(file, copy);
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(copy));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("xl/workbook.xml")) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    for (int i = 0; i < fromTo.length; i += 2) {
                        xml = xml.replace("name=\"" + fromTo[i] + "\"", "name=\"" + fromTo[i + 1] + "\"");
                    }
                    bytes = xml.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    @Test
    void sharedStringsAreThePlainTextOfEachItemAsPoiReadsIt() throws Exception {
        // given: runs, a phonetic run, escapes, entities, spaces kept, an empty item, and a run in another namespace
        Path file = dir.resolve("shared.xlsx");
        writeWithSharedStrings(
                file,
                "<sst xmlns=\"" + SST_NS + "\" count=\"7\" uniqueCount=\"7\">"
                        + "<si><t>张三</t></si>"
                        + "<si><r><rPr><b/></rPr><t>湖南</t></r><r><t xml:space=\"preserve\"> 工商 </t></r><r><t>大学</t></r></si>"
                        + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
                        + "<si><t>第一行_x000d_\n第二行 &amp; &lt;三&gt; _x005F_x</t></si>"
                        + "<si><t/></si>"
                        + "<si><t><![CDATA[A&B]]></t><x:t xmlns:x=\"urn:other\">not text</x:t></si>"
                        + "<si><t>11010519491231002X</t></si>"
                        + "</sst>",
                "<row r=\"2\">" + sharedCell("A2", 0) + sharedCell("B2", 6) + sharedCell("C2", 1) + sharedCell("D2", 2)
                        + sharedCell("E2", 3) + sharedCell("F2", 4) + sharedCell("G2", 5) + "</row>");

        // when
        List<String> ours = sharedStrings(file, Long.MAX_VALUE);
        List<SourceRow> rows = XlsRawSheetsTests.readAll(file);

        // then
        assertThat(ours)
                .containsExactly("张三", "湖南 工商 大学", "東京", "第一行\r\n第二行 & <三> _x", "", "A&B", "11010519491231002X");
        assertThat(ours).isEqualTo(poiSharedStrings(file));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cells())
                .extracting(Cell::text)
                .containsExactly("张三", "11010519491231002X", "湖南 工商 大学", "東京", "第一行\r\n第二行 & <三> _x", "", "A&B");
        assertThat(rows.get(0).cells().get(5).isBlank()).isTrue();
    }

    @Test
    void aWorkbookWithoutSharedStringsOrWithAnEmptyTableIsRead() throws IOException {
        Path none = dir.resolve("none.xlsx");
        XlsxSafetyTests.writeXlsx(
                none,
                out -> out.write(("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c>" + "</row>")
                        .getBytes(StandardCharsets.UTF_8)));
        Path empty = dir.resolve("empty.xlsx");
        writeWithSharedStrings(empty, "", "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c></row>");

        assertThat(XlsRawSheetsTests.readAll(none)).hasSize(1);
        assertThat(XlsRawSheetsTests.readAll(empty)).hasSize(1);
    }

    @Test
    void aCellPointingPastTheSharedStringsIsCorrupt() throws IOException {
        Path file = dir.resolve("dangling.xlsx");
        writeWithSharedStrings(
                file,
                "<sst xmlns=\"" + SST_NS + "\"><si><t>张三</t></si></sst>",
                "<row r=\"2\">" + sharedCell("A2", 0) + sharedCell("B2", 1) + "</row>");

        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(file))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
                    assertThat(e.getMessage()).contains("dangling.xlsx").contains("shared string 1");
                });
    }

    @Test
    void entitiesDeclaredInTheSharedStringsAreRefusedAsUnsafe() throws IOException {
        Path file = dir.resolve("sst-doctype.xlsx");
        writeWithSharedStrings(
                file,
                "<!DOCTYPE sst [<!ENTITY lol \"lol\">]><sst xmlns=\"" + SST_NS + "\"><si><t>&lol;</t></si></sst>",
                "<row r=\"2\">" + sharedCell("A2", 0) + "</row>");

        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(file))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
                    assertThat(e.getMessage()).contains("sst-doctype.xlsx").contains("sharedStrings.xml");
                });
    }

    @Test
    void sharedStringsBeyondTheHeapBudgetAreRefusedAsTooLargeWithTheFix() throws Exception {
        // given: 2,000 short items, about 40 KB of XML that would take about 150 KB of heap
        StringBuilder sst = new StringBuilder("<sst xmlns=\"" + SST_NS + "\">");
        for (int i = 0; i < 2_000; i++) {
            sst.append("<si><t>").append(i).append("</t></si>");
        }
        Path file = dir.resolve("distinct.xlsx");
        writeWithSharedStrings(file, sst.append("</sst>").toString(), "<row r=\"2\">" + sharedCell("A2", 0) + "</row>");
        long unpacked = sst.length();

        // then: refused by its unpacked size, and by the heap its items take though the part itself is smaller
        for (long budget : new long[] {unpacked / 2, unpacked * 2}) {
            assertThatThrownBy(() -> new XlsxRawSheets(file.toFile(), budget))
                    .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                        assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_TOO_LARGE);
                        assertThat(e.getMessage())
                                .contains("distinct.xlsx")
                                .contains("split")
                                .contains("CSV");
                    });
        }
        assertThat(sharedStrings(file, unpacked * 10)).hasSize(2_000);
    }

    @Test
    void sharedStringsMatchPoisOnItsCorpus() throws Exception {
        int compared = 0;
        int items = 0;
        for (Path file : PoiCorpusRobustnessTests.corpusFiles(PoiCorpusRobustnessTests.CORPUS)) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".xlsx") && !name.endsWith(".xlsm")) {
                continue;
            }
            List<String> theirs;
            try {
                theirs = poiSharedStrings(file);
            } catch (Exception | StackOverflowError e) {
                continue; // what POI cannot read, the robustness test covers
            }
            List<String> ours;
            try {
                ours = sharedStrings(file, Long.MAX_VALUE);
            } catch (UnreadableFileException e) {
                assertThat(e.outcome()).as(file + ": " + e.getMessage()).isEqualTo(FileOutcome.FILE_UNSAFE);
                continue;
            }
            assertThat(ours).as(file.toString()).isEqualTo(theirs);
            compared++;
            items += ours.size();
        }
        System.out.printf("shared strings: same as POI's in %d corpus workbooks (%d items)%n", compared, items);
        assertThat(compared).as("corpus workbooks compared").isPositive();
    }

    private static List<String> sharedStrings(Path file, long budget) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XlsxSharedStrings strings =
                    XlsxSharedStrings.read(file.toFile(), pkg, XMLHelper.newXMLInputFactory(), budget);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < strings.size(); i++) {
                items.add(strings.item(i));
            }
            pkg.revert();
            return items;
        }
    }

    private static List<String> poiSharedStrings(Path file) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            ReadOnlySharedStringsTable table = new ReadOnlySharedStringsTable(pkg, false);
            List<String> items = new ArrayList<>();
            for (int i = 0; hasItem(table, i); i++) {
                items.add(table.getItemAt(i).getString());
            }
            pkg.revert();
            return items;
        }
    }

    private static boolean hasItem(ReadOnlySharedStringsTable table, int i) {
        try {
            table.getItemAt(i);
            return true;
        } catch (RuntimeException e) {
            return false; // past the end (IllegalStateException), or no table at all
        }
    }

    private static String sharedCell(String ref, int index) {
        return "<c r=\"" + ref + "\" t=\"s\"><v>" + index + "</v></c>";
    }

    /** A minimal .xlsx whose sheet (header row first, inline) refers to a shared-strings part holding {@code sst}. */
    static void writeWithSharedStrings(Path file, String sst, String rows) throws IOException {
        String ns = "http://schemas.openxmlformats.org/";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(
                    zip,
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"" + ns
                            + "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
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
                            + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                            + "<Relationship Id=\"rId2\" Type=\"" + ns
                            + "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            entry(zip, "xl/sharedStrings.xml", sst);
            entry(
                    zip,
                    "xl/worksheets/sheet1.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + ns
                            + "spreadsheetml/2006/main\"><sheetData>" + XlsxSafetyTests.HEADER_ROW + rows
                            + "</sheetData></worksheet>");
        }
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
