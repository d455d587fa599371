package org.lujing.read;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.ContinueRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.RowRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.lujing.normalise.CellKind;

/**
 * Streams a legacy .xls (BIFF8) workbook with POI's HSSF event records, pulled one at a time through
 * {@link RecordFactoryInputStream} (the pull form of {@code HSSFEventFactory}, which decrypts files protected only
 * with Excel's default password and expands RK/MulRK numbers into NUMBER records).
 *
 * <p>Memory: the workbook stream is read once, front to back, never as a whole. The globals (sheet names, shared
 * strings, number formats, the 1904 flag) are kept: the shared-string table is the one part that grows with the
 * file, as in Excel itself. Each worksheet's cells then pass through a reorder window of at most {@value #WINDOW}
 * cells (a few MB) that puts interleaved rows back together, so no sheet, let alone the workbook, is ever held
 * whole: a 200 MB file reads in a 256 MB heap unless it is mostly shared strings.
 *
 * <p>Rows come out in ascending order, numbered as Excel shows them; a row the file announces (ROW record) but gives
 * no cells is reported blank, as the .xlsx reader does. Chart, macro and module sheets are passed over. POI's
 * {@code MissingRecordAwareHSSFListener} is deliberately not used: it fills column gaps with one dummy record per
 * missing column, so a hostile file alternating columns 0 and 65,535 costs 65,535 objects per cell. Columns past
 * .xls's 256 are ignored, and a sheet yielding more than 65,536 rows (possible only when a damaged file repeats rows)
 * is refused as corrupt. Every failure, including POI's runtime exceptions on damaged files, becomes an
 * {@link UnreadableFileException} naming the file.
 *
 * <p>Why one class of this length: it is one state machine over one BIFF record stream (workbook globals, then each sheet: formats, shared strings, merged regions, cells) — split, the records' order and the state they share would be spread over several files.
 */
final class XlsRawSheets implements RawSheets {

    static final int MAX_ROWS = 65_536;
    static final int MAX_COLUMNS = 256;
    /** Cells (and rows) a sheet holds back to put interleaved rows together: a few MB at most. */
    static final int WINDOW = 100_000;

    private static final int MAX_XF = 65_536;
    /** FILEPASS: the workbook is encrypted from here on (record bodies only). */
    private static final int FILE_PASS_SID = 0x002F;
    /** Names of the workbook stream in an OLE2 file: BIFF8 spellings, and "Book" for Excel 95 and older. */
    private static final List<String> WORKBOOK_ENTRIES = List.of("Workbook", "WORKBOOK", "BOOK", "WorkBook", "Book");
    /** POI's built-in formats end below this index; higher ones come from FORMAT records. */
    private static final int FIRST_CUSTOM_FORMAT = 164;

    private final String fileName;
    private final POIFSFileSystem fs;
    private final InputStream stream;
    private final RecordFactoryInputStream records;
    private final List<String> sheetNames = new ArrayList<>();
    private SSTRecord sst;
    private boolean date1904;
    /** Number-format index of each cell style (XF), in file order. */
    private int[] xfFormat = new int[64];

    private int xfCount;
    /** Custom number formats (index up to 65,535) that show dates; built-in ones are known without a record. */
    private final BitSet customDateFormats = new BitSet();
    /** The workbook's own date formats that show no year (m"月"d"日"). */
    private final BitSet customYearlessFormats = new BitSet();

    private final BitSet customFormats = new BitSet();
    /** The cell styles (XF indexes) that show numbers as dates. */
    private final BitSet dateStyles = new BitSet();

    private final BitSet yearlessStyles = new BitSet();

    /** Each worksheet's merged regions, by the worksheet's position among the workbook's substreams. */
    private final Map<Integer, MergedRegions> merges;

    private int depth;
    private int sheetsSeen;
    private boolean ended;
    private XlsSheet current;

    XlsRawSheets(File file) {
        this(file, Runtime.getRuntime().maxMemory() / 2);
    }

