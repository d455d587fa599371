package org.lujing.read;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.lujing.normalise.CellKind;
import org.lujing.normalise.Masking;

/**
 * Streams an .xlsx/.xlsm workbook with {@link XSSFReader} opened from a File, pulling each sheet's XML with StAX:
 * one row in memory at a time whatever the size of the sheet. Shared and inline strings, date-formatted numbers
 * (on the 1900 or 1904 date system) and formula results are read; formulas are never evaluated.
 *
 * <p>Why one class of this length: it is one StAX pass over a sheet part and the workbook parts it needs (shared strings, styles for dates, merged regions); the cursor state is shared by every step.
 */
final class XlsxRawSheets implements RawSheets {

    /** Excel's row limit; a larger row number only comes from a damaged or crafted file. */
    private static final int MAX_ROWS = 1_048_576;

    /**
     * Entries each lookup cache below keeps: a year's ledger repeats a few hundred days and a handful of styles;
     * beyond this (times of day, decades of dates, a crafted file) values are worked out afresh.
     */
    private static final int CACHE_LIMIT = 4_096;

    private final File file;
    private final ReadLimits limits;
    private final OPCPackage pkg;
    private final XlsxSharedStrings strings;
    private final StylesTable styles;
    private final XSSFReader.SheetIterator sheetIterator;
    private final boolean date1904;
    private final XMLInputFactory xml = XmlParts.inputFactory();
    private final Map<String, DateStyle> dateStyles = new HashMap<>();
    private final Map<String, Cell> dateCells = new HashMap<>();

    private XMLStreamReader current;
    private InputStream currentStream;

    XlsxRawSheets(File file) {
        this(file, Runtime.getRuntime().maxMemory() / 4, ReadLimits.DEFAULT);
    }

    XlsxRawSheets(File file, long sharedStringsBudget) {
        this(file, sharedStringsBudget, ReadLimits.DEFAULT);
    }

