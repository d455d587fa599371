package org.lujing.read;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * About how many rows a workbook holds, before it is read, so the reading phase of an ingest can show a percentage:
 * for an {@code .xlsx}, the sum over its sheets of the last row each sheet's {@code <dimension>} names (written by
 * Excel, WPS and LibreOffice before the cells). Only the start of each sheet part is parsed, up to its cells; a sheet
 * without a dimension, or a file that cannot be opened, gives no estimate (the reading phase then shows rows read
 * alone), never an error: reading proper decides what the file is.
 */
public final class RowEstimate {

    private static final Pattern LAST_ROW = Pattern.compile("[A-Z]{1,3}(\\d{1,7})$");

    private RowEstimate() {}

    /** The rows an {@code .xlsx} file's sheets say they span (headers and titles included), or empty. */
    public static OptionalLong xlsx(Path file) {
        XMLInputFactory xml = XmlParts.inputFactory();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            long rows = 0;
            Iterator<InputStream> sheets = new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    long last = lastRow(xml, in);
                    if (last < 0) {
                        return OptionalLong.empty();
                    }
                    rows += last;
                }
            }
            return OptionalLong.of(rows);
        } catch (Exception | StackOverflowError unreadable) {
            return OptionalLong.empty();
        }
    }

    /** The last row of the sheet's dimension, or -1 when the sheet has none before its cells. */
    private static long lastRow(XMLInputFactory xml, InputStream in) throws Exception {
        XMLStreamReader r = xml.createXMLStreamReader(in);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("dimension")) {
                        String ref = r.getAttributeValue(null, "ref");
                        if (ref == null) {
                            return -1;
                        }
                        Matcher m = LAST_ROW.matcher(ref.strip());
                        return m.find() ? Long.parseLong(m.group(1)) : -1;
                    }
                    if (name.equals("sheetData")) {
                        return -1;
                    }
                }
            }
            return -1;
        } finally {
            r.close();
        }
    }
}
