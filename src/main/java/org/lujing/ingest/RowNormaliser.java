package org.lujing.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityKeys;
import org.lujing.identity.match.RowTraits;
import org.lujing.ledger.Category;
import org.lujing.ledger.KeyKind;
import org.lujing.ledger.RecordDraft;
import org.lujing.ledger.SubjectDraft;
import org.lujing.normalise.CellKind;
import org.lujing.normalise.CorrectionTypeNormaliser;
import org.lujing.normalise.DateNormaliser;
import org.lujing.normalise.IdNumberNormaliser;
import org.lujing.normalise.LineWords;
import org.lujing.normalise.Masking;
import org.lujing.normalise.NameNormaliser;
import org.lujing.normalise.Normalised;
import org.lujing.normalise.PhoneNormaliser;
import org.lujing.normalise.ReasonCode;
import org.lujing.normalise.TextFolding;
import org.lujing.read.Cell;
import org.lujing.read.Field;
import org.lujing.read.ReadingNote;
import org.lujing.read.SheetContext;
import org.lujing.read.SourceRow;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceDefinition;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies domain.md's reading rules to one row: recognises blank, total and sign-off rows, validates and
 * normalises every value, resolves the delivering agency, and protects identity values before anything is kept.
 * Never returns null: every row read yields exactly one {@link RowResult}.
 *
 * <p>Why one class of this length: it applies a source's column rules to one row in the order domain.md gives
 * them (identity, date, category, quantities, and what a row without a clean ID keeps for scored matching), and each
 * rule's outcome decides whether the next one runs.
 */
class RowNormaliser implements ItemProcessor<SourceRow, RowResult> {

    static final String ID_COLUMN = IdentityKeys.ID_NUMBER;
    static final String PHONE_COLUMN = IdentityKeys.PHONE;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SourceDefinition source;
    private final AgencyDirectory agencies;
    private final IdentityCipher cipher;
    private final String sourceAgency;
    private final ReadingNotes notes;
    private final boolean keepDamagedIds;

