package org.lujing.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lujing.read.Field;
import org.lujing.read.HeaderSynonyms;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.ReadSettings;
import org.lujing.read.SourceRow;
import org.lujing.read.TableReader;

/**
 * Reads a generated .xlsx of N activity rows (default 1,000,000) in which each person's 姓名 and 身份证号 are merged
 * down over the person's rows (default 200,000 merged regions), through the product's streaming reader, and prints
 * the time and the peak heap; then the same rows with every value written out (no merges) for comparison. Run it
 * with the heap capped (bench/merges.sh uses -Xmx256m). Exits 1 when a row comes out without its person.
 *
 * <p>The workbook is written as raw SpreadsheetML (inline strings), not with POI: POI's writers hold every merged
 * region as an XML bean, which would measure the generator rather than the reader.
 */
public final class MergedXlsxReadBenchmark {

    private static final double MIB = 1024 * 1024;
    private static final String[] CATEGORIES = {"公益活动", "普法活动", "教育帮扶", "心理疏导", "团体辅导"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int merges = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path work = Path.of(args.length > 2 ? args[2] : "target/bench");
        Files.createDirectories(work);
        // two merges (姓名, 身份证号) per person: persons = merges / 2, each over rows / persons rows
        int persons = Math.max(1, merges / 2);
        int block = Math.max(2, rows / persons);
        Path merged = generate(work.resolve("merged-" + rows + "-" + merges + ".xlsx"), rows, block, true);
        Path plain = generate(work.resolve("merged-" + rows + "-" + merges + "-plain.xlsx"), rows, block, false);
        System.out.printf(
                "heap limit %.0f MiB, %d CPUs%n",
                Runtime.getRuntime().maxMemory() / MIB, Runtime.getRuntime().availableProcessors());
        boolean ok = read("with merges   ", merged, rows);
        ok &= read("without merges", plain, rows);
        firstPass(merged);
        System.exit(ok ? 0 : 1);
    }

    private static boolean read(String label, Path file, int rows) throws IOException {
        ReadSettings settings = new ReadSettings(
                HeaderSynonyms.common(), EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE), null, null);
        LargeXlsxIngestBenchmark.HeapWatch heap = LargeXlsxIngestBenchmark.HeapWatch.start();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        int n = 0;
        int missing = 0;
        try (TableReader reader = PartnerFileReaders.open(file, settings)) {
            for (SourceRow r = reader.next(); r != null; r = reader.next()) {
                n++;
                if (!r.has(Field.NAME) || !r.has(Field.ID_NUMBER)) {
                    missing++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf(
                "%s: %,d rows in %.1f s (%.1f CPU s, %,.0f rows/s); peak heap in use %.0f MiB, after a collection %.0f MiB;"
                        + " rows without their person: %d%n",
                label, n, seconds, cpu, n / seconds, heap.peakInUse() / MIB, heap.peakAfterGc() / MIB, missing);
        return n == rows && missing == 0;
    }

    /** What the reader's first pass costs alone: the sheet part streamed with StAX, only mergeCell looked at. */
    private static void firstPass(Path file) throws Exception {
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        int regions = 0;
        try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
                file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
            org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator sheets =
                    (org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator)
                            new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg).getSheetsData();
            javax.xml.stream.XMLInputFactory xml = org.apache.poi.util.XMLHelper.newXMLInputFactory();
            while (sheets.hasNext()) {
                try (java.io.InputStream in = sheets.next()) {
                    javax.xml.stream.XMLStreamReader r = xml.createXMLStreamReader(in);
                    while (r.hasNext()) {
                        if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT
                                && "mergeCell".equals(r.getLocalName())) {
                            regions++;
                        }
                    }
                    r.close();
                }
            }
            pkg.revert();
        }
        System.out.printf(
                "first pass alone (the merges only): %,d regions in %.1f s (%.1f CPU s)%n",
                regions, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Kept under target/bench for reruns; written beside and moved into place so a half file is never reused. */
    static Path generate(Path file, int rows, int block, boolean merge) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        long t = System.nanoTime();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (ZipOutputStream zip =
                new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer w = new java.io.OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            w.write("<row r=\"1\">" + text("A1", "麓景社区2025年社区矫正帮扶工作台账") + "</row>");
            w.write("<row r=\"2\">" + text("A2", "序号") + text("B2", "姓名") + text("C2", "身份证号") + text("D2", "日期")
                    + text("E2", "活动类型") + text("F2", "活动名称") + "</row>");
            StringBuilder row = new StringBuilder(512);
            for (int i = 0; i < rows; i++) {
                int r = i + 3;
                int person = i / block;
                boolean first = i % block == 0;
                row.setLength(0);
                row.append("<row r=\"").append(r).append("\">");
                if (first || !merge) {
                    row.append(text("A" + r, Integer.toString(person + 1)));
                    row.append(text("B" + r, "对象" + person));
                    row.append(text("C" + r, String.format("430104%08d%04d", 19800101 + person % 20, person % 10000)));
                }
                row.append(text("D" + r, "2025-" + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28)));
                row.append(text("E" + r, CATEGORIES[i % CATEGORIES.length]));
                row.append(text("F" + r, "活动" + (i % 97)));
                row.append("</row>");
                w.write(row.toString());
            }
            w.write("</sheetData>");
            int regions = 0;
            if (merge) {
                w.write("<mergeCells>");
                for (int p = 0; p * block < rows; p++) {
                    int from = p * block + 3;
                    int to = Math.min(rows, (p + 1) * block) + 2;
                    if (to > from) {
                        w.write("<mergeCell ref=\"B" + from + ":B" + to + "\"/><mergeCell ref=\"C" + from + ":C" + to
                                + "\"/>");
                        regions += 2;
                    }
                }
                w.write("</mergeCells>");
            }
            w.write("</worksheet>");
            w.flush();
            zip.closeEntry();
            System.out.printf(
                    "generated %s (%,d rows, %,d merged regions) in %.1f s%n",
                    file, rows, regions, (System.nanoTime() - t) / 1e9);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("  %s: %.1f MB%n", file.getFileName(), Files.size(file) / 1e6);
        return file;
    }

    private static String text(String ref, String value) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The sheet's writer must not close the zip under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