    /** {@code heapBudget}: the most heap the shared-string table may take (half the maximum heap in production). */
    XlsRawSheets(File file, long heapBudget) {
        this.fileName = file.getName();
        POIFSFileSystem opened = null;
        InputStream in = null;
        try {
            opened = new POIFSFileSystem(file, true);
            DirectoryNode root = opened.getRoot();
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                throw encrypted(null);
            }
            if (WORKBOOK_ENTRIES.stream().noneMatch(root::hasEntry)) {
                throw new UnreadableFileException(
                        FileOutcome.FILE_UNSUPPORTED,
                        fileName
                                + " 不是 Excel 工作簿（可能是 Word 等其他 Office 文件）；请用 Excel 另存为 .xlsx"
                                + " / holds no Excel workbook (another Office document?): save the table as .xlsx");
            }
            String entry = HSSFWorkbook.getWorkbookDirEntryName(root);
            refuseStringTablesBeyondMemory(root, entry, heapBudget);
            in = root.createDocumentInputStream(entry);
            this.records = new RecordFactoryInputStream(in, false);
            this.fs = opened;
            this.stream = in;
            readGlobals();
            this.merges = readMerges(root, entry);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            closeQuietly(in, opened);
            throw classify(e);
        }
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    public RawSheet nextSheet() {
        try {
            if (current != null) {
                current.skipRest();
                current = null;
            }
            while (!ended) {
                Record r = next();
                if (r == null) {
                    break;
                }
                if (r instanceof BOFRecord bof && depth == 1) {
                    int index = sheetsSeen++;
                    if (bof.getType() == BOFRecord.TYPE_WORKSHEET) {
                        String name = sheetName(index);
                        current = new XlsSheet(name, merges.getOrDefault(index, MergedRegions.NONE));
                        return current;
                    }
                    skipSubstream();
                }
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            throw classify(e);
        }
    }

    /**
     * The shared-string table is the one part of an .xls held whole (POI parses it as one record), and in the heap a
     * string costs far more than in the file. Its size is estimated from the record headers (BIFF8 encrypts record
     * bodies, never headers) and the table's declared string count, which also bounds how many strings POI will
     * create; a table estimated past half the maximum heap is refused before it is parsed, rather than letting a
     * crafted or enormous file end the JVM with an OutOfMemoryError. The maximum heap, not the free heap, is the
     * yardstick so that the same file always gets the same answer.
     */
    private void refuseStringTablesBeyondMemory(DirectoryNode root, String entry, long heapBudget) throws IOException {
        long estimate = sharedStringHeapEstimate(root, entry);
        if (estimate > heapBudget) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_TOO_LARGE,
                    fileName + " 的共享文本表过大（约需 "
                            + (estimate >> 20) + " MB 内存），超出本机可用内存；请把工作簿拆成几个文件再提交 / holds so much distinct text"
                            + " that reading it would need about " + (estimate >> 20)
                            + " MB of memory: split the workbook into smaller files",
                    null);
        }
    }

    /**
     * Heap bytes the shared-string table will take once parsed: about 140 bytes a string (UnicodeString, String and
     * their arrays) plus two bytes a byte of text. Read from the record headers up to the end of the globals.
     */
    static long sharedStringHeapEstimate(DirectoryNode root, String entry) throws IOException {
        long bytes = 0;
        long declared = -1;
        boolean inTable = false;
        boolean encrypted = false;
        byte[] header = new byte[4];
        try (InputStream in = root.createDocumentInputStream(entry)) {
            while (in.readNBytes(header, 0, 4) == 4) {
                int sid = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
                int length = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
                if (sid == FILE_PASS_SID) {
                    encrypted = true;
                }
                if (sid == SSTRecord.sid && !inTable) {
                    inTable = true;
                    bytes += length;
                    if (!encrypted && length >= 8) {
                        byte[] counts = in.readNBytes(8);
                        declared = counts.length < 8
                                ? -1
                                : (counts[4] & 0xFFL)
                                        | (counts[5] & 0xFFL) << 8
                                        | (counts[6] & 0xFFL) << 16
                                        | (counts[7] & 0xFFL) << 24;
                        length -= counts.length;
                    }
                } else if (sid == ContinueRecord.sid && inTable) {
                    bytes += length;
                } else if (inTable || sid == EOFRecord.sid) {
                    break;
                }
                in.skipNBytes(length);
            }
        } catch (java.io.EOFException e) {
            // a truncated stream: what was summed is all there is; the parse proper reports the damage
        }
        // the smallest string takes 3 bytes (length and flags), so the text also bounds the count
        long strings = declared < 0 ? bytes / 3 : Math.min(declared, bytes / 3);
        return strings * 140 + bytes * 2;
    }

    /**
     * The merged regions of every worksheet, from a first pass over the workbook stream: MERGEDCELLS records follow a
     * sheet's cells, and its rows must carry their merged values as they are handed out. The pass reads record
     * headers and skips every body but BOF/EOF (to tell the substreams apart) and MERGEDCELLS, so it costs a read of
     * the stream and holds nothing but the regions. A workbook encrypted with Excel's default password has its record
     * bodies encrypted: that one is passed through POI's record factory instead, which decrypts.
     */
    private Map<Integer, MergedRegions> readMerges(DirectoryNode root, String entry) throws IOException {
        Map<Integer, MergedRegions.Builder> found = new java.util.HashMap<>();
        int depthSeen = 0;
        int substreams = 0;
        byte[] header = new byte[4];
        try (InputStream in = root.createDocumentInputStream(entry)) {
            while (in.readNBytes(header, 0, 4) == 4) {
                int sid = (header[0] & 0xFF) | (header[1] & 0xFF) << 8;
                int length = (header[2] & 0xFF) | (header[3] & 0xFF) << 8;
                if (sid == FILE_PASS_SID) {
                    return readMergesDecrypted(root, entry);
                }
                if (sid == BOFRecord.sid) {
                    if (depthSeen++ == 0) {
                        substreams++;
                    }
                } else if (sid == EOFRecord.sid) {
                    depthSeen = Math.max(0, depthSeen - 1);
                } else if (sid == MergeCellsRecord.sid && depthSeen == 1 && substreams > 1) {
                    byte[] body = in.readNBytes(length);
                    int sheet = substreams - 2; // the first substream is the globals
                    MergedRegions.Builder b =
                            found.computeIfAbsent(sheet, k -> new MergedRegions.Builder(fileName, sheetName(k)));
                    int n = body.length >= 2 ? u16(body, 0) : 0;
                    for (int i = 0, at = 2; i < n && at + 8 <= body.length; i++, at += 8) {
                        b.add(u16(body, at) + 1, u16(body, at + 2) + 1, u16(body, at + 4), u16(body, at + 6));
                    }
                    continue;
                }
                in.skipNBytes(length);
            }
        } catch (java.io.EOFException e) {
            // a truncated stream: the regions read so far are all there are; the parse proper reports the damage
        }
        return built(found);
    }

    private Map<Integer, MergedRegions> readMergesDecrypted(DirectoryNode root, String entry) throws IOException {
        Map<Integer, MergedRegions.Builder> found = new java.util.HashMap<>();
        int depthSeen = 0;
        int substreams = 0;
        try (InputStream in = root.createDocumentInputStream(entry)) {
            RecordFactoryInputStream rs = new RecordFactoryInputStream(in, false);
            for (Record r = rs.nextRecord(); r != null; r = rs.nextRecord()) {
                if (r instanceof BOFRecord) {
                    if (depthSeen++ == 0) {
                        substreams++;
                    }
                } else if (r instanceof EOFRecord) {
                    depthSeen = Math.max(0, depthSeen - 1);
                } else if (r instanceof MergeCellsRecord m && depthSeen == 1 && substreams > 1) {
                    MergedRegions.Builder b = found.computeIfAbsent(
                            substreams - 2, k -> new MergedRegions.Builder(fileName, sheetName(k)));
                    for (int i = 0; i < m.getNumAreas(); i++) {
                        CellRangeAddress a = m.getAreaAt(i);
                        b.add(a.getFirstRow() + 1, a.getLastRow() + 1, a.getFirstColumn(), a.getLastColumn());
                    }
                }
            }
        }
        return built(found);
    }

    private String sheetName(int index) {
        return index < sheetNames.size() ? sheetNames.get(index) : "Sheet" + (index + 1);
    }

    private static Map<Integer, MergedRegions> built(Map<Integer, MergedRegions.Builder> found) {
        Map<Integer, MergedRegions> out = new java.util.HashMap<>();
        found.forEach((sheet, b) -> out.put(sheet, b.build()));
        return out;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** The globals substream: everything needed to turn later cell records into text. */
    private void readGlobals() {
        Record first = next();
        if (!(first instanceof BOFRecord bof) || bof.getType() != BOFRecord.TYPE_WORKBOOK) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_CORRUPT,
                    fileName + " 已损坏：不是以 Excel 工作簿的开头记录开始的；请用 Excel 打开后另存为 .xlsx"
                            + " / does not start like an Excel workbook stream (no workbook BOF record)");
        }
        List<BoundSheetRecord> bound = new ArrayList<>();
        while (depth > 0) {
            Record r = next();
            if (r == null) {
                break;
            }
            if (depth != 1) {
                continue;
            }
            // a FilePassRecord is passed on even when RecordFactoryInputStream could decrypt the file (protected with
            // Excel's default "VelvetSweatshop" password only); any other password it has already refused
            if (r instanceof BoundSheetRecord b) {
                if (bound.size() < MAX_XF) {
                    bound.add(b);
                }
            } else if (r instanceof SSTRecord s) {
                sst = s;
            } else if (r instanceof DateWindow1904Record w) {
                date1904 = w.getWindowing() == 1;
            } else if (r instanceof FormatRecord f) {
                int index = f.getIndexCode() & 0xFFFF;
                customFormats.set(index);
                customDateFormats.set(index, DateUtil.isADateFormat(index, f.getFormatString()));
                customYearlessFormats.set(index, yearless(f.getFormatString()));
            } else if (r instanceof ExtendedFormatRecord xf) {
                addXf(xf.getFormatIndex() & 0xFFFF);
            }
        }
        for (BoundSheetRecord b : BoundSheetRecord.orderByBofPosition(bound)) {
            sheetNames.add(b.getSheetname());
        }
        decideDateStyles();
    }

    private void addXf(int formatIndex) {
        if (xfCount >= MAX_XF) {
            return;
        }
        if (xfCount == xfFormat.length) {
            xfFormat = Arrays.copyOf(xfFormat, xfFormat.length * 2);
        }
        xfFormat[xfCount++] = formatIndex;
    }

    /** The next record, keeping count of nested BOF/EOF pairs (embedded charts sit inside a worksheet's). */
    private Record next() {
        if (ended) {
            return null;
        }
        Record r = records.nextRecord();
        if (r == null) {
            ended = true;
        } else if (r instanceof BOFRecord) {
            depth++;
        } else if (r instanceof EOFRecord) {
            depth = Math.max(0, depth - 1);
        }
        return r;
    }

    /** Passes over a chart, macro or module substream whose BOF was just read. */
    private void skipSubstream() {
        while (depth > 0 && next() != null) {
            // nothing of a non-worksheet substream is read
        }
    }

    /** Decided once per style after the globals: a per-cell format lookup costs more than reading the cell. */
    private void decideDateStyles() {
        for (int xf = 0; xf < xfCount; xf++) {
            int format = xfFormat[xf];
            boolean custom = customFormats.get(format);
            boolean date = isDateFormat(format, custom ? customDateFormats.get(format) : null);
            dateStyles.set(xf, date);
            yearlessStyles.set(xf, date && (custom ? customYearlessFormats.get(format) : yearlessFormat(format, null)));
        }
    }

    private boolean isDateStyle(int xf) {
        return dateStyles.get(xf);
    }

    /**
     * Whether a number format shows dates. {@code custom} is the verdict on the workbook's own format string, or null
     * when the index is built in. Indices 27–36 and 50–58 are reserved for locale formats; in the Chinese (and
     * Japanese) Excel a partner uses they are all dates and times such as {@code yyyy"年"m"月"d"日"}, and POI knows
     * them only as "reserved", so they are treated as dates here.
     */
    static boolean isDateFormat(int index, Boolean custom) {
        if (custom != null) {
            return custom;
        }
        if ((index >= 27 && index <= 36) || (index >= 50 && index <= 58)) {
            return true;
        }
        if (index < FIRST_CUSTOM_FORMAT) {
            String builtin = BuiltinFormats.getBuiltinFormat(index);
            return builtin != null && DateUtil.isADateFormat(index, builtin);
        }
        return false;
    }

    /**
     * Whether a date format shows no year ({@code m"月"d"日"}, {@code d-mmm}, {@code mm-dd}): its first section read
     * without quoted text, escapes and bracketed codes, naming a month or day but no year, era, hour or second.
     */
    static boolean yearless(String format) {
        if (format == null) {
            return false;
        }
        StringBuilder bare = new StringBuilder();
        boolean quoted = false;
        int bracket = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '\\') {
                i++;
            } else if (c == '[') {
                int close = format.indexOf(']', i);
                String code = close < 0 ? "" : format.substring(i + 1, close).toLowerCase(java.util.Locale.ROOT);
                if (code.matches("[hms]+")) {
                    bare.append(code); // an elapsed time, [h]:mm: a time, never a date without its year
                }
                bracket++;
            } else if (c == ']') {
                bracket = Math.max(0, bracket - 1);
            } else if (bracket == 0) {
                if (c == ';') {
                    break;
                }
                bare.append(Character.toLowerCase(c));
            }
        }
        String b = bare.toString();
        return (b.indexOf('d') >= 0 || b.indexOf('m') >= 0)
                && b.indexOf('y') < 0
                && b.indexOf('e') < 0
                && b.indexOf('h') < 0
                && b.indexOf('s') < 0;
    }

    /**
     * A date cell whose format shows no year: the month and day as the partner sees them ("12月26日"), read as a date
     * written without a year (domain.md: the year comes from the sheet's title, its name or the file's name). The
     * serial's own year is only the year the cell was typed in.
     */
    static Cell yearlessDate(LocalDateTime dt) {
        return new Cell(isoText(dt), CellKind.YEARLESS_DATE);
    }

    /**
     * The locale formats Chinese Excel saves as reserved indices without a format string that show month and day
     * only ({@code m"月"d"日"}): 28, 29, 51, 53, 54 and 58.
     */
    private static final java.util.Set<Integer> RESERVED_MONTH_DAY = java.util.Set.of(28, 29, 51, 53, 54, 58);

    /** Whether format {@code index} (its string {@code custom}, or null for a built-in or reserved one) shows no year. */
    static boolean yearlessFormat(int index, String custom) {
        if (custom != null) {
            return yearless(custom);
        }
        if (RESERVED_MONTH_DAY.contains(index)) {
            return true;
        }
        return index < FIRST_CUSTOM_FORMAT && yearless(BuiltinFormats.getBuiltinFormat(index));
    }

    /** A number cell's text: ISO for dates (seconds only when there are some), plain decimal otherwise. */
    static Cell numberCell(double value, boolean dateStyle, boolean date1904) {
        return numberCell(value, dateStyle, false, date1904);
    }

    static Cell numberCell(double value, boolean dateStyle, boolean yearlessStyle, boolean date1904) {
        if (!Double.isFinite(value)) {
            // NaN and infinities cannot be typed into Excel; only a damaged or crafted file holds them
            return Cell.BLANK;
        }
        if (dateStyle && DateUtil.isValidExcelDate(value)) {
            LocalDateTime dt = DateUtil.getLocalDateTime(value, date1904, true);
            if (dt != null) {
                return yearlessStyle ? yearlessDate(dt) : new Cell(isoText(dt), CellKind.DATE);
            }
        }
        String plain = BigDecimal.valueOf(value).toPlainString();
        return new Cell(plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain, CellKind.NUMBER);
    }

    static String isoText(LocalDateTime dt) {
        LocalDateTime s = dt.truncatedTo(ChronoUnit.SECONDS);
        return s.toLocalTime().toSecondOfDay() == 0 ? s.toLocalDate().toString() : s.toString();
    }

    /**
     * One worksheet substream, read row by row through a small reorder window: Excel stores a row's cells together
     * and rows in order, but other writers interleave rows (and repeat a cell as blank and as text), so cells are
     * gathered by row until about {@value #WINDOW} cells are held and the lowest row is handed out.
     */
    private final class XlsSheet implements RawSheet {

        private final String name;
        private final MergedRegions merges;
        private final TreeMap<Integer, List<Cell>> pending = new TreeMap<>();
        /** The last row given its merged values: merges are applied in row order. */
        private int filledUpTo;
        /** Cells and rows held in {@link #pending}. */
        private int held;

        private int lastEmitted = -1;
        private int rowsOut;
        private boolean done;
        /** Where a string-valued formula's result goes when its STRING record follows. */
        private int formulaRow = -1;

        private int formulaColumn = -1;

        XlsSheet(String name, MergedRegions merges) {
            this.name = name;
            this.merges = merges;
        }

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
                return readRow();
            } catch (RuntimeException | StackOverflowError e) {
                throw classify(e);
            }
        }

        private RawRow readRow() {
            while (!done && (held < WINDOW || formulaRow >= 0)) {
                Record r = next();
                if (r == null || (r instanceof EOFRecord && depth == 0)) {
                    done = true;
                } else if (depth == 1) {
                    accept(r); // deeper records belong to an embedded chart
                }
            }
            Map.Entry<Integer, List<Cell>> lowest = pending.pollFirstEntry();
            if (lowest == null) {
                return null;
            }
            held -= lowest.getValue().size() + 1;
            if (++rowsOut > MAX_ROWS) {
                throw new UnreadableFileException(
                        FileOutcome.FILE_CORRUPT,
                        fileName + " 已损坏：工作表「" + name + "」超过 .xls 能容纳的 65,536 行 / " + fileName + ": sheet '" + name
                                + "' yields more than 65,536 rows, which an .xls cannot hold; the file is damaged");
            }
            lastEmitted = Math.max(lastEmitted, lowest.getKey());
            int number = lowest.getKey() + 1;
            List<Cell> cells = lowest.getValue();
            if (number > filledUpTo) {
                cells = merges.fill(number, cells);
                filledUpTo = number;
            }
            return new RawRow(number, cells);
        }

        private void accept(Record r) {
            if (r instanceof RowRecord row) {
                // a row the file announces but gives no cells is reported blank, as the .xlsx reader does
                if (row.getRowNumber() > lastEmitted && !pending.containsKey(row.getRowNumber())) {
                    pending.put(row.getRowNumber(), new ArrayList<>(0));
                    held++;
                }
            } else if (r instanceof StringRecord s) {
                List<Cell> cells = formulaRow >= 0 ? pending.get(formulaRow) : null;
                if (cells != null && formulaColumn < cells.size()) {
                    cells.set(formulaColumn, Cell.text(s.getString()));
                }
                formulaRow = -1;
            } else if (r instanceof CellValueRecordInterface cell) {
                formulaRow = -1;
                int column = cell.getColumn() & 0xFFFF;
                if (column >= MAX_COLUMNS) {
                    return; // past column IV: Excel cannot show it, only a crafted file holds it
                }
                int row = cell.getRow();
                List<Cell> cells = pending.get(row);
                if (cells == null) {
                    // a cell of a row already handed out (interleaved further apart than the window) comes out as a
                    // second row with the same number: its values are reported, never dropped
                    cells = new ArrayList<>();
                    pending.put(row, cells);
                    held++;
                }
                while (cells.size() <= column) {
                    cells.add(Cell.BLANK);
                    held++;
                }
                Cell value = toCell(cell, row, column);
                if (!value.isBlank() || cells.get(column).isBlank()) {
                    cells.set(column, value); // a styled blank never overwrites a value written for the same cell
                }
            }
        }

        private Cell toCell(CellValueRecordInterface cell, int row, int column) {
            int xf = cell.getXFIndex() & 0xFFFF;
            if (cell instanceof NumberRecord n) {
                return numberCell(n.getValue(), isDateStyle(xf), yearlessStyles.get(xf), date1904);
            }
            if (cell instanceof LabelSSTRecord l) {
                return Cell.text(sharedString(l.getSSTIndex()));
            }
            if (cell instanceof LabelRecord l) {
                return Cell.text(l.getValue());
            }
            if (cell instanceof BoolErrRecord b) {
                return b.isBoolean()
                        ? Cell.text(b.getBooleanValue() ? "TRUE" : "FALSE")
                        : Cell.error(errorCode(b.getErrorValue()));
            }
            if (cell instanceof FormulaRecord f) {
                if (f.hasCachedResultString()) {
                    formulaRow = row;
                    formulaColumn = column;
                    return Cell.BLANK;
                }
                CellType type = f.getCachedResultTypeEnum();
                if (type == CellType.NUMERIC) {
                    return numberCell(f.getValue(), isDateStyle(xf), yearlessStyles.get(xf), date1904);
                }
                if (type == CellType.BOOLEAN) {
                    return Cell.text(f.getCachedBooleanValue() ? "TRUE" : "FALSE");
                }
                if (type == CellType.ERROR) {
                    return Cell.error(errorCode(f.getCachedErrorValue()));
                }
            }
            return Cell.BLANK; // blanks, error values, empty-string formula results
        }

        private static String errorCode(int code) {
            return org.apache.poi.ss.usermodel.FormulaError.isValidCode(code)
                    ? org.apache.poi.ss.usermodel.FormulaError.forInt(code).getString()
                    : "#ERROR";
        }

        private String sharedString(int index) {
            if (sst == null || index < 0 || index >= sst.getNumUniqueStrings()) {
                throw new UnreadableFileException(
                        FileOutcome.FILE_CORRUPT,
                        fileName + " 已损坏：工作表「" + name + "」的单元格引用了不存在的共享字符串 / " + fileName
                                + ": a cell in sheet '" + name + "' refers to shared string " + index
                                + ", which the workbook does not hold");
            }
            return sst.getString(index).getString();
        }

        /** Moves the stream past this sheet's EOF when the caller leaves it early (no header found). */
        void skipRest() {
            pending.clear();
            while (!done) {
                Record r = next();
                if (r == null || (r instanceof EOFRecord && depth == 0)) {
                    done = true;
                }
            }
        }
    }

    private UnreadableFileException encrypted(Throwable cause) {
        return new UnreadableFileException(
                FileOutcome.FILE_ENCRYPTED,
                fileName
                        + " 有打开密码，无法读取；请去掉密码后另存为 .xlsx 再提交 / is password-protected: remove the password and save it as .xlsx",
                cause);
    }

    private UnreadableFileException classify(Throwable e) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        if (e instanceof EncryptedDocumentException) {
            return encrypted(e);
        }
        if (e instanceof OldExcelFormatException) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    fileName
                            + " 是 Excel 5.0/95 或更早的格式；请用 Excel 另存为 .xlsx / is an Excel 95 (or older) workbook: save it as .xlsx",
                    e);
        }
        return new UnreadableFileException(
                FileOutcome.FILE_CORRUPT,
                fileName
                        + " 已损坏，无法作为 .xls 读取 / cannot be read as an .xls workbook ("
                        + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")",
                e);
    }

    private static void closeQuietly(InputStream in, POIFSFileSystem fs) {
        try {
            if (in != null) {
                in.close();
            }
            if (fs != null) {
                fs.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original error is what the operator needs
        }
    }

    @Override
    public void close() throws IOException {
        closeQuietly(stream, fs);
    }
}