    private final java.util.Map<String, String> references = new java.util.LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
            return size() > 20_000;
        }
    };

    RowNormaliser(SourceDefinition source, AgencyDirectory agencies, IdentityCipher cipher) {
        this(source, agencies, cipher, new ReadingNotes());
    }

    /** {@code notes} counts the rows that took a year or a category from their sheet rather than their cells. */
    RowNormaliser(SourceDefinition source, AgencyDirectory agencies, IdentityCipher cipher, ReadingNotes notes) {
        this(source, agencies, cipher, notes, false);
    }

    /**
     * {@code keepDamagedIds}: a row whose ID number is damaged (check character, length, Excel rounding) and that has
     * neither a phone nor a birth date is kept for scored matching under its name and the number as typed, instead of
     * being rejected ({@code lujing.identity.match.keep-damaged-ids}).
     */
    RowNormaliser(
            SourceDefinition source,
            AgencyDirectory agencies,
            IdentityCipher cipher,
            ReadingNotes notes,
            boolean keepDamagedIds) {
        this.keepDamagedIds = keepDamagedIds;
        this.source = source;
        this.agencies = agencies;
        this.cipher = cipher;
        this.sourceAgency = agencies.canonical(source.agency());
        this.notes = notes;
    }

    @Override
    public RowResult process(SourceRow row) {
        Optional<String> skip = skipReason(row);
        if (skip.isPresent()) {
            if (skip.get().equals("total")) {
                String text = totalText(row);
                return new RowResult.Skipped(
                        row.sheet(), row.rowNumber(), "total", declaredCount(row), Masking.value(text));
            }
            return new RowResult.Skipped(row.sheet(), row.rowNumber(), skip.get());
        }
        try {
            refuseUndecodable(row);
            return source.roster() ? roster(row) : record(row);
        } catch (RowRejection r) {
            // bounded to what row_reject and unmapped_word hold: a row wider or wordier than that is still rejected
            // and kept (its values cut), never the reason its whole file fails
            String word = r.unmappedWord == null || r.unmappedWord.length() > MAX_WORD ? null : r.unmappedWord;
            return new RowResult.Rejected(
                    row.sheet(),
                    row.rowNumber(),
                    r.code,
                    clip(r.column, MAX_COLUMN),
                    clip(r.getMessage(), MAX_MESSAGE),
                    maskedValues(row),
                    word);
        }
    }

    /** "total", "sign-off" or null: what a cell's text marks its row as ({@link LineWords}). */
    private static String marks(Cell c) {
        return c.isBlank() ? null : LineWords.kind(c.text());
    }

    /**
     * Blank rows, totals (合计/总计/小计) and sign-off lines (填表人, 审核人) are skipped, never data. A row is a total
     * or sign-off line when a cell opens with one of their words ({@link LineWords}) and
     * the row names no one: its ID number, when it has one, is such a text itself (a total merged across the row,
     * 审核人 written in the ID column); and unless that cell opens the row, its name is blank or such a text too. A
     * person's row stays a person's row whatever its other cells begin with: a topic 小计算器使用, 审核人员讲解, a
     * remark 合计服务2小时.
     */
    static Optional<String> skipReason(SourceRow row) {
        if (row.cells().stream().allMatch(Cell::isBlank)) {
            return Optional.of("blank");
        }
        if (onlyNumbered(row)) {
            return Optional.of("blank");
        }
        if (row.has(Field.ID_NUMBER) && marks(row.cell(Field.ID_NUMBER)) == null) {
            return Optional.empty(); // a person's row, as nearly every row is: decided without reading its cells
        }
        String kind = null;
        boolean opensTheRow = false;
        boolean first = true;
        for (Cell c : row.cells()) {
            if (c.isBlank()) {
                continue;
            }
            String marked = marks(c);
            if (marked != null) {
                kind = marked;
                opensTheRow = first;
                break;
            }
            first = false;
        }
        if (kind == null) {
            return Optional.empty();
        }
        if (!opensTheRow && row.has(Field.NAME) && marks(row.cell(Field.NAME)) == null) {
            return Optional.empty();
        }
        return Optional.of(kind);
    }

    private static final java.util.regex.Pattern SEQUENCE = java.util.regex.Pattern.compile("^\\d{1,6}$");

    /**
     * A template's pre-numbered row: nothing in it but a number in its first column (序号), read by no field, the rest
     * of the row left for a record nobody wrote. Blank, not a record missing its fields. A lone number anywhere
     * else (a total's count without its word) stays a row to look at.
     */
    private static boolean onlyNumbered(SourceRow row) {
        List<Cell> cells = row.cells();
        if (cells.isEmpty() || cells.get(0).isBlank() || row.fields().containsValue(cells.get(0))) {
            return false;
        }
        if (!SEQUENCE.matcher(TextFolding.fold(cells.get(0).text())).matches()) {
            return false;
        }
        for (int i = 1; i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Numbers with a unit of count, the likelier count first: "开展活动3场，参加45人次" declares 45 person-times, not 3
     * sessions.
     */
    private static final List<java.util.regex.Pattern> COUNTED = List.of(
            java.util.regex.Pattern.compile("(\\d{1,9})人次"),
            java.util.regex.Pattern.compile("(\\d{1,9})条"),
            java.util.regex.Pattern.compile("(\\d{1,9})[人名]"),
            java.util.regex.Pattern.compile("(\\d{1,9})(?:次|项|件|个|堂|场|行)"));

    /** The total's own number: right after its word, a colon or 共 between ("合计：25", "合计25", "合计人数：25"). */
    private static final java.util.regex.Pattern OWN_NUMBER =
            java.util.regex.Pattern.compile("^(?:合计|总计|小计|共计)(?:人数|人次|数)?[:;,\\-—]*共?(\\d{1,9})(?!\\d)");

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("^\\d{1,9}$");

    /**
     * The total row's text from its total word on: "合计：25人次", or the cells after a lone 合计 joined by spaces (a
     * text merged across the row once).
     */
    static String totalText(SourceRow row) {
        StringBuilder text = new StringBuilder();
        boolean started = false;
        String last = null;
        for (Cell c : row.cells()) {
            if (!started && "total".equals(marks(c))) {
                started = true;
            }
            if (started && !c.isBlank() && !c.text().strip().equals(last)) {
                last = c.text().strip();
                text.append(text.length() == 0 ? "" : " ").append(last);
            }
        }
        return text.toString();
    }

    /**
     * The number of rows a total row declares: a number with a unit of count ("25人次", "共125条记录"); else the number
     * in the total's own cell ("合计：25"); else a whole number standing alone in another cell, unless that cell is the
     * row's hours or quantity (a column summed, "合计 … 10" under 时长, is not a count of rows). Null when the row
     * declares none.
     */
    static Integer declaredCount(SourceRow row) {
        String total = TextFolding.fold(totalText(row));
        for (java.util.regex.Pattern unit : COUNTED) {
            java.util.regex.Matcher counted = unit.matcher(total);
            if (counted.find()) {
                return Integer.valueOf(counted.group(1));
            }
        }
        boolean started = false;
        for (Cell c : row.cells()) {
            String folded = TextFolding.fold(c.text());
            if (!started) {
                if ("total".equals(marks(c))) {
                    started = true;
                    java.util.regex.Matcher own = OWN_NUMBER.matcher(folded);
                    if (own.find()) {
                        return Integer.valueOf(own.group(1));
                    }
                }
                continue;
            }
            if (WHOLE.matcher(folded).matches()
                    && c != row.fields().get(Field.HOURS)
                    && c != row.fields().get(Field.QUANTITY)) {
                return Integer.valueOf(folded);
            }
        }
        return null;
    }

    private RowResult record(SourceRow row) {
        String name = name(row);
        Subject subject = subject(row, name);
        LocalDate date = activityDate(row);
        Category category = category(row);
        String agency = row.has(Field.AGENCY)
                ? bounded(
                        row,
                        Field.AGENCY,
                        Masking.value(agencies.canonical(row.cell(Field.AGENCY).text())))
                : sourceAgency;
        BigDecimal hours = decimal(row, Field.HOURS, false, MAX_HOURS_DIGITS);
        BigDecimal quantity = decimal(row, Field.QUANTITY, true, MAX_QUANTITY_DIGITS);
        if (quantity != null && quantity.scale() > 0) {
            // a quantity counts things (books handed out, people placed): "3.5 册" in the statistics helps nobody
            String shown = clip(Masking.value(row.cell(Field.QUANTITY).text().strip()), 40);
            throw new RowRejection(
                    ReasonCode.VALUE_INVALID,
                    row.header(Field.QUANTITY),
                    "“" + shown + "”不是整数：数量是件数（如发放读物的册数），请填整数 / '" + shown
                            + "' is not a whole number: a quantity counts things (books handed out), give a whole"
                            + " number",
                    null);
        }
        RecordDraft draft = new RecordDraft(
                subject.kind(),
                subject.key(),
                subject.reference(),
                cipher.keyId(),
                subject.masked(),
                name,
                category,
                date,
                agency,
                bounded(row, Field.ACTIVITY_NAME, freeText(row, Field.ACTIVITY_NAME)),
                hours,
                quantity == null ? BigDecimal.ONE : quantity,
                bounded(row, Field.OUTCOME, freeText(row, Field.OUTCOME)),
                bounded(row, Field.NOTES, freeText(row, Field.NOTES)));
        return new RowResult.NewRecord(row.sheet(), row.rowNumber(), draft);
    }

    /**
     * The encrypted value behind a record's key. A person's rows repeat through a file, and each encryption costs a
     * random nonce and a cipher: the ciphertext of a value met recently is reused. That tells nothing the blind
     * index beside it does not already tell (equal values have equal keys).
     */
    private String reference(String column, String value) {
        return references.computeIfAbsent(column + '\u0000' + value, k -> cipher.encrypt(column, value));
    }

    /** Who a record is about: its blind key, the kind of key, the encrypted value behind it, a display form. */
    private record Subject(KeyKind kind, String key, String reference, String masked) {}

    /**
     * The ID number when the row has a usable one; else an exact (name, phone) or (name, birth date) pair, which
     * domain.md allows to match a person on the roster; else the row is rejected for its ID number.
     */
    private Subject subject(SourceRow row, String name) {
        try {
            String id = idNumber(row);
            // a phone or birth date beside a valid ID number is kept too (encrypted, after the number): such rows are
            // the examples from which scored matching learns how often partners mistype what they write beside it
            String phone = row.has(Field.PHONE) ? phoneDigits(row.cell(Field.PHONE)) : null;
            LocalDate birth = birthDate(row);
            return new Subject(
                    KeyKind.ID_NUMBER,
                    cipher.blindIndex(ID_COLUMN, id),
                    phone == null && birth == null
                            ? reference(ID_COLUMN, id)
                            : referenceWithTraits(ID_COLUMN, id, new RowTraits(null, null, phone, birth).encode()),
                    Masking.idNumber(id));
        } catch (RowRejection noUsableId) {
            // what the row says about its person beyond the pair, for scored matching: kept inside the encrypted
            // reference, after the value behind the key (IdentityKeys.TRAITS), so it needs no column of its own and a
            // key rotation re-encrypts it with the reference
            String typedId = typedId(row, noUsableId.code);
            String typedPhone = row.has(Field.PHONE) ? phoneDigits(row.cell(Field.PHONE)) : null;
            LocalDate birth = birthDate(row);
            String traits = new RowTraits(null, typedId, typedPhone, birth).encode();
            // as before, a pair-keyed record shows no ID number: the damaged one is shown masked on review only
            String masked = null;
            if (row.has(Field.PHONE)) {
                Cell c = row.cell(Field.PHONE);
                Normalised<String> phone = PhoneNormaliser.normalise(c.text(), c.kind());
                if (phone.isOk() && phone.value() != null) {
                    String pair = IdentityKeys.namePhone(name, phone.value());
                    return new Subject(
                            KeyKind.NAME_PHONE,
                            cipher.blindIndex(IdentityKeys.NAME_PHONE, pair),
                            referenceWithTraits(IdentityKeys.NAME_PHONE, pair, traits),
                            masked);
                }
            }
            if (birth != null) {
                String pair = IdentityKeys.nameBirth(name, birth);
                return new Subject(
                        KeyKind.NAME_BIRTH_DATE,
                        cipher.blindIndex(IdentityKeys.NAME_BIRTH, pair),
                        referenceWithTraits(IdentityKeys.NAME_BIRTH, pair, traits),
                        masked);
            }
            if (keepDamagedIds && typedId != null) {
                String pair = IdentityKeys.nameTypedId(name, typedId);
                return new Subject(
                        KeyKind.NAME_TYPED_ID,
                        cipher.blindIndex(IdentityKeys.NAME_TYPED_ID, pair),
                        referenceWithTraits(IdentityKeys.NAME_TYPED_ID, pair, traits),
                        masked);
            }
            throw noUsableId;
        }
    }

    /** The row's birth date column, when it holds a date. */
    private LocalDate birthDate(SourceRow row) {
        if (!row.has(Field.BIRTH_DATE)) {
            return null;
        }
        Cell c = row.cell(Field.BIRTH_DATE);
        Normalised<LocalDate> b = DateNormaliser.parse(c.text(), c.kind(), row.date1904(), source.datePattern());
        return b.isOk() ? b.value() : null;
    }

    /** The reference, with the traits after it when the ciphertext stays within its column (512). */
    private String referenceWithTraits(String column, String behindKey, String traits) {
        String with = behindKey + IdentityKeys.TRAITS + traits;
        return with.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 300
                ? reference(column, with)
                : reference(column, behindKey);
    }

    /**
     * The ID number as the partner typed it, for scored matching: its digits (and X) when it is damaged but whole
     * enough to compare (15 to 19 characters); {@code ~} and the significant digits Excel kept when it was rounded;
     * else {@code null}.
     */
    static String typedId(SourceRow row, ReasonCode why) {
        if (!row.has(Field.ID_NUMBER)) {
            return null;
        }
        String folded = TextFolding.fold(row.cell(Field.ID_NUMBER).text()).toUpperCase(java.util.Locale.ROOT);
        if (why == ReasonCode.ID_PRECISION_LOST) {
            try {
                BigDecimal n = new BigDecimal(folded.replace(" ", "")).stripTrailingZeros();
                String digits = n.unscaledValue().abs().toString();
                return digits.length() >= 6 ? "~" + digits : null;
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        StringBuilder kept = new StringBuilder(20);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ((c >= '0' && c <= '9') || c == 'X') {
                kept.append(c);
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        return kept.length() >= 15 && kept.length() <= 19 ? kept.toString() : null;
    }

    private static String phoneDigits(Cell c) {
        String digits = org.lujing.identity.match.Comparisons.phoneDigits(c.text());
        return digits.length() >= 10 && digits.length() <= 12 ? digits : null;
    }

    private RowResult roster(SourceRow row) {
        String name = name(row);
        String id = idNumber(row);
        String phone = null;
        if (row.has(Field.PHONE)) {
            Cell c = row.cell(Field.PHONE);
            Normalised<String> p = PhoneNormaliser.normalise(c.text(), c.kind());
            if (p.isOk()) {
                phone = p.value();
            } else {
                // a landline or a slip in an optional column does not take the person off the roster (every record of
                // theirs would wait unmatched): registered without it, said in a note naming the rows; a phone an
                // earlier roster gave is kept (the update leaves a missing phone as it was)
                notes.add(
                        row.sheet(),
                        ReadingNote.PHONE_NOT_KEPT,
                        "「" + row.header(Field.PHONE) + "」不是 11 位手机号，未保存；人员照常登记 / '"
                                + row.header(Field.PHONE) + "' is not an 11-digit mobile number and is not kept;"
                                + " the person is registered",
                        row.rowNumber());
            }
        }
        LocalDate[] supervision = supervision(row);
        SubjectDraft draft = new SubjectDraft(
                cipher.blindIndex(ID_COLUMN, id),
                cipher.encrypt(ID_COLUMN, id),
                Masking.idNumber(id),
                name,
                bounded(row, Field.GENDER, plain(row, Field.GENDER)),
                phone == null ? null : cipher.blindIndex(PHONE_COLUMN, phone),
                phone == null ? null : cipher.encrypt(PHONE_COLUMN, phone),
                phone == null ? null : cipher.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone(name, phone)),
                cipher.blindIndex(
                        IdentityKeys.NAME_BIRTH, IdentityKeys.nameBirth(name, IdNumberNormaliser.birthDate(id))),
                cipher.keyId(),
                bounded(row, Field.COMMUNITY, plain(row, Field.COMMUNITY)),
                correctionType(row),
                supervision[0],
                supervision[1]);
        return new RowResult.RosterEntry(row.sheet(), row.rowNumber(), draft);
    }

    /** The roster row's correction type, one of the law's four kinds, or blank. */
    private static String correctionType(SourceRow row) {
        if (!row.has(Field.CORRECTION_TYPE)) {
            return null;
        }
        Normalised<String> kind = CorrectionTypeNormaliser.normalise(
                row.cell(Field.CORRECTION_TYPE).text());
        if (!kind.isOk()) {
            throw rejection(kind, row.header(Field.CORRECTION_TYPE));
        }
        return kind.value();
    }

    /**
     * The supervision's start and end, each in the years a record may have and the end not before the start: a
     * period that ends before it begins (the two columns swapped, a year typed wrong) would make every activity of
     * the person an OUTSIDE_SUPERVISION finding, and is rejected where it was written instead.
     */
    private LocalDate[] supervision(SourceRow row) {
        LocalDate start = inRecordYears(row, Field.SUPERVISION_START, date(row, Field.SUPERVISION_START, false));
        LocalDate end = inRecordYears(row, Field.SUPERVISION_END, date(row, Field.SUPERVISION_END, false));
        if (start != null && end != null && end.isBefore(start)) {
            throw new RowRejection(
                    ReasonCode.DATE_INVALID,
                    row.header(Field.SUPERVISION_END),
                    "矫正终止日期 " + end + " 早于起始日期 " + start + "，请核对名册 / the supervision ends (" + end
                            + ") before it starts (" + start + "): check the roster",
                    null);
        }
        return new LocalDate[] {start, end};
    }

    private String name(SourceRow row) {
        // a name cell holding an ID number or phone (it happens) must not carry it into the ledger
        String name = row.has(Field.NAME)
                ? Masking.value(NameNormaliser.normalise(row.cell(Field.NAME).text()))
                : "";
        if (name == null || name.isEmpty()) {
            throw missing(row, Field.NAME, "姓名", "the name");
        }
        return bounded(row, Field.NAME, name);
    }

    private String idNumber(SourceRow row) {
        if (!row.has(Field.ID_NUMBER)) {
            throw missing(row, Field.ID_NUMBER, "身份证号", "the ID number");
        }
        Cell c = row.cell(Field.ID_NUMBER);
        Normalised<String> id = IdNumberNormaliser.normalise(c.text(), c.kind());
        if (!id.isOk()) {
            throw rejection(id, row.header(Field.ID_NUMBER));
        }
        return id.value();
    }

    private LocalDate date(SourceRow row, Field field, boolean required) {
        if (!row.has(field)) {
            if (required) {
                throw missing(row, field, "日期", "the date");
            }
            return null;
        }
        Cell c = row.cell(field);
        Normalised<LocalDate> d = DateNormaliser.parse(c.text(), c.kind(), row.date1904(), source.datePattern());
        if (!d.isOk()) {
            throw rejection(d, row.header(field));
        }
        return d.value();
    }

    /**
     * The activity date; a date written without a year takes the year its sheet's title, name or file name states
     * (domain.md), and the row is counted under that decision so the file's notes can say where the year came from.
     */
    private LocalDate activityDate(SourceRow row) {
        if (!row.has(Field.DATE)) {
            throw missing(row, Field.DATE, "日期", "the date");
        }
        Cell c = row.cell(Field.DATE);
        SheetContext context = row.context();
        Normalised<LocalDate> d =
                DateNormaliser.parse(c.text(), c.kind(), row.date1904(), source.datePattern(), context::yearFor);
        if (!d.isOk()) {
            throw rejection(d, row.header(Field.DATE));
        }
        inRecordYears(row, Field.DATE, d.value());
        if (c.kind() == CellKind.YEARLESS_DATE
                && context.yearFor(d.value().getMonthValue()).isEmpty()) {
            notes.add(
                    row.sheet(),
                    ReadingNote.DATE_YEAR,
                    "日期单元格只显示月日，表头、工作表名和文件名中都没有年份，取单元格本身的 " + d.value().getYear()
                            + "年 / date cells show month and day only and nothing states a year: the cells' own, "
                            + d.value().getYear(),
                    row.rowNumber());
        } else if (DateNormaliser.isYearless(c.text(), c.kind())) {
            int year = d.value().getYear();
            notes.add(
                    row.sheet(),
                    ReadingNote.DATE_YEAR,
                    "日期缺年份，取自" + context.yearFrom() + " " + year + "年 / dates without a year took " + year
                            + " from the " + yearPlace(context.yearFrom()),
                    row.rowNumber());
        }
        return d.value();
    }

    /**
     * The date, when it lies in the years a record may have; a real date no support record or supervision can have
     * (0000-01-01, 9999-12-31, 2205 for 2025) is a slip, never a value, and rejects the row.
     */
    private static LocalDate inRecordYears(SourceRow row, Field field, LocalDate date) {
        if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
            throw new RowRejection(
                    ReasonCode.DATE_INVALID,
                    row.header(field),
                    "日期 " + date + " 不在 " + FIRST_YEAR + "–" + LAST_YEAR + " 年之间，疑似录入错误 / the date " + date
                            + " lies outside " + FIRST_YEAR + "–" + LAST_YEAR + ": a typing slip?",
                    null);
        }
        return date;
    }

    /** The years an activity date, or a supervision's start and end, may fall in. */
    static final int FIRST_YEAR = 1950;

    static final int LAST_YEAR = 2099;

    private static String yearPlace(String place) {
        return switch (place == null ? "" : place) {
            case "表头" -> "sheet's title";
            case "工作表名" -> "sheet's name";
            case "文件名" -> "file's name";
            default -> "sheet";
        };
    }

    private Category category(SourceRow row) {
        if (!row.has(Field.CATEGORY) && row.context().category() != null) {
            Category category = row.context().category();
            if (row.context().categoryFrom() != null) {
                notes.add(
                        row.sheet(),
                        ReadingNote.CATEGORY_FROM_SHEET,
                        "无类别列，类别取自" + row.context().categoryFrom() + "：" + category.zh() + " / no category"
                                + " column: the category " + category.name() + " comes from the sheet's "
                                + (row.context().categoryFrom().startsWith("工作表名") ? "name" : "title"),
                        row.rowNumber());
            }
            return category;
        }
        if (!row.has(Field.CATEGORY)) {
            return source.defaultCategoryOpt()
                    .orElseThrow(() -> missing(row, Field.CATEGORY, "活动类型", "the activity type"));
        }
        String word = row.cell(Field.CATEGORY).text().strip();
        // an ID number or phone typed into the column is shown masked, and is no word to offer for the vocabulary
        String shown = clip(Masking.value(word), MAX_VALUE);
        return source.vocabulary()
                .lookup(word)
                .orElseThrow(() -> new RowRejection(
                        ReasonCode.UNKNOWN_CATEGORY,
                        row.header(Field.CATEGORY),
                        "活动类型“" + shown + "”不在来源 " + source.id() + " 的词表中 / the activity word '" + shown
                                + "' maps to no category: add it under vocabulary in jobs/sources/" + source.id()
                                + ".yaml and retry",
                        shown.equals(word) ? TextFolding.fold(word) : null));
    }

    private BigDecimal decimal(SourceRow row, Field field, boolean mustBePositive, int maxIntegerDigits) {
        String error = row.cell(field).errorCode();
        if (error != null) {
            // a count or a duration the partner's formula failed to give is not "none" (quantity 1, no hours): the
            // figure would be wrong without a word
            String column = row.header(field);
            throw new RowRejection(
                    ReasonCode.VALUE_INVALID, column, noValue(error, "“" + column + "”", "'" + column + "'"), null);
        }
        if (!row.has(field)) {
            return null;
        }
        String text = TextFolding.fold(row.cell(field).text());
        BigDecimal v;
        try {
            v = new BigDecimal(text);
            if (v.signum() < 0 || (mustBePositive && v.signum() == 0)) {
                throw new NumberFormatException();
            }
            v = v.stripTrailingZeros();
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v != null && v.precision() - v.scale() > maxIntegerDigits) {
            String shown = clip(Masking.value(row.cell(field).text().strip()), 40);
            throw new RowRejection(
                    ReasonCode.VALUE_INVALID,
                    row.header(field),
                    "“" + shown + "”超出可记录的范围（整数部分最多 " + maxIntegerDigits + " 位） / '" + shown
                            + "' is out of range (at most " + maxIntegerDigits + " digits before the point)",
                    null);
        }
        if (v == null) {
            throw new RowRejection(
                    ReasonCode.VALUE_INVALID,
                    row.header(field),
                    "“" + Masking.value(row.cell(field).text()) + "”不是有效的" + (mustBePositive ? "正数" : "非负数")
                            + " / '" + Masking.value(row.cell(field).text()) + "' is not a valid "
                            + (mustBePositive ? "positive" : "non-negative") + " number",
                    null);
        }
        return v;
    }

    /**
     * The longest value each field's column holds (support_record, subject): a longer one rejects its row, naming the
     * column and the limit, rather than failing its whole file at publication.
     */
    private static final java.util.Map<Field, Integer> MAX_LENGTH = java.util.Map.of(
            Field.NAME, 100,
            Field.AGENCY, 200,
            Field.ACTIVITY_NAME, 500,
            Field.OUTCOME, 1000,
            Field.NOTES, 2000,
            Field.GENDER, 8,
            Field.COMMUNITY, 200);

    /** Digits before the point that hours (DECIMAL(10,2)) and quantities (DECIMAL(14,2)) hold. */
    static final int MAX_HOURS_DIGITS = 8;

    static final int MAX_QUANTITY_DIGITS = 12;

    /** The value when its column holds it, else the row is rejected with VALUE_INVALID. */
    private static String bounded(SourceRow row, Field field, String value) {
        int max = MAX_LENGTH.getOrDefault(field, Integer.MAX_VALUE);
        if (value == null || value.length() <= max) {
            return value;
        }
        throw new RowRejection(
                ReasonCode.VALUE_INVALID,
                row.header(field),
                "内容过长：" + value.length() + " 个字符，此列最多 " + max + " 个，请删减或拆分 / too long: " + value.length()
                        + " characters where the column holds at most " + max + "; shorten or split it",
                null);
    }

    private static String freeText(SourceRow row, Field field) {
        return row.has(field) ? Masking.value(row.cell(field).text().strip()) : null;
    }

    private static String plain(SourceRow row, Field field) {
        return row.has(field) ? TextFolding.fold(row.cell(field).text()) : null;
    }

    /** What {@code row_reject} holds: message 1,000 characters, masked values 4,000, column 200; a word 200. */
    static final int MAX_MESSAGE = 1000;

    static final int MAX_VALUES = 4000;
    static final int MAX_COLUMN = 200;
    static final int MAX_WORD = 200;

    /** One value of a rejected row as kept: enough to recognise it. */
    private static final int MAX_VALUE = 300;

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The row's cells as a JSON array, identity values masked, each value cut at 300 characters and the array cut
     * (its last element "…") where it would pass the 4,000 characters {@code row_reject.masked_values} holds.
     */
    private String maskedValues(SourceRow row) {
        List<String> masked = new ArrayList<>(row.cells().size());
        Cell id = row.cell(Field.ID_NUMBER);
        Cell phone = row.cell(Field.PHONE);
        for (Cell c : row.cells()) {
            if (c.isBlank()) {
                masked.add("");
            } else if (c == id) {
                masked.add(Masking.idNumber(TextFolding.fold(c.text())));
            } else if (c == phone) {
                masked.add(Masking.phone(TextFolding.fold(c.text())));
            } else {
                masked.add(clip(Masking.value(c.text()), MAX_VALUE));
            }
        }
        String json = JSON.writeValueAsString(masked);
        // two values of at most 300 characters each always fit, escaped or not: the loop ends
        while (json.length() > MAX_VALUES && masked.size() > 2) {
            int drop = Math.max(1, (json.length() - MAX_VALUES) / (MAX_VALUE + 3));
            masked = new ArrayList<>(masked.subList(0, Math.max(1, masked.size() - 1 - drop)));
            masked.add("…");
            json = JSON.writeValueAsString(masked);
        }
        return json;
    }

    /**
     * A required value the row lacks: "日期为空", or, when the cell holds a formula's error (#DIV/0!, #N/A), that —
     * the partner's fix is the formula, not a value they did leave out.
     */
    private static RowRejection missing(SourceRow row, Field field, String zh, String en) {
        String error = row.cell(field).errorCode();
        String message = error == null ? zh + "为空 / " + en + " is missing" : noValue(error, zh, en);
        return new RowRejection(ReasonCode.MISSING_FIELD, row.header(field), message, null);
    }

    /**
     * A value holding U+FFFD: bytes the file's encoding could not decode (a CSV whose first part is UTF-8 and a later
     * part GBK), replaced when read. Stored, the name or activity would be garbled for good; the row is rejected
     * instead, saying how to send the file.
     */
    private static void refuseUndecodable(SourceRow row) {
        for (Map.Entry<Field, Cell> e : row.fields().entrySet()) {
            String text = e.getValue().text();
            if (text != null && text.indexOf('\uFFFD') >= 0) {
                String column = row.header(e.getKey());
                throw new RowRejection(
                        ReasonCode.VALUE_INVALID,
                        column,
                        "“" + column + "”含有无法识别的字符（�）：文件的编码前后不一致（如前面是 UTF-8、后面是 GBK），请将整个文件另存为 UTF-8 后重新发送 / '"
                                + column + "' holds characters that could not be decoded (�): the file's encoding"
                                + " changes part-way (UTF-8, then GBK); save the whole file as UTF-8 and send it again",
                        null);
            }
        }
    }

    /** Why a formula cell has no value: its error (#DIV/0!, #N/A), or no stored result at all. */
    private static String noValue(String error, String zh, String en) {
        return Cell.NO_RESULT.equals(error)
                ? zh + "是没有保存计算结果的公式，没有值；请在 Excel 中打开原表、保存后再发送 / " + en
                        + " is a formula whose result the file does not hold: open the original in Excel, save it"
                        + " and send it again"
                : zh + "是公式错误 " + clip(error, 40) + "，没有值；请在原表中修正公式 / " + en + " is a formula error (" + clip(error, 40)
                        + "), no value: mend the formula in the original";
    }

    private static RowRejection rejection(Normalised<?> n, String column) {
        Normalised.Rejected<?> r = (Normalised.Rejected<?>) n;
        return new RowRejection(r.code(), column, r.message(), null);
    }

    /** Internal signal: the row breaks a rule. Carries only masked text. */
    private static final class RowRejection extends RuntimeException {
        private final ReasonCode code;
        private final String column;
        private final String unmappedWord;

        RowRejection(ReasonCode code, String column, String message, String unmappedWord) {
            super(message, null, false, false);
            this.code = code;
            this.column = column;
            this.unmappedWord = unmappedWord;
        }
    }
}
