package org.lujing.read;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * A workbook's shared strings as plain text, one {@link String} per {@code <si>}, read once with StAX. POI's
 * {@code ReadOnlySharedStringsTable} builds an XMLBeans rich-text object for every cell it is asked for, which was
 * the largest cost of reading a big sheet; the text is the same: {@code <t>} of the item and of its {@code <r>} runs,
 * phonetic runs ({@code <rPh>}) left out, {@code _xHHHH_} escapes undone.
 */
final class XlsxSharedStrings {

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /**
     * What an item costs on the heap besides its chars, roughly: the String and its array headers, its cell once
     * used, and the two slots that hold them.
     */
    private static final int ITEM_OVERHEAD_BYTES = 72;

    private final String[] items;

    /** One immutable cell per item, made when first used: a column of repeated values shares it. */
    private final Cell[] cells;

    private XlsxSharedStrings(String[] items) {
        this.items = items;
        this.cells = new Cell[items.length];
    }

    /**
     * Reads the package's shared-strings part (none is fine: a workbook of numbers has none). More than
     * {@code budgetBytes} of text, by the part's unpacked size or as the strings pile up, is refused as
     * {@link FileOutcome#FILE_TOO_LARGE} before it can exhaust the heap.
     */
    static XlsxSharedStrings read(File file, OPCPackage pkg, XMLInputFactory xml, long budgetBytes)
            throws IOException, XMLStreamException, InvalidFormatException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new XlsxSharedStrings(new String[0]);
        }
        PackagePart part = parts.get(0);
        long unpacked =
                part.getSize(); // the zip entry's declared size; -1 when unknown, and checked again while reading
        if (unpacked > budgetBytes) {
            throw tooLarge(file, unpacked + " bytes unpacked");
        }
        try (PushbackInputStream in = new PushbackInputStream(part.getInputStream(), 1)) {
            int first = in.read();
            if (first < 0) {
                return new XlsxSharedStrings(new String[0]); // an empty part, as POI accepts it
            }
            in.unread(first);
            return new XlsxSharedStrings(parse(file, in, xml, budgetBytes));
        }
    }

    private static String[] parse(File file, InputStream in, XMLInputFactory xml, long budgetBytes)
            throws XMLStreamException {
        XMLStreamReader r = xml.createXMLStreamReader(in);
        try {
            ArrayList<String> items = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean inTable = false; // items count only inside <sst>, as POI's: a damaged root holds none
            boolean inText = false;
            int phoneticDepth = 0;
            long retained = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw XlsxFailures.unsafeDoctype(file, "sharedStrings.xml");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String local = MAIN_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
                        if ("si".equals(local)) {
                            text.setLength(0);
                        } else if ("t".equals(local)) {
                            inText = true;
                        } else if ("rPh".equals(local)) {
                            phoneticDepth++;
                        } else if ("sst".equals(local)) {
                            inTable = true;
                            presize(items, r.getAttributeValue(null, "uniqueCount"));
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (inText && phoneticDepth == 0) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                            if (retained + 2L * text.length() > budgetBytes) { // one enormous item counts too
                                throw tooLarge(file, "more than " + budgetBytes + " bytes of text in memory");
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String local = MAIN_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
                        if ("si".equals(local) && inTable) {
                            String item = XlsxRawSheets.decodeEscapes(text.toString());
                            retained += ITEM_OVERHEAD_BYTES + 2L * item.length();
                            if (retained > budgetBytes) {
                                throw tooLarge(file, "more than " + budgetBytes + " bytes of text in memory");
                            }
                            items.add(item);
                        } else if ("t".equals(local)) {
                            inText = false;
                        } else if ("rPh".equals(local)) {
                            phoneticDepth = Math.max(0, phoneticDepth - 1);
                        } else if ("sst".equals(local)) {
                            inTable = false;
                        }
                    }
                    default -> {
                        // comments, processing instructions, whitespace outside text: nothing to keep
                    }
                }
            }
            return items.toArray(String[]::new);
        } finally {
            r.close();
        }
    }

    /** Sizes the list for the declared count, within reason: the attribute is the writer's claim, not a fact. */
    private static void presize(ArrayList<String> items, String uniqueCount) {
        if (uniqueCount == null) {
            return;
        }
        try {
            items.ensureCapacity((int) Math.min(Long.parseLong(uniqueCount.strip()), 100_000));
        } catch (NumberFormatException ignored) {
            // a broken count changes nothing: items are counted as they are read
        }
    }

    private static UnreadableFileException tooLarge(File file, String what) {
        return new UnreadableFileException(
                FileOutcome.FILE_TOO_LARGE,
                file.getName()
                        + " 的共享字符串表太大（" + what + "），超出可用内存；请按月拆分文件，或另存为 CSV 后提交"
                        + " / holds too much distinct text for memory (its shared-strings table, " + what
                        + "): split it into smaller files (by month) or save it as CSV");
    }

    /** The text cell of item {@code index}; a cell pointing past the table means the file is damaged. */
    Cell cell(File file, int index) {
        if (index < 0 || index >= items.length) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_CORRUPT,
                    file.getName()
                            + " 已损坏：单元格引用了不存在的共享字符串 / a cell refers to shared string " + index
                            + ", which the workbook does not hold (it has " + items.length + ")");
        }
        Cell cell = cells[index];
        if (cell == null) {
            cell = Cell.text(items[index]);
            cells[index] = cell;
        }
        return cell;
    }

    /** The plain text of item {@code index}, whitespace and all. */
    String item(int index) {
        return items[index];
    }

    int size() {
        return items.length;
    }
}
