package org.lujing.read;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BlankRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FilePassRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
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
import org.lujing.ledger.FileOutcome;
import org.lujing.normalise.CellKind;

/**
 * Streams a legacy .xls (BIFF8) workbook with POI's HSSF event records, pulled one at a time through
 * {@link RecordFactoryInputStream} (the pull form of {@code HSSFEventFactory}, which decrypts files protected only
 * with Excel's default password and expands RK/MulRK numbers). The workbook stream is read once, front to back:
 * the globals (sheet names, shared strings, number formats, the 1904 flag) are kept, then each worksheet's cell
 * records are assembled into one row at a time, so memory is the shared-string table plus one row, never a sheet.
 *
 * <p>Rows are reported in the order the file stores them, numbered as Excel shows them; a row the file announces
 * (ROW record) but gives no cells is reported blank, as the .xlsx reader does. POI's
 * {@code MissingRecordAwareHSSFListener} is deliberately not used: it fills column gaps with one dummy record per
 * missing column, so a hostile file alternating columns 0 and 65,535 costs 65,535 objects per cell. Columns past
 * .xls's 256 are ignored, and a sheet yielding more than 65,536 rows (only possible when the file repeats rows) is
 * refused as corrupt. Every failure, including POI's runtime exceptions on damaged files, becomes an
 * {@link UnreadableFileException} naming the file.
 */
final class XlsRawSheets implements RawSheets {

    static final int MAX_ROWS = 65_536;
    static final int MAX_COLUMNS = 256;
    private static final int MAX_XF = 65_536;
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
    private final BitSet customFormats = new BitSet();
    private int depth;
    private int sheetsSeen;
    private boolean ended;
    private XlsSheet current;

    XlsRawSheets(File file) {
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
                throw new UnreadableFileException(FileOutcome.FILE_UNSUPPORTED, fileName
                        + " 不是 Excel 工作簿（可能是 Word 等其他 Office 文件）；请用 Excel 另存为 .xlsx"
                        + " / holds no Excel workbook (another Office document?): save the table as .xlsx");
            }
            in = root.createDocumentInputStream(HSSFWorkbook.getWorkbookDirEntryName(root));
            this.records = new RecordFactoryInputStream(in, false);
            this.fs = opened;
            this.stream = in;
            readGlobals();
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
                        String name = index < sheetNames.size() ? sheetNames.get(index) : "Sheet" + (index + 1);
                        current = new XlsSheet(name);
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

