package org.lujing.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.Category;
import org.lujing.normalise.Masking;

/**
 * Turns raw sheets into data rows: looks for the header within each sheet's first 20 rows, passes over sheets
 * with none (instruction sheets), and maps every row below the header to fields. The rows above the header (the
 * title) and the sheet's and file's names give each row its {@link SheetContext}; a sheet without a category column
 * in an activity source takes its category from its name or title through the vocabulary, else the source's default,
 * else it is passed over — and every such decision is kept as a {@link ReadingNote}.
 */
final class SheetTableReader implements TableReader {

    /** Notes a file keeps: a workbook of a thousand blank sheets must not make a thousand. */
    static final int MAX_NOTES = 200;

    /** Sheets whose header row a file keeps: a workbook of a sheet per day has a few hundred. */
    static final int MAX_HEADERS = 1_000;

    /** Characters of title text kept per sheet: enough for any title row, bounded for a crafted one. */
    private static final int MAX_TITLE = 2_000;

    private final RawSheets sheets;
    private final ReadSettings settings;
    private final HeaderDetector detector;
    private final String fileName;
    private final List<ReadingNote> notes = new ArrayList<>();
    private final List<SheetHeader> sheetHeaders = new ArrayList<>();
    private RawSheets.RawSheet sheet;
    /** The sheet's name as the file's rows carry it: masked, bounded and unique in the file ({@link #nameOf}). */
    private String sheetName;

    private final java.util.Set<String> sheetNames = new java.util.HashSet<>();
    private Map<Field, Integer> columns;
    private Map<Field, String> headers;
    private SheetContext context;
    private int sheetsRead;
    private int mergeBaseline;
    private int firstRow;
    private int lastRow;
    private final StringBuilder title = new StringBuilder();
    private boolean sawContent;

    /**
     * Rows below a table that may be the title above a next table in the same sheet (stacked tables: 一月 above, 二月
     * below, each with its own title and header): held back until a row shows whether a header follows them. At most
     * {@value #MAX_HELD}; a row that names a person is never held.
     */
    private final java.util.ArrayDeque<RawSheets.RawRow> held = new java.util.ArrayDeque<>();

    /** Rows that may be held above a header found again: a title of a line or two and the blank rows around it. */
    static final int MAX_HELD = 5;

    /** The sheet's header found again with the same columns and no title of its own: how often, where. */
    private int repeatedHeaders;

    private int firstRepeat;
    private int lastRepeat;

    /** The sheet's tables noted one by one so far, and the last table title found below its first table. */
    private int tablesNoted;

    private String lastTableTitle = "";

    /** Held rows a merged cell filled, and the sheet's header and title rows below its first table a merge filled. */
    private final java.util.Set<Integer> filledHeld = new java.util.HashSet<>();

    private int notDataFilled;

    /** Rows decided and waiting to be handed out, in the file's order. */
    private final java.util.ArrayDeque<SourceRow> ready = new java.util.ArrayDeque<>();

    SheetTableReader(RawSheets sheets, ReadSettings settings) {
        this(sheets, settings, "");
    }

    SheetTableReader(RawSheets sheets, ReadSettings settings, String fileName) {
        this.sheets = sheets;
        this.settings = settings;
        this.detector = new HeaderDetector(settings);
        this.fileName = fileName == null ? "" : fileName;
    }

