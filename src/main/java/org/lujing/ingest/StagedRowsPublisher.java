package org.lujing.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lujing.ledger.LedgerRepository;
import org.lujing.ledger.RecordDraft;
import org.lujing.ledger.RecordIds;
import org.lujing.ledger.StatisticsRollup;
import org.lujing.ledger.TableStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes a staged file into the ledger, one slice of rows per transaction. A slice's records go into a
 * temporary table and from there into the ledger with set-based SQL through the identity index: new identities are
 * inserted in one statement (ids reserved in a block beforehand), rows whose identity exists — in an earlier file
 * or earlier in this one — are merged into it, every row gets its provenance link; rejects, control totals and
 * roster rows follow. A slice holds the ledger's write turn ({@link RecordIds#takeWriteTurn}) until it commits, so
 * nodes that share a database publish slice by slice, never into each other's uncommitted rows. The slice's accounting and the file's publication mark move in the same transaction, so a
 * restart after a crash redoes exactly the slice that was not committed, and nothing twice.
 *
 * <p>Why one class of this length: publication is one set-based sequence per slice (identities, records, merges, provenance, rollups, accounting) whose SQL statements depend on each other's order.
 */
class StagedRowsPublisher implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagedRowsPublisher.class);

    /** The identity of a record: the ledger's unique key, between the slice row s and the ledger row r. */
    private static final String SAME_IDENTITY = "r.subject_key = s.subject_key AND r.category = s.category"
            + " AND r.activity_date = s.activity_date AND r.agency = s.agency";

    private static final String INSERT_NEW = """
            INSERT INTO support_record (id, subject_key, subject_id, match_method, person_name, id_masked, category,
              activity_date, agency, activity_name, hours, quantity, outcome, notes, first_file_id,
              created_at, key_kind, subject_ref_enc, index_key_id)
            SELECT s.record_id, s.subject_key, p.id, CASE WHEN p.id IS NULL THEN NULL ELSE 'ID_NUMBER' END, s.person_name,
              s.id_masked, s.category, s.activity_date, s.agency, s.activity_name, s.hours, s.quantity, s.outcome,
              s.notes, s.file_id, ?, s.key_kind, s.subject_ref_enc, s.index_key_id
            FROM stage_slice s LEFT JOIN subject p ON p.id_number_idx = s.subject_key AND s.key_kind = 'ID_NUMBER'
            WHERE s.file_id = ? AND %s
            ORDER BY s.subject_key, s.category, s.activity_date, s.agency""";

    /** The slice row's identity is in no record of the ledger. */
    private static final String NOT_IN_LEDGER =
            "NOT EXISTS (SELECT 1 FROM support_record r WHERE " + SAME_IDENTITY + ")";

    private final JdbcTemplate jdbc;
    private final FileRegistry files;
    private final LedgerRepository ledger;
    private final StatisticsRollup rollup;
    private final RecordIds recordIds;
    private final TableStatistics tableStatistics;
    private final long fileId;
    private final String sourceId;
    private final Path stagingFile;
    private final int sliceRows;
    private final long sliceBytes;

    StagedRowsPublisher(
            JdbcTemplate jdbc,
            FileRegistry files,
            LedgerRepository ledger,
            StatisticsRollup rollup,
            RecordIds recordIds,
            TableStatistics tableStatistics,
            long fileId,
            String sourceId,
            Path stagingFile,
            int sliceRows,
            long sliceBytes) {
        this.jdbc = jdbc;
        this.files = files;
        this.ledger = ledger;
        this.rollup = rollup;
        this.recordIds = recordIds;
        this.tableStatistics = tableStatistics;
        this.fileId = fileId;
        this.sourceId = sourceId;
        this.stagingFile = stagingFile;
        this.sliceRows = sliceRows;
        this.sliceBytes = sliceBytes;
    }

    long fileId() {
        return fileId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        FileRegistry.Publication done = files.publication(fileId);
        long end = Files.exists(stagingFile) ? Files.size(stagingFile) : 0L;
        if (done.offset() >= end) {
            return RepeatStatus.FINISHED;
        }
        List<StagingFile.Staged> slice = new ArrayList<>(Math.min(sliceRows, 1 << 16));
        long offset;
        try (StagingFile.Reader reader = new StagingFile.Reader(stagingFile, done.offset(), end)) {
            StagingFile.Staged s;
            // the slice ends at its rows or its bytes, whichever comes first: a staged row is about as big in the
            // heap as in the file (UTF-8 there; Latin-1 or UTF-16 strings here), so wide rows make more slices
            while (slice.size() < sliceRows
                    && (slice.isEmpty() || reader.offset() - done.offset() < sliceBytes)
                    && (s = reader.next()) != null) {
                slice.add(s);
            }
            offset = reader.offset();
        }
        FileAccounting counts = publish(slice);
        files.addPublished(fileId, counts, slice.size(), offset);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(slice.size());
        log.info(
                "file #{}: published rows {}–{} (accepted {}, merged {}, rejected {}, skipped {})",
                fileId,
                done.rows() + 1,
                done.rows() + slice.size(),
                counts.accepted(),
                counts.merged(),
                counts.rejected(),
                counts.skipped());
        return offset >= end ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    /**
     * Publishes one slice in the caller's transaction: its records, roster rows, rejects and control totals. Returns
     * its accounting; the caller records it (the step with the publication mark, a retry with its rejects' state).
     */
    FileAccounting publish(List<StagingFile.Staged> slice) {
        // one slice at a time writes the ledger, across every node sharing the database: the identity check and the
        // insert below, and the rollups, see no other writer's uncommitted rows
        recordIds.takeWriteTurn();
        // on PostgreSQL, a ledger that grew a lot since its statistics were taken is analyzed before it is planned on
        tableStatistics.refreshIfStale();
        List<StagingFile.Staged> records = new ArrayList<>();
        List<RowResult.RosterEntry> roster = new ArrayList<>();
        List<RowResult.Rejected> rejects = new ArrayList<>();
        List<RowResult.Skipped> skips = new ArrayList<>();
        int rosterRepeats = 0;
        for (StagingFile.Staged s : slice) {
            if (s.result() instanceof RowResult.NewRecord) {
                records.add(s);
            } else if (s.result() instanceof RowResult.RosterEntry e) {
                // a person named again in the file updates the person as any row does, and is counted merged
                roster.add(e);
                rosterRepeats += s.repeat() ? 1 : 0;
            } else if (s.result() instanceof RowResult.Rejected j) {
                rejects.add(j);
            } else {
                skips.add((RowResult.Skipped) s.result());
            }
        }
        int created = records.isEmpty() ? 0 : publishRecords(records);
        for (RowResult.RosterEntry e : roster) {
            ledger.upsertSubject(e.draft(), fileId);
        }
        writeRejects(rejects);
        writeControlTotals(skips);
        tableStatistics.written(slice.size());
        return new FileAccounting(
                slice.size(),
                created + roster.size() - rosterRepeats,
                records.size() - created + rosterRepeats,
                rejects.size(),
                skips.size());
    }

    /** Returns how many records the slice created; the rest of its records merged into existing ones. */
    private int publishRecords(List<StagingFile.Staged> records) {
        // a row that is the first of its identity in the file gets an id now; it keeps it unless the identity turns
        // out to be in the ledger already (then the id is a gap and the row merges)
        int firsts = (int) records.stream().filter(s -> !s.repeat()).count();
        long firstId = firsts == 0 ? 0 : recordIds.reserve(firsts);
        long nextId = firstId;
        long[] ids = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ids[i] = records.get(i).repeat() ? 0 : nextId++;
        }
        long t0 = System.nanoTime();
        stage(records, ids);
        // the first rows whose identity is in the ledger already (an earlier file's records) merge into those: they
        // are found first and leave the slice's table, so the insert below takes only new identities and needs no
        // probe of the identity index of its own — one probe a row, whether the file is new or sent again
        Merges merges = new Merges();
        findMerges(merges, "s.repeat_row = FALSE");
        if (!merges.into.isEmpty()) {
            jdbc.update("DELETE FROM stage_slice WHERE file_id = ?", fileId);
            List<StagingFile.Staged> rest = new ArrayList<>();
            long[] restIds = new long[records.size() - merges.into.size()];
            for (int i = 0; i < records.size(); i++) {
                if (!merges.into.containsKey(records.get(i).seq())) {
                    restIds[rest.size()] = ids[i];
                    rest.add(records.get(i));
                }
            }
            if (!rest.isEmpty()) {
                stage(rest, restIds);
            }
        }
        long t1 = System.nanoTime();
        Timestamp now = Timestamp.from(Instant.now());
        int created = jdbc.update(INSERT_NEW.formatted("s.repeat_row = FALSE"), now, fileId);
        if (created != firsts - merges.into.size()) {
            throw new IllegalStateException("file #" + fileId + ": " + (firsts - merges.into.size())
                    + " new identities in a slice, but " + created + " records inserted");
        }
        // a row taken for a repeat whose identity is in no record: its 64-bit hash collided with another's
        List<Integer> collided = jdbc.queryForList(
                "SELECT s.seq FROM stage_slice s WHERE s.file_id = ? AND s.repeat_row = TRUE AND " + NOT_IN_LEDGER
                        + " ORDER BY s.seq",
                Integer.class,
                fileId);
        for (int seq : collided) {
            long id = recordIds.reserve(1);
            jdbc.update("UPDATE stage_slice SET record_id = ? WHERE file_id = ? AND seq = ?", id, fileId, seq);
            if (jdbc.update(INSERT_NEW.formatted("s.seq = ? AND " + NOT_IN_LEDGER), now, fileId, seq) == 1) {
                created++;
                rollup.add("r.id = ?", id);
            }
        }
        long t3 = System.nanoTime();
        // the new records are counted before any repeat merges into them: a repeat that names a record created in
        // this slice moves it from its unnamed event to the named one, which takes it being counted already
        if (firsts > 0) {
            rollup.add("r.id BETWEEN ? AND ? AND r.first_file_id = ?", firstId, nextId - 1, fileId);
        }
        long t4 = System.nanoTime();
        // the repeats: of a record this slice created, of one an earlier slice or file did
        findMerges(merges, "s.repeat_row = TRUE");
        Map<Integer, StagingFile.Staged> bySeq = bySeq(records, merges.into);
        applyMerges(merges, bySeq);
        long t5 = System.nanoTime();
        String provenance =
                "INSERT INTO record_source (record_id, file_id, source_id, sheet, row_no, hours, quantity, outcome)";
        // a row that created its record links to the id it was given (a collided repeat that found its identity
        // created meanwhile has an id that is a gap: the record is looked up by its primary key); a row that merged
        // links to the record its merge found
        int linked = jdbc.update(
                provenance + " SELECT s.record_id, s.file_id, ?, s.sheet, s.row_no, s.hours, s.quantity, s.outcome"
                        + " FROM stage_slice s WHERE s.file_id = ? AND s.record_id IS NOT NULL"
                        + (collided.isEmpty()
                                ? " AND s.repeat_row = FALSE"
                                : " AND EXISTS (SELECT 1 FROM support_record r WHERE r.id = s.record_id)"),
                sourceId,
                fileId);
        List<Map.Entry<Integer, Long>> merged = new ArrayList<>(merges.into.entrySet());
        jdbc.batchUpdate(provenance + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", merged, 5000, (p, m) -> {
            RowResult.NewRecord n = (RowResult.NewRecord) bySeq.get(m.getKey()).result();
            p.setLong(1, m.getValue());
            p.setLong(2, fileId);
            p.setString(3, sourceId);
            p.setString(4, n.sheet());
            p.setInt(5, n.row());
            decimal(p, 6, n.draft().hours());
            decimal(p, 7, n.draft().quantity());
            p.setString(8, n.draft().outcome());
        });
        if (linked + merged.size() != records.size() || linked != created) {
            // every staged record is either the record it created or a merge into another: anything else would
            // break the file's accounting, so the slice is rolled back and the step fails rather than commit it
            throw new IllegalStateException("file #" + fileId + ": a slice of " + records.size() + " records linked "
                    + linked + " created and " + merged.size() + " merged rows, but created " + created);
        }
        jdbc.update("DELETE FROM stage_slice WHERE file_id = ?", fileId);
        long t6 = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug(
                    "file #{}: slice of {} records in ms: stage and find merges {}, insert {}, merge {}, provenance {}, rollup {}",
                    fileId,
                    records.size(),
                    (t1 - t0) / 1_000_000,
                    (t3 - t1) / 1_000_000,
                    (t5 - t4) / 1_000_000,
                    (t6 - t5) / 1_000_000,
                    (t4 - t3) / 1_000_000);
        }
        return created;
    }

    private static final String STAGE_COLUMNS = "file_id, seq, sheet, row_no, repeat_row, key_kind, subject_key,"
            + " subject_ref_enc, index_key_id, id_masked, person_name, category, activity_date, agency, activity_name,"
            + " hours, quantity, outcome, notes, record_id";

    /**
     * Writes the slice's records into {@code stage_slice}: on PostgreSQL with {@code COPY} (one stream instead of a
     * statement per row), elsewhere in one JDBC batch.
     */
    private void stage(List<StagingFile.Staged> records, long[] ids) {
        if (tableStatistics.dialect().postgres()) {
            jdbc.execute((ConnectionCallback<Long>) c -> {
                try (CopyText copy = new CopyText(c, "stage_slice", STAGE_COLUMNS)) {
                    for (int i = 0; i < records.size(); i++) {
                        StagingFile.Staged s = records.get(i);
                        RowResult.NewRecord n = (RowResult.NewRecord) s.result();
                        RecordDraft r = n.draft();
                        copy.add(fileId)
                                .add(s.seq())
                                .add(n.sheet())
                                .add(n.row())
                                .add(s.repeat());
                        copy.add(r.keyKind().name())
                                .add(r.subjectKey())
                                .add(r.subjectRef())
                                .add(r.indexKeyId());
                        copy.add(r.idMasked())
                                .add(r.personName())
                                .add(r.category().name())
                                .add(r.date());
                        copy.add(r.agency())
                                .add(r.activityName())
                                .add(plain(r.hours()))
                                .add(plain(r.quantity()));
                        copy.add(r.outcome()).add(r.notes()).add(ids[i] == 0 ? null : ids[i]);
                        copy.endRow();
                    }
                    return copy.finish();
                }
            });
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO stage_slice (" + STAGE_COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement p, int i) throws SQLException {
                        StagingFile.Staged s = records.get(i);
                        RowResult.NewRecord n = (RowResult.NewRecord) s.result();
                        RecordDraft r = n.draft();
                        p.setLong(1, fileId);
                        p.setInt(2, s.seq());
                        p.setString(3, n.sheet());
                        p.setInt(4, n.row());
                        p.setBoolean(5, s.repeat());
                        p.setString(6, r.keyKind().name());
                        p.setString(7, r.subjectKey());
                        p.setString(8, r.subjectRef());
                        p.setString(9, r.indexKeyId());
                        p.setString(10, r.idMasked());
                        p.setString(11, r.personName());
                        p.setString(12, r.category().name());
                        p.setDate(13, Date.valueOf(r.date()));
                        p.setString(14, r.agency());
                        p.setString(15, r.activityName());
                        decimal(p, 16, r.hours());
                        decimal(p, 17, r.quantity());
                        p.setString(18, r.outcome());
                        p.setString(19, r.notes());
                        if (ids[i] == 0) {
                            p.setNull(20, Types.BIGINT);
                        } else {
                            p.setLong(20, ids[i]);
                        }
                    }

                    @Override
                    public int getBatchSize() {
                        return records.size();
                    }
                });
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /**
     * The slice's merging rows, each with the record it merges into (by the row's sequence number, in the file's
     * order), what those records lacked when they were found (hours, outcome, notes, activity name), and the records
     * without an activity name that a merging row names.
     */
    private static final class Merges {
        final Map<Integer, Long> into = new TreeMap<>();
        final Map<Long, boolean[]> lacks = new java.util.HashMap<>();
        final Set<Long> unnamed = new LinkedHashSet<>();
    }

    /**
     * Adds the staged rows that {@code which} selects and whose identity has a record to {@code merges}, except a
     * collided repeat that created its own record.
     */
    private void findMerges(Merges merges, String which) {
        jdbc.query(
                "SELECT s.seq, r.id, s.record_id, r.activity_name, s.activity_name AS staged_name,"
                        + " CASE WHEN r.hours IS NULL THEN TRUE ELSE FALSE END,"
                        + " CASE WHEN r.outcome IS NULL THEN TRUE ELSE FALSE END,"
                        + " CASE WHEN r.notes IS NULL THEN TRUE ELSE FALSE END"
                        + " FROM stage_slice s JOIN support_record r ON " + SAME_IDENTITY
                        + " WHERE s.file_id = ? AND " + which,
                rs -> {
                    long id = rs.getLong(2);
                    long own = rs.getLong(3);
                    if (!rs.wasNull() && own == id) {
                        // a repeat whose 64-bit hash collided: it created its own record, it merges into nothing
                        return;
                    }
                    merges.into.put(rs.getInt(1), id);
                    merges.lacks.putIfAbsent(id, new boolean[] {
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(4) == null
                    });
                    if (rs.getString(4) == null && rs.getString(5) != null) {
                        merges.unnamed.add(id);
                    }
                },
                fileId);
    }

    /**
     * Fills what each merged-into record lacks (hours, outcome, notes, activity name) from its merging rows, in the
     * file's order, as if the rows had been written one by one. A record that lacks nothing the row brings is not
     * written: a partner's cumulative file, sent again each month with the months before, merges without rewriting
     * a single record.
     */
    private void applyMerges(Merges merges, Map<Integer, StagingFile.Staged> bySeq) {
        if (merges.into.isEmpty()) {
            return;
        }
        // only merges that can fill a gap are written; among several rows filling the same gap the file's first wins
        List<Map.Entry<Integer, Long>> fills = merges.into.entrySet().stream()
                .filter(m -> fillsAGap(merges.lacks.get(m.getValue()), draft(bySeq, m.getKey())))
                .toList();
        // a record that gains an activity name becomes another event: its statistics move with it
        String named = merges.unnamed.isEmpty()
                ? null
                : "r.id IN (" + merges.unnamed.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        if (named != null) {
            rollup.remove(named);
        }
        jdbc.batchUpdate("""
                UPDATE support_record SET hours = COALESCE(hours, ?), outcome = COALESCE(outcome, ?),
                  notes = COALESCE(notes, ?), activity_name = COALESCE(activity_name, ?)
                WHERE id = ?""", fills, 5000, (p, m) -> {
            RecordDraft r = draft(bySeq, m.getKey());
            decimal(p, 1, r.hours());
            p.setString(2, r.outcome());
            p.setString(3, r.notes());
            p.setString(4, r.activityName());
            p.setLong(5, m.getValue());
        });
        if (named != null) {
            rollup.add(named);
        }
    }

    /** Whether a merging row brings a value its record lacks (hours, outcome, notes, activity name, in that order). */
    private static boolean fillsAGap(boolean[] lacks, RecordDraft row) {
        return (lacks[0] && row.hours() != null)
                || (lacks[1] && row.outcome() != null)
                || (lacks[2] && row.notes() != null)
                || (lacks[3] && row.activityName() != null);
    }

    private static Map<Integer, StagingFile.Staged> bySeq(
            List<StagingFile.Staged> records, Map<Integer, Long> mergedInto) {
        Map<Integer, StagingFile.Staged> bySeq = new java.util.HashMap<>();
        for (StagingFile.Staged s : records) {
            if (mergedInto.containsKey(s.seq())) {
                bySeq.put(s.seq(), s);
            }
        }
        return bySeq;
    }

    private static RecordDraft draft(Map<Integer, StagingFile.Staged> bySeq, int seq) {
        return ((RowResult.NewRecord) bySeq.get(seq).result()).draft();
    }

    private void writeRejects(List<RowResult.Rejected> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("""
                INSERT INTO row_reject (file_id, source_id, sheet, row_no, column_name, reason, message, masked_values,
                  created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rejects, 1000, (p, r) -> {
            p.setLong(1, fileId);
            p.setString(2, sourceId);
            p.setString(3, r.sheet());
            p.setInt(4, r.row());
            p.setString(5, r.column());
            p.setString(6, r.reason().name());
            p.setString(7, r.message());
            p.setString(8, r.maskedValues());
            p.setTimestamp(9, now);
        });
        Map<String, Long> unmapped = rejects.stream()
                .filter(r -> r.unmappedWord() != null)
                .collect(Collectors.groupingBy(RowResult.Rejected::unmappedWord, TreeMap::new, Collectors.counting()));
        files.sawUnmappedWords(fileId, sourceId, unmapped);
    }

    private void writeControlTotals(List<RowResult.Skipped> skips) {
        List<RowResult.Skipped> totals =
                skips.stream().filter(k -> k.text() != null).toList();
        if (totals.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO file_control_total (file_id, sheet, row_no, declared_count, row_text) VALUES (?, ?, ?, ?, ?)",
                totals,
                1000,
                (p, k) -> {
                    p.setLong(1, fileId);
                    p.setString(2, k.sheet());
                    p.setInt(3, k.row());
                    if (k.declaredCount() == null) {
                        p.setNull(4, Types.INTEGER);
                    } else {
                        p.setInt(4, k.declaredCount());
                    }
                    p.setString(5, k.text());
                });
    }

    private static void decimal(PreparedStatement p, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DECIMAL);
        } else {
            p.setBigDecimal(index, value);
        }
    }
}