    /** The globals substream: everything needed to turn later cell records into text. */
    private void readGlobals() {
        Record first = next();
        if (!(first instanceof BOFRecord bof) || bof.getType() != BOFRecord.TYPE_WORKBOOK) {
            throw new UnreadableFileException(FileOutcome.FILE_CORRUPT,
                    fileName + " does not start like an Excel workbook stream (no workbook BOF record)");
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
            if (r instanceof FilePassRecord) {
                // RecordFactoryInputStream decrypts files that use Excel's default password; any other left it here
                throw encrypted(null);
            } else if (r instanceof BoundSheetRecord b) {
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
            } else if (r instanceof ExtendedFormatRecord xf) {
                addXf(xf.getFormatIndex() & 0xFFFF);
            }
        }
        for (BoundSheetRecord b : BoundSheetRecord.orderByBofPosition(bound)) {
            sheetNames.add(b.getSheetname());
        }
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

    private boolean isDateStyle(int xf) {
        if (xf < 0 || xf >= xfCount) {
            return false;
        }
        return isDateFormat(xfFormat[xf], customFormats.get(xfFormat[xf]) ? customDateFormats.get(xfFormat[xf]) : null);
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

    /** A number cell's text: ISO for dates (seconds only when there are some), plain decimal otherwise. */
    static Cell numberCell(double value, boolean dateStyle, boolean date1904) {
        if (!Double.isFinite(value)) {
            // NaN and infinities cannot be typed into Excel; only a damaged or crafted file holds them
            return Cell.BLANK;
        }
        if (dateStyle && DateUtil.isValidExcelDate(value)) {
            LocalDateTime dt = DateUtil.getLocalDateTime(value, date1904, true);
            if (dt != null) {
                return new Cell(isoText(dt), CellKind.DATE);
            }
        }
        String plain = BigDecimal.valueOf(value).toPlainString();
        return new Cell(plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain, CellKind.NUMBER);
    }

    static String isoText(LocalDateTime dt) {
        LocalDateTime s = dt.truncatedTo(ChronoUnit.SECONDS);
        return s.toLocalTime().toSecondOfDay() == 0 ? s.toLocalDate().toString() : s.toString();
    }

    /** One worksheet substream, read row by row. */
    private final class XlsSheet implements RawSheet {

        private final String name;
        /** Rows the file announced with ROW records, ascending; reported blank if no cell of theirs turns up. */
        private final ArrayDeque<Integer> announced = new ArrayDeque<>();
        private final Cell[] cells = new Cell[MAX_COLUMNS];
        private int width;
        private int building = -1;
        private int lastRowNumber = -1;
        private int rowsOut;
        private Record pushback;
        private boolean done;
        /** Where a string-valued formula's result goes when its STRING record follows. */
        private int formulaRow = -1;
        private int formulaColumn = -1;

        XlsSheet(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
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
            while (!done) {
                Record r = pushback != null ? pushback : next();
                pushback = null;
                if (r == null || (r instanceof EOFRecord && depth == 0)) {
                    done = true;
                    break;
                }
                if (depth != 1) {
                    continue; // inside an embedded chart's substream
                }
                if (r instanceof RowRecord row) {
                    announce(row.getRowNumber());
                } else if (r instanceof StringRecord s) {
                    if (formulaRow == building && formulaColumn >= 0) {
                        put(formulaColumn, Cell.text(s.getString()));
                    }
                    formulaRow = -1;
                } else if (r instanceof CellValueRecordInterface cell) {
                    int row = cell.getRow();
                    if (building >= 0 && row != building) {
                        pushback = r;
                        return finishRow();
                    }
                    if (building < 0) {
                        Integer head = announced.peekFirst();
                        while (head != null && head == row) {
                            announced.pollFirst();
                            head = announced.peekFirst();
                        }
                        if (head != null && head < row) {
                            pushback = r;
                            return emit(announced.pollFirst(), List.of());
                        }
                        building = row;
                    }
                    formulaRow = -1;
                    int column = cell.getColumn() & 0xFFFF;
                    if (column < MAX_COLUMNS) {
                        put(column, toCell(cell, column));
                    }
                }
            }
            if (building >= 0) {
                return finishRow();
            }
            Integer blank = announced.pollFirst();
            return blank == null ? null : emit(blank, List.of());
        }

        private void announce(int row) {
            int floor = Math.max(building, lastRowNumber);
            Integer tail = announced.peekLast();
            if (row > floor && (tail == null || row > tail) && announced.size() < MAX_ROWS) {
                announced.addLast(row);
            }
        }

        private Cell toCell(CellValueRecordInterface cell, int column) {
            int xf = cell.getXFIndex() & 0xFFFF;
            if (cell instanceof NumberRecord n) {
                return numberCell(n.getValue(), isDateStyle(xf), date1904);
            }
            if (cell instanceof LabelSSTRecord l) {
                return Cell.text(sharedString(l.getSSTIndex()));
            }
            if (cell instanceof LabelRecord l) {
                return Cell.text(l.getValue());
            }
            if (cell instanceof BoolErrRecord b) {
                return b.isBoolean() ? Cell.text(b.getBooleanValue() ? "TRUE" : "FALSE") : Cell.BLANK;
            }
            if (cell instanceof FormulaRecord f) {
                if (f.hasCachedResultString()) {
                    formulaRow = cell.getRow();
                    formulaColumn = column;
                    return Cell.BLANK;
                }
                CellType type = f.getCachedResultTypeEnum();
                if (type == CellType.NUMERIC) {
                    return numberCell(f.getValue(), isDateStyle(xf), date1904);
                }
                if (type == CellType.BOOLEAN) {
                    return Cell.text(f.getCachedBooleanValue() ? "TRUE" : "FALSE");
                }
                return Cell.BLANK;
            }
            if (cell instanceof BlankRecord) {
                return Cell.BLANK;
            }
            return Cell.BLANK;
        }

        private String sharedString(int index) {
            if (sst == null || index < 0 || index >= sst.getNumUniqueStrings()) {
                throw new UnreadableFileException(FileOutcome.FILE_CORRUPT, fileName + ": a cell in sheet '" + name
                        + "' refers to shared string " + index + ", which the workbook does not hold");
            }
            return sst.getString(index).getString();
        }

        private void put(int column, Cell cell) {
            cells[column] = cell;
            width = Math.max(width, column + 1);
        }

        private RawRow finishRow() {
            List<Cell> row = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                row.add(cells[i] == null ? Cell.BLANK : cells[i]);
            }
            Arrays.fill(cells, 0, width, null);
            width = 0;
            int number = building;
            building = -1;
            return emit(number, row);
        }

        private RawRow emit(int zeroBased, List<Cell> row) {
            if (++rowsOut > MAX_ROWS) {
                throw new UnreadableFileException(FileOutcome.FILE_CORRUPT, fileName + ": sheet '" + name
                        + "' yields more than 65,536 rows, which an .xls cannot hold; the file is damaged");
            }
            lastRowNumber = Math.max(lastRowNumber, zeroBased);
            return new RawRow(zeroBased + 1, row);
        }

        /** Moves the stream past this sheet's EOF when the caller leaves it early (no header found). */
        void skipRest() {
            while (!done) {
                Record r = pushback != null ? pushback : next();
                pushback = null;
                if (r == null || (r instanceof EOFRecord && depth == 0)) {
                    done = true;
                }
            }
        }
    }

    private UnreadableFileException encrypted(Throwable cause) {
        return new UnreadableFileException(FileOutcome.FILE_ENCRYPTED, fileName
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
            return new UnreadableFileException(FileOutcome.FILE_UNSUPPORTED, fileName
                    + " 是 Excel 5.0/95 或更早的格式；请用 Excel 另存为 .xlsx / is an Excel 95 (or older) workbook: save it as .xlsx",
                    e);
        }
        return new UnreadableFileException(FileOutcome.FILE_CORRUPT, fileName
                + " 已损坏，无法作为 .xls 读取 / cannot be read as an .xls workbook (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")", e);
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
