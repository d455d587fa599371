package org.lujing.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lujing.files.PrivateFiles;
import org.lujing.identity.Masking;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectedRow;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.normalise.ReasonCode;
import org.lujing.read.ReadingNote;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.StoredFinding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-person ledger (个人台账), findings and per-file data-quality workbooks, written with SXSSF. Identity shows
 * only as the stored masked form (first 4, last 2) and never beside a birth date; partner text is masked again
 * ({@link Masking#value}) in case a number slipped into a free-text field; every text cell is a quote-prefixed
 * string ({@link SafeCells}). The ledger is read in slices of whole persons (at most {@link #CHUNK_RECORDS} records
 * each, in the ledger's own order), so neither the driver nor an embedded database ever holds the period's rows: an
 * in-process HSQLDB builds a query's whole sorted result on the heap whatever the fetch size.
 */
@Component
class DetailWorkbooks {

    static final int WINDOW = 100;
    static final int FETCH_SIZE = 1000;
    /** Records read per query of the ledger: whole persons (or pending keys) up to this many. */
    static final int CHUNK_RECORDS = 20_000;
    /** Persons per query at most, so the IN list stays short for any database. */
    static final int CHUNK_KEYS = 500;

    private final JdbcTemplate jdbc;
    private final FindingsService findings;
    private final FileRegistry files;

    DetailWorkbooks(DataSource dataSource, FindingsService findings, FileRegistry files) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.findings = findings;
        this.files = files;
    }

    static String ledgerSheet(ReportLanguage lang) {
        return lang.pick("个人台账", "Ledger");
    }

    static String pendingSheet(ReportLanguage lang) {
        return lang.pick("待识别", "Pending");
    }

    static String findingsSheet(ReportLanguage lang) {
        return lang.pick("核查发现", "Findings");
    }

    static String filesSheet(ReportLanguage lang) {
        return lang.pick("文件汇总", "Files");
    }

    static String rejectsSheet(ReportLanguage lang) {
        return lang.pick("拒收行", "Rejected rows");
    }

    static String notesSheet(ReportLanguage lang) {
        return lang.pick("读取说明", "Reading notes");
    }

    // ---------------------------------------------------------------- ledger

    /**
     * One slice of the ledger. The slice's persons are the driving rows ({@code s.id IN (...)} on subject's key, then
     * support_record through its subject_id index): written as {@code r.subject_id IN (...)} beside the date range,
     * HSQLDB walked the date index over the whole period for every slice, so each slice read the period's ledger.
     * {@link #ledgerSql} is checked against HSQLDB's plan by a test.
     */
    private static final String LEDGER_SQL = """
            SELECT r.id, s.id AS sid, s.name, s.id_masked, s.correction_type, r.activity_date, r.category,
                   r.activity_name, r.agency, r.hours, r.quantity, r.outcome, r.match_method,
                   rs.source_id, f.file_name, rs.sheet, rs.row_no,
                   CASE WHEN r.match_method = 'SCORED' THEN (SELECT MAX(m.evidence) FROM identity_match m
                     WHERE m.subject_key = r.subject_key AND m.subject_id = r.subject_id AND m.outcome = 'LINKED') END
                     AS match_evidence
            FROM subject s
              JOIN support_record r ON r.subject_id = s.id
              LEFT JOIN record_source rs ON rs.record_id = r.id
              LEFT JOIN ingest_file f ON f.id = rs.file_id
            WHERE s.id IN (%s) AND r.merged_into IS NULL AND r.activity_date >= ? AND r.activity_date <= ?
            ORDER BY s.name, s.id, r.activity_date, r.category, r.agency, r.id, rs.id""";

    /** The ledger query for a slice of {@code persons} persons: their ids first, then the period's two dates. */
    static String ledgerSql(int persons) {
        return LEDGER_SQL.formatted(String.join(", ", java.util.Collections.nCopies(persons, "?")));
    }

    /** The persons of the period in the ledger's order, with their record counts, to slice the ledger by. */
    private static final String LEDGER_PERSONS_SQL = """
            SELECT s.id AS k, COUNT(*) AS n
            FROM support_record r JOIN subject s ON s.id = r.subject_id
            WHERE r.merged_into IS NULL AND r.activity_date >= ? AND r.activity_date <= ?
            GROUP BY s.name, s.id
            ORDER BY s.name, s.id""";

    private static final String PENDING_SQL = """
            SELECT r.id, r.person_name, r.id_masked, r.key_kind, r.activity_date, r.category, r.activity_name,
                   r.agency, r.hours, r.quantity, r.outcome, rs.source_id, f.file_name, rs.sheet, rs.row_no
            FROM support_record r
              LEFT JOIN record_source rs ON rs.record_id = r.id
              LEFT JOIN ingest_file f ON f.id = rs.file_id
            WHERE r.subject_id IS NULL AND r.merged_into IS NULL AND r.activity_date >= ? AND r.activity_date <= ?
              AND r.subject_key >= ? AND r.subject_key <= ?
            ORDER BY r.subject_key, r.activity_date, r.category, r.agency, r.id, rs.id""";

    private static final String PENDING_KEYS_SQL = """
            SELECT r.subject_key AS k, COUNT(*) AS n
            FROM support_record r
            WHERE r.subject_id IS NULL AND r.merged_into IS NULL AND r.activity_date >= ? AND r.activity_date <= ?
            GROUP BY r.subject_key
            ORDER BY r.subject_key""";

    /** Writes the ledger of a period; returns the number of counted records written. */
    @Transactional(readOnly = true)
    public long writeLedger(Period period, ReportLanguage lang, Path file) {
        return writeLedger(period, lang, file, CHUNK_RECORDS);
    }

    /** The same, reading at most about {@code chunkRecords} records per query. */
    @Transactional(readOnly = true)
    long writeLedger(Period period, ReportLanguage lang, Path file, int chunkRecords) {
        long[] written = {0};
        workbook(file, lang.pick("帮扶台账", "Support ledger"), lang, wb -> {
            SafeCells cells = new SafeCells(wb);
            Sheet ledger = wb.createSheet(ledgerSheet(lang));
            cells.header(
                    ledger.createRow(0),
                    lang.pick("姓名", "Name"),
                    lang.pick("身份证号（脱敏）", "ID number (masked)"),
                    lang.pick("矫正类别", "Correction type"),
                    lang.pick("日期", "Date"),
                    lang.pick("类别", "Category"),
                    lang.pick("活动名称", "Activity"),
                    lang.pick("承办单位", "Agency"),
                    lang.pick("时长（小时）", "Hours"),
                    lang.pick("数量", "Quantity"),
                    lang.pick("结果", "Outcome"),
                    lang.pick("匹配方式", "Matched by"),
                    lang.pick("来源", "Provenance"));
            ledger.createFreezePane(2, 1);
            int[] widths = {12, 22, 14, 12, 16, 30, 30, 10, 8, 24, 12, 60};
            columnWidths(ledger, widths);
            written[0] = stream(period, true, chunkRecords, (rs, provenance) -> {
                Row row = ledger.createRow(ledger.getLastRowNum() + 1);
                cells.text(row, 0, rs.name);
                cells.text(row, 1, rs.idMasked);
                cells.text(row, 2, rs.correctionType);
                cells.text(row, 3, rs.date.toString());
                cells.text(row, 4, category(rs.category, lang));
                cells.text(row, 5, Masking.value(rs.activityName));
                cells.text(row, 6, Masking.value(rs.agency));
                cells.numberOrBlank(row, 7, rs.hours);
                cells.numberOrBlank(row, 8, rs.quantity);
                cells.text(row, 9, Masking.value(rs.outcome));
                cells.text(row, 10, matchMethod(rs.matchMethod, lang) + scoredEvidence(rs.matchEvidence, lang));
                cells.text(row, 11, provenance);
            });

            Sheet pending = wb.createSheet(pendingSheet(lang));
            cells.header(
                    pending.createRow(0),
                    lang.pick("姓名", "Name"),
                    lang.pick("身份证号（脱敏）", "ID number (masked)"),
                    lang.pick("识别依据", "Keyed by"),
                    lang.pick("日期", "Date"),
                    lang.pick("类别", "Category"),
                    lang.pick("活动名称", "Activity"),
                    lang.pick("承办单位", "Agency"),
                    lang.pick("时长（小时）", "Hours"),
                    lang.pick("数量", "Quantity"),
                    lang.pick("结果", "Outcome"),
                    lang.pick("来源", "Provenance"));
            pending.createFreezePane(2, 1);
            for (int i = 0; i < widths.length - 1; i++) {
                pending.setColumnWidth(i, widths[i == 10 ? 11 : i] * 256);
            }
            stream(period, false, chunkRecords, (rs, provenance) -> {
                Row row = pending.createRow(pending.getLastRowNum() + 1);
                cells.text(row, 0, rs.name);
                cells.text(row, 1, rs.idMasked == null ? "" : Masking.value(rs.idMasked));
                cells.text(row, 2, matchMethod(rs.keyKind, lang));
                cells.text(row, 3, rs.date.toString());
                cells.text(row, 4, category(rs.category, lang));
                cells.text(row, 5, Masking.value(rs.activityName));
                cells.text(row, 6, Masking.value(rs.agency));
                cells.numberOrBlank(row, 7, rs.hours);
                cells.numberOrBlank(row, 8, rs.quantity);
                cells.text(row, 9, Masking.value(rs.outcome));
                cells.text(row, 10, provenance);
            });
        });
        return written[0];
    }

    private static String category(String code, ReportLanguage lang) {
        try {
            return lang.category(Category.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** How a record was (or would be) tied to its person: the method's name only, never the value matched on. */
    static String matchMethod(String code, ReportLanguage lang) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "ID_NUMBER" -> lang.pick("身份证号", "ID number");
            case "NAME_PHONE" -> lang.pick("姓名+电话", "Name + phone");
            case "NAME_BIRTH_DATE" -> lang.pick("姓名+出生日期", "Name + birth date");
            case "MANUAL" -> lang.pick("人工关联", "Linked by hand");
            case "SCORED" -> lang.pick("评分匹配", "Scored match");
            case "NAME_TYPED_ID" -> lang.pick("姓名+有误的身份证号", "Name + damaged ID number");
            default -> code;
        };
    }

    /** A scored match's evidence in words (levels and weights, never a value), after the method: issue 13. */
    static String scoredEvidence(String evidenceJson, ReportLanguage lang) {
        return evidenceJson == null
                ? ""
                : "（" + org.lujing.identity.match.EvidenceWords.of(evidenceJson, lang == ReportLanguage.ZH) + "）";
    }

    /** One record as read, with its provenance links gathered from consecutive joined rows. */
    private static final class LedgerRow {
        long id;
        String name;
        String idMasked;
        String correctionType;
        String keyKind;
        String matchMethod;
        String matchEvidence;
        LocalDate date;
        String category;
        String activityName;
        String agency;
        BigDecimal hours;
        BigDecimal quantity;
        String outcome;
        final List<String> provenance = new ArrayList<>();
    }

    private interface RowSink {
        void accept(LedgerRow row, String provenance);
    }

    /** A person (or pending key) and how many records it has in the period. */
    record KeyCount(Object key, long records) {}

    /**
     * Consecutive keys packed into slices of at most {@code budget} records and {@link #CHUNK_KEYS} keys; a key with
     * more records than the budget is a slice of its own (a person is never split, so no record is).
     */
    static List<List<Object>> slices(List<KeyCount> keys, int budget) {
        List<List<Object>> out = new ArrayList<>();
        List<Object> slice = new ArrayList<>();
        long records = 0;
        for (KeyCount k : keys) {
            if (!slice.isEmpty() && (records + k.records() > budget || slice.size() >= CHUNK_KEYS)) {
                out.add(slice);
                slice = new ArrayList<>();
                records = 0;
            }
            slice.add(k.key());
            records += k.records();
        }
        if (!slice.isEmpty()) {
            out.add(slice);
        }
        return out;
    }

    /** Streams the counted ledger (by person) or the pending records (by key) slice after slice, in order. */
    private long stream(Period period, boolean counted, int budget, RowSink sink) {
        List<KeyCount> keys = jdbc.query(
                counted ? LEDGER_PERSONS_SQL : PENDING_KEYS_SQL,
                (rs, i) -> new KeyCount(counted ? rs.getLong("k") : rs.getString("k"), rs.getLong("n")),
                period.from(),
                period.to());
        long n = 0;
        for (List<Object> slice : slices(keys, budget)) {
            if (counted) {
                List<Object> args = new ArrayList<>(slice);
                args.add(period.from());
                args.add(period.to());
                n += stream(ledgerSql(slice.size()), sink, true, args.toArray());
            } else {
                n += stream(
                        PENDING_SQL,
                        sink,
                        false,
                        period.from(),
                        period.to(),
                        slice.get(0),
                        slice.get(slice.size() - 1));
            }
        }
        return n;
    }

    private long stream(String sql, RowSink sink, boolean counted, Object... args) {
        LedgerRow[] current = {null};
        long[] n = {0};
        RowCallbackHandler handler = rs -> {
            long id = rs.getLong("id");
            if (current[0] == null || current[0].id != id) {
                if (current[0] != null) {
                    sink.accept(current[0], String.join("; ", current[0].provenance));
                    n[0]++;
                }
                current[0] = read(rs, id, counted);
            }
            String source = rs.getString("source_id");
            if (source != null) {
                current[0].provenance.add(
                        provenance(source, rs.getString("file_name"), rs.getString("sheet"), rs.getInt("row_no")));
            }
        };
        jdbc.query(sql, handler, args);
        if (current[0] != null) {
            sink.accept(current[0], String.join("; ", current[0].provenance));
            n[0]++;
        }
        return n[0];
    }

    private static LedgerRow read(ResultSet rs, long id, boolean counted) throws SQLException {
        LedgerRow r = new LedgerRow();
        r.id = id;
        if (counted) {
            r.name = rs.getString("name");
            r.idMasked = rs.getString("id_masked");
            r.correctionType = rs.getString("correction_type");
            r.matchMethod = rs.getString("match_method");
            r.matchEvidence = rs.getString("match_evidence");
        } else {
            r.name = rs.getString("person_name");
            r.idMasked = rs.getString("id_masked");
            r.keyKind = rs.getString("key_kind");
        }
        r.date = rs.getDate("activity_date").toLocalDate();
        r.category = rs.getString("category");
        r.activityName = rs.getString("activity_name");
        r.agency = rs.getString("agency");
        r.hours = rs.getBigDecimal("hours");
        r.quantity = rs.getBigDecimal("quantity");
        r.outcome = rs.getString("outcome");
        return r;
    }

    /** {@code community: 2025年麓景社区工作台账.xlsx 台账!12}; a CSV or JSON file has no sheet to name. */
    static String provenance(String source, String fileName, String sheet, int row) {
        StringBuilder b = new StringBuilder(source).append(": ");
        if (fileName != null) {
            b.append(Masking.value(fileName)).append(' ');
        }
        if (sheet != null && !sheet.isBlank() && !sheet.equals(fileName)) {
            b.append(Masking.value(sheet)).append('!');
        }
        return b.append(row).toString();
    }

    // ---------------------------------------------------------------- findings

    /** Writes the findings holding on {@code date} (null: holding now); returns them. */
    @Transactional(readOnly = true)
    public List<StoredFinding> writeFindings(LocalDate date, ReportLanguage lang, Path file) {
        List<StoredFinding> list = findings.list(date, null, null);
        Map<Long, String> names = fileNames();
        workbook(file, lang.pick("核查发现", "Findings"), lang, wb -> {
            SafeCells cells = new SafeCells(wb);
            Sheet sheet = wb.createSheet(findingsSheet(lang));
            cells.header(
                    sheet.createRow(0),
                    lang.pick("规则", "Rule"),
                    lang.pick("严重程度", "Severity"),
                    lang.pick("人员（脱敏）", "Person (masked)"),
                    lang.pick("来源", "Source"),
                    lang.pick("文件", "File"),
                    lang.pick("详情", "Details"),
                    lang.pick("首次发现", "First seen"),
                    lang.pick("最近发现", "Last seen"),
                    lang.pick("状态", "Status"),
                    lang.pick("备注", "Note"));
            columnWidths(sheet, 40, 10, 28, 14, 36, 70, 12, 12, 14, 30);
            int r = 1;
            for (StoredFinding f : list) {
                Row row = sheet.createRow(r++);
                cells.text(row, 0, lang.rule(f.rule()));
                cells.text(row, 1, lang.severity(f.severity()));
                cells.text(row, 2, Masking.value(f.personMasked()));
                cells.text(row, 3, f.sourceId());
                cells.text(
                        row,
                        4,
                        f.fileId() == null ? "" : Masking.value(names.getOrDefault(f.fileId(), "#" + f.fileId())));
                cells.text(row, 5, Masking.value(lang.oneLanguage(f.details())));
                cells.text(row, 6, f.firstSeen() == null ? "" : f.firstSeen().toString());
                cells.text(row, 7, f.lastSeen() == null ? "" : f.lastSeen().toString());
                cells.text(row, 8, lang.findingStatus(f.status()));
                cells.text(row, 9, Masking.value(f.statusNote()));
            }
            sheet.createFreezePane(0, 1);
        });
        return list;
    }

    /** The findings as plain maps for the JSON beside the workbook (masked fields only). */
    List<Map<String, Object>> findingsJson(List<StoredFinding> list) {
        Map<Long, String> names = fileNames();
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredFinding f : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("rule", f.rule());
            m.put("severity", f.severity());
            m.put("person", f.personMasked() == null ? null : Masking.value(f.personMasked()));
            m.put("source", f.sourceId());
            m.put("file", f.fileId() == null ? null : Masking.value(names.getOrDefault(f.fileId(), "#" + f.fileId())));
            m.put("details", f.details() == null ? null : Masking.value(f.details()));
            m.put("firstSeen", f.firstSeen() == null ? null : f.firstSeen().toString());
            m.put("lastSeen", f.lastSeen() == null ? null : f.lastSeen().toString());
            m.put("status", f.status());
            m.put("note", f.statusNote() == null ? null : Masking.value(f.statusNote()));
            out.add(m);
        }
        return out;
    }

    private Map<Long, String> fileNames() {
        Map<Long, String> names = new HashMap<>();
        for (IngestedFile f : files.all()) {
            names.put(f.id(), f.fileName());
        }
        return names;
    }

    // ---------------------------------------------------------------- quality

    /** A file's accounting and its rejected rows. */
    record FileQuality(IngestedFile file, List<RejectedRow> rejects, List<ReadingNote> notes) {}

    /** Every registered file (or the one with {@code fileId}) with its rejected rows, in the order received. */
    @Transactional(readOnly = true)
    public List<FileQuality> quality(Long fileId) {
        List<FileQuality> out = new ArrayList<>();
        for (IngestedFile f : files.all()) {
            if (fileId == null || f.id() == fileId) {
                out.add(new FileQuality(f, files.rejects(f.id()), files.notes(f.id())));
            }
        }
        return out;
    }

    public void writeQuality(List<FileQuality> quality, ReportLanguage lang, Path file) {
        workbook(file, lang.pick("数据质量报告", "Data quality report"), lang, wb -> {
            SafeCells cells = new SafeCells(wb);
            Sheet summary = wb.createSheet(filesSheet(lang));
            cells.header(
                    summary.createRow(0),
                    lang.pick("文件", "File"),
                    lang.pick("来源", "Source"),
                    lang.pick("处理结果", "Outcome"),
                    lang.pick("读取行", "Read"),
                    lang.pick("接受", "Accepted"),
                    lang.pick("合并", "Merged"),
                    lang.pick("拒收", "Rejected"),
                    lang.pick("跳过", "Skipped"),
                    lang.pick("说明", "Message"));
            columnWidths(summary, 40, 14, 28, 8, 8, 8, 8, 8, 60);
            int r = 1;
            for (FileQuality q : quality) {
                IngestedFile f = q.file();
                Row row = summary.createRow(r++);
                cells.text(row, 0, Masking.value(f.fileName()));
                cells.text(row, 1, f.sourceId());
                cells.text(row, 2, lang.fileOutcome(f.outcome()));
                cells.number(row, 3, BigDecimal.valueOf(f.rowsRead()));
                cells.number(row, 4, BigDecimal.valueOf(f.accepted()));
                cells.number(row, 5, BigDecimal.valueOf(f.merged()));
                cells.number(row, 6, BigDecimal.valueOf(f.rejected()));
                cells.number(row, 7, BigDecimal.valueOf(f.skipped()));
                cells.text(row, 8, Masking.value(f.message()));
            }
            summary.createFreezePane(1, 1);

            Sheet rejects = wb.createSheet(rejectsSheet(lang));
            cells.header(
                    rejects.createRow(0),
                    lang.pick("文件", "File"),
                    lang.pick("工作表", "Sheet"),
                    lang.pick("行号", "Row"),
                    lang.pick("列", "Column"),
                    lang.pick("原因代码", "Reason code"),
                    lang.pick("说明", "Message"),
                    lang.pick("脱敏后的取值", "Values (masked)"),
                    lang.pick("如何修改", "What to fix"),
                    lang.pick("状态", "Status"));
            int[] rw = {40, 14, 8, 14, 20, 50, 70, 70, 10};
            for (int i = 0; i < rw.length; i++) {
                rejects.setColumnWidth(i, rw[i] * 256);
            }
            r = 1;
            for (FileQuality q : quality) {
                for (RejectedRow x : q.rejects()) {
                    Row row = rejects.createRow(r++);
                    cells.text(row, 0, Masking.value(q.file().fileName()));
                    cells.text(row, 1, Masking.value(x.sheet()));
                    cells.number(row, 2, BigDecimal.valueOf(x.rowNo()));
                    cells.text(row, 3, Masking.value(x.columnName()));
                    cells.text(row, 4, x.reason());
                    cells.text(row, 5, Masking.value(x.message()));
                    cells.text(row, 6, Masking.value(x.maskedValues()));
                    cells.text(row, 7, advice(x.reason(), lang));
                    cells.text(row, 8, lang.rejectStatus(x.status()));
                }
            }
            rejects.createFreezePane(0, 1);

            // how the reader read what it accepted: sheets passed over, merged cells, years and categories supplied
            Sheet notes = wb.createSheet(notesSheet(lang));
            cells.header(
                    notes.createRow(0),
                    lang.pick("文件", "File"),
                    lang.pick("工作表", "Sheet"),
                    lang.pick("涉及行", "Rows"),
                    lang.pick("代码", "Code"),
                    lang.pick("说明", "What was decided"));
            columnWidths(notes, 40, 14, 24, 20, 90);
            r = 1;
            for (FileQuality q : quality) {
                for (ReadingNote n : q.notes()) {
                    Row row = notes.createRow(r++);
                    cells.text(row, 0, Masking.value(q.file().fileName()));
                    cells.text(row, 1, Masking.value(n.sheet()));
                    cells.text(row, 2, lang.pick(n.rowsText(), n.rowsTextEn()));
                    cells.text(row, 3, n.kind());
                    cells.text(row, 4, Masking.value(lang.pick(n.zh(), n.en())));
                }
            }
            notes.createFreezePane(0, 1);
        });
    }

    /** The reason's advice in the report's language (the advice holds Chinese, then English, split by " / "). */
    static String advice(String reason, ReportLanguage lang) {
        try {
            String both = ReasonCode.valueOf(reason).advice();
            int slash = both.indexOf(" / ");
            if (slash < 0) {
                return both;
            }
            return lang.pick(both.substring(0, slash), both.substring(slash + 3));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    List<Map<String, Object>> qualityJson(List<FileQuality> quality) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileQuality q : quality) {
            IngestedFile f = q.file();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", Masking.value(f.fileName()));
            m.put("source", f.sourceId());
            m.put("outcome", f.outcome());
            m.put("read", f.rowsRead());
            m.put("accepted", f.accepted());
            m.put("merged", f.merged());
            m.put("rejected", f.rejected());
            m.put("skipped", f.skipped());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RejectedRow x : q.rejects()) {
                Map<String, Object> rr = new LinkedHashMap<>();
                rr.put("sheet", Masking.value(x.sheet()));
                rr.put("row", x.rowNo());
                rr.put("column", x.columnName() == null ? null : Masking.value(x.columnName()));
                rr.put("reason", x.reason());
                rr.put("message", Masking.value(x.message()));
                rr.put("values", x.maskedValues() == null ? null : Masking.value(x.maskedValues()));
                rr.put("status", x.status());
                rows.add(rr);
            }
            m.put("rejects", rows);
            List<Map<String, Object>> notes = new ArrayList<>();
            for (ReadingNote n : q.notes()) {
                Map<String, Object> nn = new LinkedHashMap<>();
                nn.put("sheet", Masking.value(n.sheet()));
                nn.put("kind", n.kind());
                nn.put("message", Masking.value(n.message()));
                nn.put("rows", n.rows());
                nn.put("firstRow", n.firstRow());
                nn.put("lastRow", n.lastRow());
                notes.add(nn);
            }
            m.put("notes", notes);
            out.add(m);
        }
        return out;
    }

    // ---------------------------------------------------------------- files

    private interface Sheets {
        void fill(SXSSFWorkbook wb) throws IOException;
    }

    /**
     * A streaming workbook filled by {@code sheets} and laid out for printing ({@link PrintLayout}), written beside
     * the target and moved in, so a reader never opens half a workbook; its temporary files are removed whatever
     * happens.
     */
    private static void workbook(Path file, String reportName, ReportLanguage lang, Sheets sheets) {
        try {
            PrivateFiles.write(file, out -> {
                SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
                try {
                    sheets.fill(wb);
                    PrintLayout.apply(wb, reportName, lang);
                    wb.write(out);
                } finally {
                    wb.close();
                    wb.dispose();
                }
            });
            org.lujing.PrivateFolders.restrictFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Sets column widths in characters. */
    private static void columnWidths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256);
        }
    }
}