    /**
     * {@code sharedStringsBudget}: bytes of heap the shared strings may take before the file is refused as too large;
     * {@code limits}: what one cell and one row may hold.
     */
    XlsxRawSheets(File file, long sharedStringsBudget, ReadLimits limits) {
        this.file = file;
        this.limits = limits;
        try {
            this.pkg = OPCPackage.open(file, PackageAccess.READ);
        } catch (InvalidFormatException | RuntimeException | StackOverflowError e) {
            throw XlsxFailures.classify(file, e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            this.strings = XlsxSharedStrings.read(file, pkg, xml, sharedStringsBudget);
            this.styles = reader.getStylesTable();
            this.date1904 = readDate1904(reader);
            this.sheetIterator = (XSSFReader.SheetIterator) reader.getSheetsData();
        } catch (OpenXML4JException | IOException | XMLStreamException | RuntimeException | StackOverflowError e) {
            revertQuietly();
            throw XlsxFailures.classify(file, e);
        }
    }

    private boolean readDate1904(XSSFReader reader) throws IOException, OpenXML4JException, XMLStreamException {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader r = xml.createXMLStreamReader(in);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw XlsxFailures.unsafeDoctype(file, "workbook.xml");
                }
                if (ev == XMLStreamConstants.START_ELEMENT && "workbookPr".equals(r.getLocalName())) {
                    String v = r.getAttributeValue(null, "date1904");
                    return "1".equals(v) || "true".equalsIgnoreCase(v);
                }
                if (r.getEventType() == XMLStreamConstants.START_ELEMENT && "sheets".equals(r.getLocalName())) {
                    return false;
                }
            }
            return false;
        }
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    public RawSheet nextSheet() throws IOException {
        closeCurrent();
        String name;
        MergedRegions merges;
        try {
            if (!sheetIterator.hasNext()) {
                return null;
            }
            currentStream = sheetIterator.next();
            name = sheetIterator.getSheetName();
            merges = readMerges(sheetIterator.getSheetPart(), name);
            current = xml.createXMLStreamReader(currentStream);
        } catch (XMLStreamException | IOException | RuntimeException | StackOverflowError e) {
            throw XlsxFailures.classify(file, e, "opening the next sheet");
        }
        XMLStreamReader r = current;
        return new RawSheet() {
            private int lastRow;
            private int filledUpTo;
            /** Row numbers met: a row written twice is damage (Excel repairs such a file), never two rows. */
            private final java.util.BitSet seen = new java.util.BitSet();

            @Override
            public String name() {
                return name;
            }

            @Override
            public int mergeFilledRows() {
                return merges.filledRows();
            }

            @Override
            public RawRow nextRow() {
                try {
                    while (r.hasNext()) {
                        int ev = r.next();
                        if (ev == XMLStreamConstants.DTD) {
                            throw XlsxFailures.unsafeDoctype(file, "sheet '" + name + "'");
                        }
                        if (ev == XMLStreamConstants.START_ELEMENT && "row".equals(r.getLocalName())) {
                            String rAttr = r.getAttributeValue(null, "r");
                            int number = rAttr != null ? Integer.parseInt(rAttr.strip()) : lastRow + 1;
                            if (number < 1 || number > MAX_ROWS) {
                                throw new NumberFormatException("row number out of range: " + rAttr);
                            }
                            if (seen.get(number)) {
                                throw new UnreadableFileException(
                                        FileOutcome.FILE_CORRUPT,
                                        file.getName() + " 已损坏：工作表「" + Masking.value(name) + "」的第 " + number
                                                + " 行在文件中出现了两次（Excel 打开时也会提示修复）；请用 Excel 打开并另存为 .xlsx 后再提交"
                                                + " / is damaged: sheet '" + Masking.value(name) + "' holds row "
                                                + number
                                                + " twice (Excel offers to repair such a file); open it in Excel and"
                                                + " save it as .xlsx again");
                            }
                            seen.set(number);
                            lastRow = number;
                            List<Cell> cells = readCells(r, number);
                            if (number > filledUpTo) {
                                // merges are applied in row order; a row some writer repeats out of order keeps its own
                                cells = merges.fill(number, cells);
                                filledUpTo = number;
                            }
                            return new RawRow(number, cells);
                        }
                    }
                    return null;
                } catch (XMLStreamException | RuntimeException | StackOverflowError e) {
                    throw XlsxFailures.classify(file, e, "sheet '" + Masking.value(name) + "' after row " + lastRow);
                }
            }
        };
    }

    /**
     * The sheet's merged regions, from a first pass over its part that reads nothing but {@code mergeCell} elements
     * (they follow the rows, so the rows cannot be given their merged values without it). The pass streams like
     * the rows' own: one element in memory at a time, and the regions as four ints each.
     */
    private MergedRegions readMerges(PackagePart part, String name) throws IOException, XMLStreamException {
        MergedRegions.Builder merges = new MergedRegions.Builder(file.getName(), name);
        try (InputStream in = part.getInputStream()) {
            XMLStreamReader m = xml.createXMLStreamReader(in);
            try {
                while (m.hasNext()) {
                    int ev = m.next();
                    if (ev == XMLStreamConstants.DTD) {
                        throw XlsxFailures.unsafeDoctype(file, "sheet '" + name + "'");
                    }
                    if (ev == XMLStreamConstants.START_ELEMENT && "mergeCell".equals(m.getLocalName())) {
                        merges.add(m.getAttributeValue(null, "ref"));
                    } else if (ev == XMLStreamConstants.END_ELEMENT && "mergeCells".equals(m.getLocalName())) {
                        break; // nothing after the list concerns the cells
                    }
                }
            } finally {
                m.close();
            }
        }
        return merges.build();
    }

    /**
     * Reads the cells of the current row element, filling gaps left by absent cells with blanks. A cell's text and a
     * row's cells are bounded by {@link ReadLimits}: the parser hands text over in segments, so a giant cell is
     * refused at the bound, not held.
     */
    private List<Cell> readCells(XMLStreamReader r, int row) throws XMLStreamException {
        List<Cell> cells = new ArrayList<>();
        int depth = 1;
        String type = null;
        String style = null;
        int column = -1;
        StringBuilder value = new StringBuilder();
        StringBuilder inline = new StringBuilder();
        boolean inValue = false;
        boolean inInlineText = false;
        // phonetic guides (<rPh>) of an inline string are not its text; a formula (<f>) may lack its result
        boolean inPhonetic = false;
        boolean formula = false;
        boolean stored = false;
        while (depth > 0 && r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String local = r.getLocalName();
                if ("c".equals(local)) {
                    type = r.getAttributeValue(null, "t");
                    style = r.getAttributeValue(null, "s");
                    String ref = r.getAttributeValue(null, "r");
                    column = ref != null ? columnIndex(ref) : cells.size();
                    if (column >= limits.maxCells()) {
                        throw limits.tooManyCells(row);
                    }
                    value.setLength(0);
                    inline.setLength(0);
                    formula = false;
                    stored = false;
                } else if ("v".equals(local)) {
                    inValue = true;
                    stored = true;
                } else if ("t".equals(local)) {
                    inInlineText = !inPhonetic;
                } else if ("rPh".equals(local)) {
                    inPhonetic = true;
                } else if ("f".equals(local)) {
                    formula = true;
                }
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                if (inValue) {
                    value.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                } else if (inInlineText) {
                    inline.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
                if (value.length() > limits.maxCellChars() || inline.length() > limits.maxCellChars()) {
                    throw limits.cellTooLong(row);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                String local = r.getLocalName();
                if ("v".equals(local)) {
                    inValue = false;
                } else if ("t".equals(local)) {
                    inInlineText = false;
                } else if ("rPh".equals(local)) {
                    inPhonetic = false;
                } else if ("c".equals(local)) {
                    while (cells.size() < column) {
                        cells.add(Cell.BLANK);
                    }
                    // a formula's empty text result is stored as an empty <v/>: no <v> at all is no result
                    Cell cell = formula && !stored && inline.isEmpty()
                            ? Cell.noResult()
                            : toCell(type, style, value.toString(), inline.toString());
                    if (cell.text() != null && cell.text().length() > limits.maxCellChars()) {
                        // a shared string is held once for the whole file; a cell showing one this long is refused
                        // as an inline one is
                        throw limits.cellTooLong(row);
                    }
                    if (column < cells.size()) {
                        cells.set(column, cell);
                    } else {
                        cells.add(cell);
                    }
                }
            }
        }
        return cells;
    }

    private Cell toCell(String type, String style, String value, String inline) {
        if (type == null || "n".equals(type)) {
            if (value.isBlank()) {
                return Cell.BLANK;
            }
            DateStyle dateStyle = dateStyle(style);
            if (dateStyle != DateStyle.NONE) {
                boolean yearless = dateStyle == DateStyle.YEARLESS;
                String cacheKey = yearless ? "y" + value : value;
                Cell known = dateCells.get(cacheKey);
                if (known != null) {
                    return known;
                }
                try {
                    double serial = Double.parseDouble(value);
                    LocalDateTime dt = DateUtil.isValidExcelDate(serial)
                            ? DateUtil.getLocalDateTime(serial, date1904, true)
                            : null;
                    if (dt != null) {
                        Cell date = yearless
                                ? XlsRawSheets.yearlessDate(dt)
                                : new Cell(XlsRawSheets.isoText(dt), CellKind.DATE);
                        if (dateCells.size() < CACHE_LIMIT) {
                            dateCells.put(cacheKey, date);
                        }
                        return date;
                    }
                } catch (NumberFormatException ignored) {
                    // a date style on a non-number: fall through and keep the text
                }
            }
            return new Cell(value.strip(), CellKind.NUMBER);
        }
        return switch (type) {
            case "s" -> {
                if (value.isBlank()) {
                    yield Cell.BLANK; // some writers leave an empty <v/> in a shared-string cell: Excel shows nothing
                }
                int index;
                try {
                    index = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw new UnreadableFileException(
                            FileOutcome.FILE_CORRUPT,
                            file.getName()
                                    + " 已损坏：单元格引用了不存在的共享字符串 / a cell refers to shared string " + value.strip()
                                    + ", which the workbook does not hold",
                            e);
                }
                yield strings.cell(file, index);
            }
            // some writers put an inline string in <v> rather than <is><t>
            case "inlineStr" -> Cell.text(decodeEscapes(inline.isEmpty() ? value : inline));
            case "str" -> Cell.text(decodeEscapes(value));
            case "b" -> Cell.text("1".equals(value.strip()) ? "TRUE" : "FALSE");
            case "e" -> Cell.error(value);
            case "d" -> Cell.text(value).isBlank() ? Cell.BLANK : new Cell(value.strip(), CellKind.DATE);
            default -> Cell.text(value);
        };
    }

    /** Whether a style shows numbers as dates, and whether with their year. */
    private enum DateStyle {
        NONE,
        DATED,
        YEARLESS
    }

    private DateStyle dateStyle(String style) {
        if (style == null || styles == null) {
            return DateStyle.NONE;
        }
        DateStyle known = dateStyles.get(style);
        if (known == null) {
            known = dateFormatted(style);
            if (dateStyles.size() < CACHE_LIMIT) { // a crafted file may number its styles without end
                dateStyles.put(style, known);
            }
        }
        return known;
    }

    private DateStyle dateFormatted(String style) {
        int i;
        try {
            i = Integer.parseInt(style);
        } catch (NumberFormatException e) {
            return DateStyle.NONE;
        }
        if (i < 0 || i >= styles.getNumCellStyles()) {
            return DateStyle.NONE;
        }
        XSSFCellStyle cs = styles.getStyleAt(i);
        if (cs == null) {
            return DateStyle.NONE;
        }
        int format = cs.getDataFormat() & 0xFFFF;
        String custom = styles.getNumberFormatAt((short) format);
        if (!XlsRawSheets.isDateFormat(format, custom == null ? null : DateUtil.isADateFormat(format, custom))) {
            return DateStyle.NONE;
        }
        return XlsRawSheets.yearlessFormat(format, custom) ? DateStyle.YEARLESS : DateStyle.DATED;
    }

    /** Undoes OOXML's {@code _xHHHH_} escapes (control characters such as {@code _x000d_}), as Excel shows them. */
    static String decodeEscapes(String text) {
        if (text.indexOf("_x") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (i + 7 <= text.length()
                    && text.startsWith("_x", i)
                    && text.charAt(i + 6) == '_'
                    && isHex(text, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static int columnIndex(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                col = col * 26 + (ch - 'A' + 1);
            } else if (ch >= 'a' && ch <= 'z') {
                col = col * 26 + (ch - 'a' + 1);
            } else {
                break;
            }
            if (col > 16384) {
                throw new NumberFormatException("column reference out of range: " + ref);
            }
        }
        return Math.max(col - 1, 0);
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            try {
                current.close();
            } catch (XMLStreamException ignored) {
                // closing a reader we are done with; the stream is closed below
            }
            current = null;
        }
        if (currentStream != null) {
            currentStream.close();
            currentStream = null;
        }
    }

    private void revertQuietly() {
        try {
            pkg.revert();
        } catch (RuntimeException ignored) {
            // already failing; the original error is what the operator needs
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
        } finally {
            revertQuietly();
        }
    }
}
