package org.lujing.ledger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The roster's writes on one connection, the one row-by-row ledger write that remains: each statement is prepared
 * once per session (HSQLDB compiles every prepare anew) and executed per person, with the person's history. Plain
 * JDBC in SQL that HSQLDB and PostgreSQL both accept.
 */
final class LedgerSession implements AutoCloseable {

    private final Connection connection;
    private final List<PreparedStatement> opened = new ArrayList<>();
    private PreparedStatement updateSubject;
    private PreparedStatement insertSubject;
    private PreparedStatement findSubjectRow;
    private PreparedStatement history;

    LedgerSession(Connection connection) {
        this.connection = connection;
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

    private PreparedStatement prepare(PreparedStatement existing, String sql) throws SQLException {
        if (existing != null) {
            return existing;
        }
        PreparedStatement p = connection.prepareStatement(sql);
        opened.add(p);
        return p;
    }

    private static void setDate(PreparedStatement p, int index, java.time.LocalDate value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DATE);
        } else {
            p.setDate(index, Date.valueOf(value));
        }
    }

    /** Closes the statements. */
    @Override
    public void close() {
        SQLException failure = null;
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
            throw new LedgerWriteException("closing the roster's statements failed", failure);
        }
    }
}
