package org.lujing.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 *
 * <p>Why one class of this length: one connection's prepared statements for the row-by-row ledger writes that remain (roster rows, and rejected rows retried after a vocabulary change) with their identity checks, kept together so each statement is prepared once per session.
 */
final class LedgerSession implements AutoCloseable {

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
    private PreparedStatement findSubjectRow;
    private PreparedStatement history;
    private PreparedStatement nextId;
    private PreparedStatement readId;
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
                // a pair key (name + phone, name + birth date) is matched after the file, with the admin's decisions
                Long subjectId = r.keyKind() == KeyKind.ID_NUMBER ? subjectId(r.subjectKey()) : null;
                recordId = nextRecordId();
                insertRecord = prepare(insertRecord, """
                        INSERT INTO support_record (subject_key, subject_id, match_method, person_name, id_masked, category,
                          activity_date, agency, activity_name, hours, quantity, outcome, notes, source_count,
                          first_file_id, created_at, key_kind, subject_ref_enc, index_key_id, id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)""");
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
                p.setString(16, r.keyKind().name());
                p.setString(17, r.subjectRef());
                p.setString(18, r.indexKeyId());
                p.setLong(19, recordId);
                p.executeUpdate();
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

    /**
     * Adds a person or updates one (nobody is removed by being absent from a later roster); every changed field is
     * written to the subject's history, phones as "changed" only.
     */
    public LedgerRepository.Effect upsertSubject(SubjectDraft s, long fileId) {
        try {
            Timestamp now = Timestamp.from(Instant.now());
            findSubjectRow = prepare(findSubjectRow, """
                    SELECT id, name, gender, phone_idx, community, correction_type, supervision_start, supervision_end
                    FROM subject WHERE id_number_idx = ?""");
            findSubjectRow.setString(1, s.idIndex());
            Long id = null;
            List<String[]> changes = new ArrayList<>();
            try (ResultSet rs = findSubjectRow.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong("id");
                    change(changes, "name", rs.getString("name"), s.name());
                    change(changes, "gender", rs.getString("gender"), s.gender());
                    if (s.phoneIndex() != null && !s.phoneIndex().equals(rs.getString("phone_idx"))) {
                        changes.add(
                                new String[] {"phone", rs.getString("phone_idx") == null ? null : "(set)", "(changed)"
                                });
                    }
                    change(changes, "community", rs.getString("community"), s.community());
                    change(changes, "correctionType", rs.getString("correction_type"), s.correctionType());
                    change(
                            changes,
                            "supervisionStart",
                            text(rs.getDate("supervision_start")),
                            text(s.supervisionStart()));
                    change(changes, "supervisionEnd", text(rs.getDate("supervision_end")), text(s.supervisionEnd()));
                }
            }
            if (id == null) {
                insertSubject = prepare(insertSubject, """
                        INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, gender, phone_idx, phone_enc,
                          name_phone_idx, name_birth_idx, index_key_id, community, correction_type, supervision_start,
                          supervision_end, first_file_id, last_file_id, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement i = insertSubject;
                i.setString(1, s.idIndex());
                i.setString(2, s.idCipher());
                i.setString(3, s.idMasked());
                i.setString(4, s.name());
                i.setString(5, s.gender());
                i.setString(6, s.phoneIndex());
                i.setString(7, s.phoneCipher());
                i.setString(8, s.namePhoneIndex());
                i.setString(9, s.nameBirthIndex());
                i.setString(10, s.indexKeyId());
                i.setString(11, s.community());
                i.setString(12, s.correctionType());
                setDate(i, 13, s.supervisionStart());
                setDate(i, 14, s.supervisionEnd());
                i.setLong(15, fileId);
                i.setLong(16, fileId);
                i.setTimestamp(17, now);
                i.setTimestamp(18, now);
                i.executeUpdate();
            } else {
                updateSubject = prepare(updateSubject, """
                        UPDATE subject SET name = ?, gender = COALESCE(?, gender),
                          phone_idx = COALESCE(?, phone_idx), phone_enc = COALESCE(?, phone_enc),
                          name_phone_idx = COALESCE(?, name_phone_idx), name_birth_idx = ?,
                          community = COALESCE(?, community), correction_type = COALESCE(?, correction_type),
                          supervision_start = COALESCE(?, supervision_start), supervision_end = COALESCE(?, supervision_end),
                          last_file_id = ?, updated_at = ?
                        WHERE id = ?""");
                PreparedStatement u = updateSubject;
                u.setString(1, s.name());
                u.setString(2, s.gender());
                u.setString(3, s.phoneIndex());
                u.setString(4, s.phoneCipher());
                u.setString(5, s.namePhoneIndex());
                u.setString(6, s.nameBirthIndex());
                u.setString(7, s.community());
                u.setString(8, s.correctionType());
                setDate(u, 9, s.supervisionStart());
                setDate(u, 10, s.supervisionEnd());
                u.setLong(11, fileId);
                u.setTimestamp(12, now);
                u.setLong(13, id);
                u.executeUpdate();
                if (!changes.isEmpty()) {
                    history = prepare(history, """
                            INSERT INTO subject_history (subject_id, file_id, changed_at, field, old_value, new_value)
                            VALUES (?, ?, ?, ?, ?, ?)""");
                    for (String[] c : changes) {
                        history.setLong(1, id);
                        history.setLong(2, fileId);
                        history.setTimestamp(3, now);
                        history.setString(4, c[0]);
                        history.setString(5, c[1]);
                        history.setString(6, c[2]);
                        history.addBatch();
                    }
                    history.executeBatch();
                }
            }
            subjectIds.remove(s.idIndex());
            return LedgerRepository.Effect.ACCEPTED;
        } catch (SQLException e) {
            throw new LedgerWriteException("writing a roster entry failed", e);
        }
    }

    /** A field counts as changed only when the new file states a value that differs (absent values keep the old). */
    private static void change(List<String[]> changes, String field, String old, String now) {
        if (now != null && !now.equals(old)) {
            changes.add(new String[] {field, old, now});
        }
    }

    private static String text(Object date) {
        return date == null ? null : date.toString();
    }

    /**
     * One id from the shared blocks (see {@link RecordIds}), taken in this session's transaction: from a block the
     * transaction keeps ({@link RecordIds#fromBlock}), so a transaction that adds records one at a time updates the
     * counter once per block, not once per record.
     */
    private long nextRecordId() throws SQLException {
        return RecordIds.fromBlock(count -> {
            nextId = prepare(nextId, "UPDATE id_block SET next_id = next_id + ? WHERE name = 'support_record'");
            nextId.setInt(1, count);
            nextId.executeUpdate();
            readId = prepare(readId, "SELECT next_id FROM id_block WHERE name = 'support_record'");
            try (ResultSet rs = readId.executeQuery()) {
                rs.next();
                return rs.getLong(1) - count;
            }
        });
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