    @Override
    public SourceRow next() throws IOException {
        while (true) {
            if (!ready.isEmpty()) {
                return ready.poll();
            }
            if (sheet == null) {
                sheet = sheets.nextSheet();
                if (sheet == null) {
                    return null;
                }
                sheetName = nameOf(sheet.name());
                columns = findHeader();
                if (columns == null) {
                    if (sawContent) {
                        note(new ReadingNote(
                                sheetName,
                                ReadingNote.SHEET_PASSED_OVER,
                                label(sheetName) + "前 " + ReadSettings.HEADER_SEARCH_ROWS
                                        + " 行中没有表头（需含" + required() + "），未读取（如填表说明） / " + labelEn(sheetName)
                                        + " has no header row naming " + requiredEn()
                                        + " within its first 20 rows and was passed over",
                                0,
                                0,
                                0));
                    }
                    sheet = null;
                    continue;
                }
                if (settings.activityLedgerAsRoster(columns.keySet())) {
                    // everyone in it would join the roster: volunteers, staff, whoever the ledger names
                    note(new ReadingNote(
                            sheetName,
                            ReadingNote.SHEET_PASSED_OVER,
                            label(sheetName) + "有活动的列（日期、类别或活动名称），却没有名册的列（矫正类别、矫正起止日期），是活动台账而不是名册，未读取；"
                                    + "活动台账请放入对应合作单位的文件夹 / " + labelEn(sheetName)
                                    + " has an activity's columns (date, category or activity name) and none of a"
                                    + " roster's (correction type, supervision dates): an activity ledger, not a roster;"
                                    + " passed over (drop it into its partner's folder)",
                            0,
                            0,
                            0));
                    sheet = null;
                    continue;
                }
                context = context();
                if (context == null) {
                    sheet = null;
                    continue;
                }
                sheetsRead++;
                tablesNoted = 0;
                lastTableTitle = "";
                mergeBaseline = sheet.mergeFilledRows();
                firstRow = 0;
                lastRow = 0;
            }
            int filledBefore = sheet.mergeFilledRows();
            RawSheets.RawRow row = sheet.nextRow();
            if (row == null) {
                while (!held.isEmpty()) {
                    emit(held.poll());
                }
                endOfSheet();
                sheet = null;
                continue;
            }
            boolean filled = sheet.mergeFilledRows() > filledBefore;
            if (namesNoOne(row)) {
                if (tableAgain(row)) {
                    notDataFilled += filled ? 1 : 0;
                } else {
                    if (filled) {
                        filledHeld.add(row.number());
                    }
                    held.add(row);
                    if (held.size() > MAX_HELD) {
                        emit(held.poll());
                    }
                }
                continue;
            }
            while (!held.isEmpty()) {
                emit(held.poll());
            }
            emit(row);
        }
    }

    private void emit(RawSheets.RawRow row) {
        if (!filledHeld.isEmpty()) {
            filledHeld.remove(row.number()); // nearly always empty: no boxing for a row with an ID number
        }
        if (firstRow == 0) {
            firstRow = row.number();
        }
        lastRow = row.number();
        ready.add(new SourceRow(
                sheetName,
                row.number(),
                HeaderDetector.map(columns, row.cells()),
                row.cells(),
                sheets.date1904(),
                headers,
                context));
    }

