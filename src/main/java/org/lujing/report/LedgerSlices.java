package org.lujing.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.lujing.ledger.KeyRange;
import org.lujing.ledger.PendingFigures;
import org.lujing.ledger.PendingRanges;
import org.lujing.ledger.Period;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the ledger of a period for the ledger workbook in slices of whole persons (at most {@link #CHUNK_RECORDS}
 * records each, in the ledger's own order), so neither the driver nor an embedded database ever holds the period's
 * rows: an in-process HSQLDB builds a query's whole sorted result on the heap whatever the fetch size.
 */
@Component
class LedgerSlices {

    static final int FETCH_SIZE = 1000;
    /** Records read per query of the ledger: whole persons (or pending keys) up to this many. */
    static final int CHUNK_RECORDS = 20_000;
    /** Persons per query at most, so the IN list stays short for any database. */
    static final int CHUNK_KEYS = 500;

    private final JdbcTemplate jdbc;
    private final PendingFigures pendingFigures;

    LedgerSlices(DataSource dataSource, PendingFigures pendingFigures) {
        this.pendingFigures = pendingFigures;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    /**
     * One slice of the ledger. The slice's persons are the driving rows ({@code s.id IN (...)} on subject's key, then
     * support_record through its subject_id index): written as {@code r.subject_id IN (...)} beside the date range,
     * HSQLDB walked the date index over the whole period for every slice, so each slice read the period's ledger.
     * The date range is written so that no index can serve it ({@code COALESCE} of a column that is never null):
     * PostgreSQL, once it keeps a generic plan for the repeated statement (after five executions), otherwise ANDed
     * the date index's bitmap over the whole period into every person's lookup — 67 s a slice at 10,000,000
     * records instead of 0.2 s. {@link #ledgerSql} is checked against HSQLDB's plan by a test.
     */
    private static final String LEDGER_SQL = """
            SELECT r.id, s.id AS sid, s.name, s.id_masked, s.correction_type, r.activity_date, r.category,
                   r.activity_name, r.agency, r.hours, r.quantity, r.outcome, r.match_method,
                   rs.source_id, rs.file_id, f.file_name, rs.sheet, rs.row_no,
                   CASE WHEN r.match_method = 'SCORED' THEN (SELECT MAX(m.evidence) FROM identity_match m
                     WHERE m.subject_key = r.subject_key AND m.subject_id = r.subject_id AND m.outcome = 'LINKED') END
                     AS match_evidence
            FROM subject s
              JOIN support_record r ON r.subject_id = s.id
              LEFT JOIN record_source rs ON rs.record_id = r.id
              LEFT JOIN ingest_file f ON f.id = rs.file_id
            WHERE s.id IN (%s) AND r.merged_into IS NULL
              AND COALESCE(r.activity_date, DATE '1900-01-01') >= ? AND COALESCE(r.activity_date, DATE '1900-01-01') <= ?
            ORDER BY CASE s.id %s END, r.activity_date, r.category, r.agency, r.id, rs.id""";

    /**
     * The ledger query for a slice of {@code persons} persons: their ids, the period's two dates, then their ids again
     * in the ledger's order (the position of each is its place in the slice).
     */
    static String ledgerSql(int persons) {
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < persons; i++) {
            order.append("WHEN ? THEN ").append(i).append(' ');
        }
        return LEDGER_SQL.formatted(
                String.join(", ", Collections.nCopies(persons, "?")),
                order.toString().strip());
    }

    /** The persons of the period with their names and record counts, to order and slice the ledger by. */
    private static final String LEDGER_PERSONS_SQL = """
            SELECT s.id AS k, s.name, COUNT(*) AS n
            FROM support_record r JOIN subject s ON s.id = r.subject_id
            WHERE r.merged_into IS NULL AND r.activity_date >= ? AND r.activity_date <= ?%s
            GROUP BY s.id, s.name""";

    /** The name of the person numbered {@code id} on the roster, if there is one. */
    java.util.Optional<String> personName(long id) {
        return jdbc.query("SELECT name FROM subject WHERE id = ?", (rs, i) -> rs.getString(1), id).stream()
                .findFirst();
    }

    /**
     * Surnames read otherwise than the character's everyday reading, which is the one the collator knows (单 as dan,
     * 解 as jie): each stands for the sort as a common character of the surname's reading (单 shàn as 善, 解 xiè as 谢),
     * so 单田芳 files among the S and 解晓东 among the X, as a clerk files them.
     */
    private static final java.util.Map<String, String> SURNAME_READINGS = java.util.Map.ofEntries(
            java.util.Map.entry("长孙", "掌孙"),
            java.util.Map.entry("尉迟", "玉迟"),
            java.util.Map.entry("万俟", "莫其"),
            java.util.Map.entry("单", "善"),
            java.util.Map.entry("仇", "求"),
            java.util.Map.entry("解", "谢"),
            java.util.Map.entry("朴", "瓢"),
            java.util.Map.entry("区", "欧"),
            java.util.Map.entry("查", "渣"),
            java.util.Map.entry("翟", "宅"),
            java.util.Map.entry("乐", "岳"),
            java.util.Map.entry("盖", "葛"),
            java.util.Map.entry("缪", "妙"),
            java.util.Map.entry("覃", "秦"),
            java.util.Map.entry("召", "邵"),
            java.util.Map.entry("种", "崇"),
            java.util.Map.entry("曾", "增"),
            java.util.Map.entry("隗", "魏"),
            java.util.Map.entry("繁", "婆"));

    /** The name as the collator should read it: its surname's reading, where that is not the everyday one. */
    static String asSurnameReads(String name) {
        if (name == null) {
            return "";
        }
        for (int length = 2; length >= 1; length--) {
            if (name.length() > length) {
                String stand = SURNAME_READINGS.get(name.substring(0, length));
                if (stand != null) {
                    return stand + name.substring(length);
                }
            }
        }
        return name;
    }

    /**
     * People in the order a Chinese office files them: by the pinyin of their names (陈明, 黄晓东, 李秀英, 刘海燕…), as
     * {@link java.text.Collator} for Chinese orders them; then by their number, so that two of one name stay apart.
     */
    static void byName(List<KeyCount> persons, List<String> names) {
        java.text.Collator collator = java.text.Collator.getInstance(java.util.Locale.CHINA);
        java.util.Map<Object, java.text.CollationKey> keys = new java.util.HashMap<>();
        for (int i = 0; i < persons.size(); i++) {
            keys.put(persons.get(i).key(), collator.getCollationKey(asSurnameReads(names.get(i))));
        }
        persons.sort(java.util.Comparator.<KeyCount, java.text.CollationKey>comparing(p -> keys.get(p.key()))
                .thenComparing(p -> (Long) p.key()));
    }

    private static final String PENDING_SQL = """
            SELECT r.id, r.person_name, r.id_masked, r.key_kind, r.activity_date, r.category, r.activity_name,
                   r.agency, r.hours, r.quantity, r.outcome, rs.source_id, rs.file_id, f.file_name, rs.sheet, rs.row_no
            FROM support_record r
              LEFT JOIN record_source rs ON rs.record_id = r.id
              LEFT JOIN ingest_file f ON f.id = rs.file_id
            WHERE COALESCE(r.subject_id, 0) = 0 AND r.merged_into IS NULL
              AND COALESCE(r.activity_date, DATE '1900-01-01') >= ? AND COALESCE(r.activity_date, DATE '1900-01-01') <= ?
              AND r.subject_key >= ? AND r.subject_key <= ?
            ORDER BY r.subject_key, r.activity_date, r.category, r.agency, r.id, rs.id""";

    /**
     * The pending keys of one range of keys ({@link KeyRange}, as {@link PendingRanges} plans them) with their
     * records. Read for the whole period at once, a year before its roster — a million pending records, each its own
     * key — ran the workbook out of a 256 MB heap in 31 s (HSQLDB's grouping table and the list of keys).
     */
    private static final String PENDING_KEYS_SQL = """
            SELECT r.subject_key AS k, COUNT(*) AS n
            FROM support_record r
            WHERE %s AND r.merged_into IS NULL
              AND COALESCE(r.activity_date, DATE '1900-01-01') >= ? AND COALESCE(r.activity_date, DATE '1900-01-01') <= ?
            GROUP BY r.subject_key
            ORDER BY r.subject_key""";

    /** Where a record was read: its source, file, sheet and row (a record two sources reported has two). */
    /** Where a record was read; the file's number tells apart files a partner sent again under the same name. */
    record Provenance(String source, long fileId, String fileName, String sheet, int row) {}

    /** One record as read, with its provenance links gathered from consecutive joined rows. */
    static final class LedgerRow {
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
        final List<Provenance> provenance = new ArrayList<>();
    }

    interface RowSink {
        void accept(LedgerRow row);
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

    /**
     * Streams the counted ledger (by person) or the pending records (by key) slice after slice, in order; returns
     * the number of records streamed.
     */
    long stream(Period period, boolean counted, int budget, RowSink sink) {
        return counted ? streamCounted(period, null, budget, sink) : streamPending(period, budget, sink);
    }

    /** The counted ledger of one person (all persons when {@code person} is null); returns the records streamed. */
    long streamCounted(Period period, Long person, int budget, RowSink sink) {
        List<KeyCount> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Object> personArgs = new ArrayList<>(List.of(period.from(), period.to()));
        if (person != null) {
            personArgs.add(person);
        }
        jdbc.query(
                LEDGER_PERSONS_SQL.formatted(person == null ? "" : " AND s.id = ?"),
                rs -> {
                    keys.add(new KeyCount(rs.getLong("k"), rs.getLong("n")));
                    names.add(rs.getString("name"));
                },
                personArgs.toArray());
        byName(keys, names);
        names.clear();
        long n = 0;
        for (List<Object> slice : slices(keys, budget)) {
            List<Object> args = new ArrayList<>(slice);
            args.add(period.from());
            args.add(period.to());
            args.addAll(slice);
            n += stream(ledgerSql(slice.size()), sink, true, args.toArray());
        }
        return n;
    }

    /**
     * The pending records by key, a range of keys at a time (one range while no more than {@code budget} are
     * pending), each range's keys in slices. A slice's records are read through the key's index: through the person's
     * (its NULL part), every slice read every pending record, which made a year before its roster quadratic.
     */
    private long streamPending(Period period, int budget, RowSink sink) {
        PendingRanges plan =
                PendingRanges.of(JdbcClient.create(jdbc), pendingFigures.records(period.from(), period.to()), budget);
        long n = 0;
        for (KeyRange range : plan.ranges()) {
            List<Object> args = new ArrayList<>(range.params());
            args.add(period.from());
            args.add(period.to());
            List<KeyCount> keys = jdbc.query(
                    PENDING_KEYS_SQL.formatted(range.condition("r.subject_key") + plan.noPerson("r.subject_id")),
                    (rs, i) -> new KeyCount(rs.getString("k"), rs.getLong("n")),
                    args.toArray());
            for (List<Object> slice : slices(keys, budget)) {
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
                    sink.accept(current[0]);
                    n[0]++;
                }
                current[0] = read(rs, id, counted);
            }
            String source = rs.getString("source_id");
            if (source != null) {
                current[0].provenance.add(new Provenance(
                        source,
                        rs.getLong("file_id"),
                        rs.getString("file_name"),
                        rs.getString("sheet"),
                        rs.getInt("row_no")));
            }
        };
        jdbc.query(sql, handler, args);
        if (current[0] != null) {
            sink.accept(current[0]);
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
}
