package org.lujing.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ledger writes for one chunk on one connection: each statement is prepared once and executed per row, provenance
 * links are sent as one batch. Per-row statement preparation (HSQLDB compiles every prepare anew) was the largest
 * cost of a big ingest. Plain JDBC in SQL that HSQLDB and PostgreSQL both accept.
 */
public final class LedgerSession implements AutoCloseable {

    private final Connection connection;
    private final List<PreparedStatement> opened = new ArrayList<>();
    private final Map<String, Long> subjectIds = new HashMap<>();
    private PreparedStatement findRecord;
    private PreparedStatement insertRecord;
    private PreparedStatement mergeRecord;
    private PreparedStatement findSubject;
    private PreparedStatement insertProvenance;
    private PreparedStatement updateSubject;
    private PreparedStatement insertSubject;
    private int pendingProvenance;

    LedgerSession(Connection connection) {
        this.connection = connection;
    }

    public LedgerRepository.Effect addRecord(RecordDraft r, long fileId, String sourceId, String sheet, int rowNo) {
        try {
            findRecord = prepare(findRecord, """
                    SELECT id FROM support_record
                    WHERE subject_key = ? AND category = ? AND activity_date = ? AND agency = ?""");
            findRecord.setString(1, r.subjectKey());
            findRecord.setString(2, r.category().name());
            findRecord.setDate(3, Date.valueOf(r.date()));
            findRecord.setString(4, r.agency());
            Long existing = null;
            try (ResultSet rs = findRecord.executeQuery()) {
                if (rs.next()) {
                    existing = rs.getLong(1);
                }
            }
            long recordId;
            LedgerRepository.Effect effect;
            if (existing != null) {
                recordId = existing;
                effect = LedgerRepository.Effect.MERGED;
                mergeRecord = prepare(mergeRecord, """
                        UPDATE support_record SET source_count = source_count + 1,
                          hours = COALESCE(hours, ?), outcome = COALESCE(outcome, ?), notes = COALESCE(notes, ?),
                          activity_name = COALESCE(activity_name, ?)
                        WHERE id = ?""");
                setDecimal(mergeRecord, 1, r.hours());
                mergeRecord.setString(2, r.outcome());
                mergeRecord.setString(3, r.notes());
                mergeRecord.setString(4, r.activityName());
                mergeRecord.setLong(5, recordId);
                mergeRecord.executeUpdate();
            } else {
                Long subjectId = subjectId(r.subjectKey());
                if (insertRecord == null) {
                    insertRecord = connection.prepareStatement("""
                            INSERT INTO support_record (subject_key, subject_id, match_method, person_name, id_masked, category,
                              activity_date, agency, activity_name, hours, quantity, outcome, notes, source_count,
                              first_file_id, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
                    opened.add(insertRecord);
                }
                PreparedStatement p = insertRecord;
                p.setString(1, r.subjectKey());
                if (subjectId == null) {
                    p.setNull(2, Types.BIGINT);
                    p.setNull(3, Types.VARCHAR);
                } else {
                    p.setLong(2, subjectId);
                    p.setString(3, MatchMethod.ID_NUMBER.name());
                }
                p.setString(4, r.personName());
                p.setString(5, r.idMasked());
                p.setString(6, r.category().name());
                p.setDate(7, Date.valueOf(r.date()));
                p.setString(8, r.agency());
                p.setString(9, r.activityName());
                setDecimal(p, 10, r.hours());
                setDecimal(p, 11, r.quantity());
                p.setString(12, r.outcome());
                p.setString(13, r.notes());
                p.setLong(14, fileId);
                p.setTimestamp(15, Timestamp.from(Instant.now()));
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    // id is the first column: HSQLDB returns only it, PostgreSQL every column
                    recordId = keys.getLong(1);
                }
                effect = LedgerRepository.Effect.ACCEPTED;
            }
            insertProvenance = prepare(insertProvenance, """
                    INSERT INTO record_source (record_id, file_id, source_id, sheet, row_no, hours, quantity, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
            insertProvenance.setLong(1, recordId);
            insertProvenance.setLong(2, fileId);
            insertProvenance.setString(3, sourceId);
            insertProvenance.setString(4, sheet);
            insertProvenance.setInt(5, rowNo);
            setDecimal(insertProvenance, 6, r.hours());
            setDecimal(insertProvenance, 7, r.quantity());
            insertProvenance.setString(8, r.outcome());
            insertProvenance.addBatch();
            pendingProvenance++;
            return effect;
        } catch (SQLException e) {
            throw new LedgerWriteException("writing a record failed", e);
        }
    }

    public LedgerRepository.Effect upsertSubject(SubjectDraft s, long fileId) {
        try {
            Timestamp now = Timestamp.from(Instant.now());
            updateSubject = prepare(updateSubject, """
                    UPDATE subject SET name = ?, gender = COALESCE(?, gender),
                      phone_idx = COALESCE(?, phone_idx), phone_enc = COALESCE(?, phone_enc),
                      community = COALESCE(?, community), correction_type = COALESCE(?, correction_type),
                      supervision_start = COALESCE(?, supervision_start), supervision_end = COALESCE(?, supervision_end),
                      last_file_id = ?, updated_at = ?
                    WHERE id_number_idx = ?""");
            PreparedStatement u = updateSubject;
            u.setString(1, s.name());
            u.setString(2, s.gender());
            u.setString(3, s.phoneIndex());
            u.setString(4, s.phoneCipher());
            u.setString(5, s.community());
            u.setString(6, s.correctionType());
            setDate(u, 7, s.supervisionStart());
            setDate(u, 8, s.supervisionEnd());
            u.setLong(9, fileId);
            u.setTimestamp(10, now);
            u.setString(11, s.idIndex());
            if (u.executeUpdate() == 0) {
                insertSubject = prepare(insertSubject, """
                        INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, gender, phone_idx, phone_enc,
                          community, correction_type, supervision_start, supervision_end, first_file_id, last_file_id,
                          created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement i = insertSubject;
                i.setString(1, s.idIndex());
                i.setString(2, s.idCipher());
                i.setString(3, s.idMasked());
                i.setString(4, s.name());
                i.setString(5, s.gender());
                i.setString(6, s.phoneIndex());
                i.setString(7, s.phoneCipher());
                i.setString(8, s.community());
                i.setString(9, s.correctionType());
                setDate(i, 10, s.supervisionStart());
                setDate(i, 11, s.supervisionEnd());
                i.setLong(12, fileId);
                i.setLong(13, fileId);
                i.setTimestamp(14, now);
                i.setTimestamp(15, now);
                i.executeUpdate();
            }
            subjectIds.remove(s.idIndex());
            return LedgerRepository.Effect.ACCEPTED;
        } catch (SQLException e) {
            throw new LedgerWriteException("writing a roster entry failed", e);
        }
    }

    private Long subjectId(String subjectKey) throws SQLException {
        if (subjectIds.containsKey(subjectKey)) {
            return subjectIds.get(subjectKey);
        }
        findSubject = prepare(findSubject, "SELECT id FROM subject WHERE id_number_idx = ?");
        findSubject.setString(1, subjectKey);
        Long id = null;
        try (ResultSet rs = findSubject.executeQuery()) {
            if (rs.next()) {
                id = rs.getLong(1);
            }
        }
        subjectIds.put(subjectKey, id);
        return id;
    }

    private PreparedStatement prepare(PreparedStatement existing, String sql) throws SQLException {
        if (existing != null) {
            return existing;
        }
        PreparedStatement p = connection.prepareStatement(sql);
        opened.add(p);
        return p;
    }

    private static void setDecimal(PreparedStatement p, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DECIMAL);
        } else {
            p.setBigDecimal(index, value);
        }
    }

    private static void setDate(PreparedStatement p, int index, java.time.LocalDate value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DATE);
        } else {
            p.setDate(index, Date.valueOf(value));
        }
    }

    /** Sends the batched provenance links and closes the statements. */
    @Override
    public void close() {
        SQLException failure = null;
        try {
            if (pendingProvenance > 0) {
                insertProvenance.executeBatch();
            }
        } catch (SQLException e) {
            failure = e;
        }
        for (PreparedStatement p : opened) {
            try {
                p.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw new LedgerWriteException("writing provenance failed", failure);
        }
    }
}