    /**
     * A row whose ID number cell does not hold an ID number's start (six digits, then a digit or a mask's *): blank,
     * a title, a header, a total, or a person's row with a damaged ID. Only such a row may stand above a next table
     * or be its header; every row with an ID number goes straight on, decided by seven characters.
     */
    private boolean namesNoOne(RawSheets.RawRow row) {
        Integer col = columns.get(Field.ID_NUMBER);
        if (col == null || col >= row.cells().size()) {
            return true;
        }
        Cell id = row.cells().get(col);
        if (id.isBlank()) {
            return true;
        }
        String text = id.text().strip();
        if (text.length() < 7) {
            return true;
        }
        for (int i = 0; i < 6; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return true; // a title merged across the row, 2025年12月…, begins with a digit too
            }
        }
        char seventh = text.charAt(6);
        return !Character.isDigit(seventh) && seventh != '*'; // 202601 麓景社区…台账
    }

    /**
     * A header again below the sheet's first table (stacked tables, or a printed page's header repeated): the rows
     * below it are read by its columns, and a title line held right above it gives them their year and category.
     * The header row, its upper row and that title are not data, as above the first table: they are not counted as
     * rows read. Every other held row — a person's row without an ID, a total, a sign-off, a page's foot, a blank
     * row — is handed out as a row first, as it would have been.
     */
    private boolean tableAgain(RawSheets.RawRow row) throws IOException {
        Optional<Map<Field, Integer>> header = detector.detect(row.cells());
        List<Cell> named = row.cells();
        RawSheets.RawRow upper = held.peekLast();
        boolean twoRows = false;
        if (upper != null && upper.number() == row.number() - 1 && titleText(upper) == null) {
            // the upper row of a two-row header: needed to name every field, or naming fields itself (姓名 merged
            // down over both rows fills the lower one, which then names every field alone)
            if (header.isEmpty() || namesFields(upper) >= 2) {
                Optional<Map<Field, Integer>> two = detector.detectTwoRows(upper.cells(), row.cells());
                if (two.isPresent()) {
                    header = two;
                    named = detector.combine(upper.cells(), row.cells());
                    twoRows = true;
                }
            }
        }
        if (header.isEmpty()) {
            return false;
        }
        if (twoRows) {
            notData(held.pollLast());
        }
        // the title: title lines among the blank rows right above the header; all else is handed out in order
        List<RawSheets.RawRow> rows = new ArrayList<>(held);
        held.clear();
        int tail = rows.size();
        while (tail > 0 && titleText(rows.get(tail - 1)) != null) {
            tail--;
        }
        StringBuilder newTitle = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            RawSheets.RawRow r = rows.get(i);
            String text = i >= tail ? titleText(r) : null;
            if (text == null || text.isEmpty()) {
                emit(r);
                continue;
            }
            notData(r);
            if (newTitle.length() < MAX_TITLE) {
                newTitle.append(newTitle.length() == 0 ? "" : " ")
                        .append(text, 0, Math.min(text.length(), MAX_TITLE - newTitle.length()));
            }
        }
        Map<Field, Integer> found = header.get();
        List<Cell> cells = named;
        Map<Field, String> texts = new EnumMap<>(Field.class);
        found.forEach((field, col) -> texts.put(field, cells.get(col).text().strip()));
        boolean sameColumns = found.equals(columns);
        columns = found;
        headers = texts;
        noteSecondColumns(found, named);
        keepHeader(row.number(), named);
        // the context again: the new title's year and category, or the new columns' (a category column gone)
        if (newTitle.length() > 0) {
            title.setLength(0);
            title.append(newTitle);
        }
        SheetContext next = context(false);
        if (next == null) {
            // no category for the new table (its column gone, the sheet's name and title naming none): its rows are
            // rejected for the category as any such row is, and still take the new title's year
            next = SheetContext.of(fileName, sheetName, title.toString(), null, null);
        }
        context = next;
        int at = twoRows ? row.number() - 1 : row.number();
        String titleNow = newTitle.toString();
        boolean another = !sameColumns || (!titleNow.isEmpty() && !titleNow.equals(lastTableTitle));
        if (!titleNow.isEmpty()) {
            lastTableTitle = titleNow;
        }
        if (!another || tablesNoted >= MAX_TABLE_NOTES) {
            // a printed page's header again (with its title again, 台账（续）): one note for the sheet (endOfSheet)
            repeatedHeaders++;
            firstRepeat = firstRepeat == 0 ? at : firstRepeat;
            lastRepeat = at;
            return true;
        }
        tablesNoted++;
        String titled = titleNow.isEmpty() ? "" : "，表名「" + abbreviate(titleNow) + "」";
        String titledEn = titleNow.isEmpty() ? "" : " titled '" + abbreviate(titleNow) + "'";
        note(new ReadingNote(
                sheetName,
                ReadingNote.TABLE_AGAIN,
                label(sheetName) + "第 " + at + " 行起是另一张表" + titled + "，表头" + (sameColumns ? "与上表相同" : "与上表不同，按新表头")
                        + "读取其下各行；表名和表头行不计入读取行数 / " + labelEn(sheetName) + " holds another table from row "
                        + at + titledEn + "; its header "
                        + (sameColumns ? "repeats the one above" : "differs from the one above and is used")
                        + " for the rows below it; its title and header rows are not counted as rows read",
                0,
                0,
                0));
        return true;
    }

    /**
     * Keeps a header row's texts for the reports (a rejected row is shown under its header's titles): a sheet's first
     * header, and each later one whose titles differ from the last kept for the sheet — another table's columns; a
     * printed page's header again is not kept again.
     */
    private void keepHeader(int rowNumber, List<Cell> named) {
        List<String> texts = new ArrayList<>(named.size());
        named.forEach(c -> texts.add(c.isBlank() ? "" : c.text().strip()));
        SheetHeader last = sheetHeaders.isEmpty() ? null : sheetHeaders.get(sheetHeaders.size() - 1);
        boolean again = last != null
                && java.util.Objects.equals(last.sheet(), sheetName)
                && last.cells().equals(texts);
        if (!again && sheetHeaders.size() < MAX_HEADERS) {
            sheetHeaders.add(new SheetHeader(sheetName, rowNumber, texts));
        }
    }

    /** A held row taken as a header or a title: not data, so not one of the rows the merged-cells note counts. */
    private void notData(RawSheets.RawRow row) {
        if (filledHeld.remove(row.number())) {
            notDataFilled++;
        }
    }

    /** Tables a sheet's notes name one by one; more are counted in its one note of repeated headers. */
    static final int MAX_TABLE_NOTES = 20;

    /** Cells of a row that name a field, as a header's do. */
    private int namesFields(RawSheets.RawRow row) {
        int n = 0;
        for (Cell c : row.cells()) {
            if (!c.isBlank() && settings.synonyms().lookup(c.text()).isPresent()) {
                n++;
            }
        }
        return n;
    }

    private static final java.util.regex.Pattern TITLE_YEAR = java.util.regex.Pattern.compile("(?:19|20)\\d{2}\\s*年");

    /** A numbered section's heading over its own table: 二、合作单位活动, （一）心理测评, 第二部分 普法, 3. 就业. */
    private static final java.util.regex.Pattern SECTION = java.util.regex.Pattern.compile(
            "^(?:[一二三四五六七八九十]{1,3}\\s*[、.]|[(（][一二三四五六七八九十\\d]{1,3}[)）]|第[一二三四五六七八九十\\d]{1,3}(?:部分|节|类)|\\d{1,2}\\s*[、.](?!\\d))\\s*\\S");

    private static final java.util.regex.Pattern TITLE_WORD =
            java.util.regex.Pattern.compile("(?:表|台账|登记册|登记簿|名单|名册|记录|统计|清单|汇总)(?:[(（]续[)）])?$");

    /**
     * The text of a title line, "" for a blank row, null for any other row. A title line holds one text in all its
     * non-blank cells (merged across the row, or in one cell), names a year (2026年1月, 2026年度) or ends as a
     * table's name does (…签到表, …工作台账（续）), opens with no total, sign-off or page-foot word (合计, 填表人,
     * 打印日期, 第 1 页, 注) and holds no ID number. A name alone, a remark, a footer or a sign-off is never a title:
     * those stay rows, counted as they always were.
     */
    private String titleText(RawSheets.RawRow row) {
        String text = null;
        for (Cell c : row.cells()) {
            if (c.isBlank()) {
                continue;
            }
            String t = c.text().strip();
            if (text == null) {
                text = t;
            } else if (!text.equals(t)) {
                return null;
            }
        }
        if (text == null) {
            return "";
        }
        if (!namesNoOne(row) || org.lujing.normalise.LineWords.endsAPage(text)) {
            return null;
        }
        String folded = org.lujing.normalise.TextFolding.toHalfWidth(text).strip();
        if (folded.matches(".*\\d{15,}.*")) {
            return null;
        }
        return TITLE_YEAR.matcher(folded).find()
                        || TITLE_WORD.matcher(folded).find()
                        || SECTION.matcher(folded).find()
                ? text
                : null;
    }

    /** The longest sheet name kept (Excel allows 31 characters; a crafted workbook may hold any number). */
    static final int MAX_SHEET_NAME = 100;

    /**
     * A sheet's name for its rows' provenance and every message: an ID number or phone in it masked (a sheet named
     * after a person), cut at {@value #MAX_SHEET_NAME} characters, and made unique in the file ("名（2）") — a
     * workbook Excel would refuse to save can name two sheets alike, and each row's (sheet, row) is its identity.
     */
    private String nameOf(String raw) {
        String name = Masking.value(raw == null ? "" : raw);
        if (name.length() > MAX_SHEET_NAME) {
            name = name.substring(0, MAX_SHEET_NAME - 1) + "…";
        }
        String unique = name;
        for (int n = 2; !sheetNames.add(unique); n++) {
            unique = name + "（" + n + "）";
        }
        return unique;
    }

    /**
     * The sheet's context once its header is known; null when the sheet has no category column, its name and title
     * name no category and the source has no default: such a sheet is passed over, and the file says so.
     */
    private SheetContext context() {
        return context(true);
    }

    /** As {@link #context()}; a sheet passed over is noted only when {@code noteWhenNone}. */
    private SheetContext context(boolean noteWhenNone) {
        String name = sheetName;
        String titleText = title.toString();
        Category category = null;
        String from = null;
        if (settings.vocabulary() != null && !columns.containsKey(Field.CATEGORY)) {
            Optional<Category> byName = settings.vocabulary().find(name);
            Optional<Category> byTitle =
                    byName.isPresent() ? byName : settings.vocabulary().find(titleText);
            if (byName.isPresent()) {
                category = byName.get();
                from = "工作表名「" + name + "」";
            } else if (byTitle.isPresent()) {
                category = byTitle.get();
                from = "表头「" + abbreviate(titleText) + "」";
            } else if (settings.defaultCategory() != null) {
                category = settings.defaultCategory(); // the source's one kind of activity: nothing to explain
            } else if (!noteWhenNone) {
                return null;
            } else {
                note(new ReadingNote(
                        name,
                        ReadingNote.SHEET_PASSED_OVER,
                        label(name) + "没有类别列，表名和表头也对应不到任何类别，未读取；如需读取，请管理员在来源的词表"
                                + "（vocabulary）中加入该表名 / " + labelEn(name) + " has no category column and neither its"
                                + " name nor its title maps to a category through the source's vocabulary: it was"
                                + " passed over (add the sheet's name to the vocabulary to read it)",
                        0,
                        0,
                        0));
                return null;
            }
        }
        return SheetContext.of(fileName, name, titleText, category, from);
    }

    private void endOfSheet() {
        if (repeatedHeaders > 0) {
            note(new ReadingNote(
                    sheetName,
                    ReadingNote.TABLE_AGAIN,
                    label(sheetName) + "的表头在表中又出现 " + repeatedHeaders + " 次（如打印分页），这些表头行不计入读取行数 / the"
                            + " header of " + labelEn(sheetName) + " appears again " + repeatedHeaders
                            + " time(s) below"
                            + " it (as on printed pages); those header rows are not counted as rows read",
                    repeatedHeaders,
                    firstRepeat,
                    lastRepeat));
            repeatedHeaders = 0;
            firstRepeat = 0;
            lastRepeat = 0;
        }
        int filled = sheet.mergeFilledRows() - mergeBaseline - notDataFilled;
        notDataFilled = 0;
        filledHeld.clear();
        if (filled > 0) {
            note(new ReadingNote(
                    sheetName,
                    ReadingNote.MERGED_CELLS,
                    label(sheetName) + "有 " + filled + " 行的空白格位于合并单元格内，取合并单元格左上角的值 / "
                            + filled + " rows of " + labelEn(sheetName)
                            + " lie inside merged cells and took the merged cell's value",
                    filled,
                    firstRow,
                    lastRow));
        }
    }

    /** 工作表「3月」, or 表格 for a CSV file, which has no sheets. */
    private static String label(String sheetName) {
        return sheetName == null || sheetName.isBlank() ? "表格" : "工作表「" + sheetName + "」";
    }

    private static String labelEn(String sheetName) {
        return sheetName == null || sheetName.isBlank() ? "the table" : "sheet '" + sheetName + "'";
    }

    private void note(ReadingNote note) {
        if (notes.size() < MAX_NOTES) {
            notes.add(note);
        }
    }

    private String required() {
        List<String> names = new ArrayList<>();
        for (Field f : settings.requiredHeaders()) {
            names.add(f.commonHeaders().get(0));
        }
        return String.join("、", names);
    }

    private String requiredEn() {
        List<String> names = new ArrayList<>();
        for (Field f : settings.requiredHeaders()) {
            names.add(f.commonHeaders().get(0) + " (" + f.key() + ")");
        }
        return String.join(", ", names);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Reads up to the first 20 rows; title rows above the header are passed over, their text kept. */
    private Map<Field, Integer> findHeader() throws IOException {
        title.setLength(0);
        sawContent = false;
        RawSheets.RawRow previous = null;
        int titleBeforePrevious = 0;
        for (int i = 0; i < ReadSettings.HEADER_SEARCH_ROWS; i++) {
            RawSheets.RawRow row = sheet.nextRow();
            if (row == null) {
                return null;
            }
            Optional<Map<Field, Integer>> header = detector.detect(row.cells());
            List<Cell> headerCells = row.cells();
            if (header.isEmpty() && previous != null && previous.number() == row.number() - 1) {
                header = detector.detectTwoRows(previous.cells(), row.cells());
                headerCells = detector.combine(previous.cells(), row.cells());
                if (header.isPresent()) {
                    title.setLength(titleBeforePrevious); // the upper header row (基本信息, 活动情况) is no title
                }
            }
            if (header.isPresent()) {
                List<Cell> named = headerCells;
                headers = new EnumMap<>(Field.class);
                header.get()
                        .forEach((field, col) ->
                                headers.put(field, named.get(col).text().strip()));
                noteSecondColumns(header.get(), named);
                keepHeader(row.number(), named);
                return header.get();
            }
            titleBeforePrevious = title.length();
            addTitle(row.cells());
            previous = row;
        }
        return null;
    }

    /**
     * A header that names a field twice (two 身份证号 columns, 开展日期 beside 日期): the first column is read, as
     * before, and the file says so — which value a row was kept under must not be a silent choice.
     */
    private void noteSecondColumns(Map<Field, Integer> columns, List<Cell> named) {
        for (int col = 0; col < named.size(); col++) {
            Cell c = named.get(col);
            if (c.isBlank()) {
                continue;
            }
            int at = col;
            settings.synonyms().lookup(c.text()).ifPresent(field -> {
                int read = columns.get(field);
                if (read != at) {
                    String other = abbreviate(c.text().strip());
                    String first = abbreviate(named.get(read).text().strip());
                    note(new ReadingNote(
                            sheetName,
                            ReadingNote.SECOND_COLUMN,
                            "第 " + (at + 1) + " 列「" + other + "」与第 " + (read + 1) + " 列「" + first + "」同为"
                                    + field.commonHeaders().get(0) + "，只读取第 " + (read + 1) + " 列 / column "
                                    + (at + 1) + " ('" + other + "') names the same field as column " + (read + 1)
                                    + " ('" + first + "'): only column " + (read + 1) + " is read",
                            0,
                            0,
                            0));
                }
            });
        }
    }

    /** A title merged across the sheet reads as the same text in every cell: it is kept once. */
    private void addTitle(List<Cell> cells) {
        String last = null;
        for (Cell c : cells) {
            if (c.isBlank()) {
                continue;
            }
            sawContent = true;
            String text = c.text().strip();
            if (text.equals(last) || title.length() >= MAX_TITLE) {
                continue;
            }
            title.append(title.length() == 0 ? "" : " ").append(text, 0, Math.min(text.length(), MAX_TITLE));
            last = text;
        }
    }

    @Override
    public int sheetsRead() {
        return sheetsRead;
    }

    @Override
    public List<ReadingNote> notes() {
        return List.copyOf(notes);
    }

    @Override
    public List<SheetHeader> headers() {
        return List.copyOf(sheetHeaders);
    }

    @Override
    public void close() throws IOException {
        sheets.close();
    }
}
