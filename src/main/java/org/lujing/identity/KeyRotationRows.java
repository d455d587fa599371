package org.lujing.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.KeyKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows a key rotation reads and writes, typed: people and records not yet under a key, their re-keyed values, the
 * admins' decisions that follow their records' keys, and the {@code key_rotation} log. A row is "under" a key when its
 * blind indexes were computed with it ({@code index_key_id}) and each of its ciphertexts starts with the key's id.
 */
@Repository
class KeyRotationRows {

    /** A person's protected values as stored. */
    record SubjectRow(long id, String name, String idNumberEnc, String phoneEnc) {}

    /** A record's key, what it is the blind index of, and the encrypted values behind it. */
    record RecordRow(long id, String subjectKey, KeyKind kind, String subjectRefEnc, String subjectIdNumberEnc) {}

    private static final String SUBJECT_NOT_UNDER = """
            (index_key_id IS NULL OR index_key_id <> ? OR id_number_enc NOT LIKE ?
              OR (phone_enc IS NOT NULL AND phone_enc NOT LIKE ?))""";

    private static final String RECORD_NOT_UNDER = """
            (r.index_key_id IS NULL OR r.index_key_id <> ? OR r.subject_ref_enc IS NULL OR r.subject_ref_enc NOT LIKE ?)""";

    private final JdbcTemplate jdbc;

    KeyRotationRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next people after id {@code after} not yet under the key: a batch starts where the last one ended, so the
     * rows already re-keyed are not walked again by every batch (that made a rotation's time grow with the square of
     * the ledger).
     */
    List<SubjectRow> subjectsNotUnder(String keyId, long after, int limit) {
        return jdbc.query(
                "SELECT id, name, id_number_enc, phone_enc FROM subject WHERE id > ? AND " + SUBJECT_NOT_UNDER
                        + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new SubjectRow(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("id_number_enc"),
                        rs.getString("phone_enc")),
                after,
                keyId,
                prefix(keyId),
                prefix(keyId));
    }

    long countSubjectsNotUnder(String keyId) {
        return count("SELECT COUNT(*) FROM subject WHERE " + SUBJECT_NOT_UNDER, keyId, prefix(keyId), prefix(keyId));
    }

    /** The next records after id {@code after} not yet under the key (as {@link #subjectsNotUnder}). */
    List<RecordRow> recordsNotUnder(String keyId, long after, int limit) {
        return jdbc.query(
                """
                SELECT r.id, r.subject_key, r.key_kind, r.subject_ref_enc, s.id_number_enc AS subject_id_enc
                FROM support_record r LEFT JOIN subject s ON s.id = r.subject_id
                WHERE r.id > ? AND """ + RECORD_NOT_UNDER + " ORDER BY r.id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new RecordRow(
                        rs.getLong("id"),
                        rs.getString("subject_key").strip(),
                        KeyKind.valueOf(rs.getString("key_kind")),
                        rs.getString("subject_ref_enc"),
                        rs.getString("subject_id_enc")),
                after,
                keyId,
                prefix(keyId));
    }

    long countRecordsNotUnder(String keyId) {
        return count("SELECT COUNT(*) FROM support_record r WHERE " + RECORD_NOT_UNDER, keyId, prefix(keyId));
    }

    /** Each array: id index, id ciphertext, phone index, phone ciphertext, name+phone index, name+birth index, key id, id. */
    void updateSubjects(List<Object[]> rows) {
        jdbc.batchUpdate("""
                UPDATE subject SET id_number_idx = ?, id_number_enc = ?, phone_idx = ?, phone_enc = ?, name_phone_idx = ?,
                  name_birth_idx = ?, index_key_id = ?
                WHERE id = ?""", rows);
    }

    /** Each array: the new key, the reference's new ciphertext, the key id, the record's id. */
    void updateRecords(List<Object[]> rows) {
        jdbc.batchUpdate(
                "UPDATE support_record SET subject_key = ?, subject_ref_enc = ?, index_key_id = ? WHERE id = ?", rows);
    }

    /**
     * Moves admins' decisions, and scored matching's evidence and review entries, from their records' old keys to the
     * new ones; returns how many decisions moved.
     */
    long moveDecisions(Map<String, String> oldToNew) {
        if (oldToNew.isEmpty()) {
            return 0;
        }
        List<Object[]> pairs = oldToNew.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), e.getKey()})
                .toList();
        int[] moved = jdbc.batchUpdate("UPDATE identity_decision SET subject_key = ? WHERE subject_key = ?", pairs);
        // scored matching's evidence and review queue are keyed like decisions
        jdbc.batchUpdate("UPDATE identity_match SET subject_key = ? WHERE subject_key = ?", pairs);
        long n = 0;
        for (int m : moved) {
            n += Math.max(m, 0);
        }
        return n;
    }

    void started(String oldKeyId, String newKeyId) {
        jdbc.update(
                "INSERT INTO key_rotation (old_key_id, new_key_id, started_at, state) VALUES (?, ?, ?, 'RUNNING')",
                oldKeyId,
                newKeyId,
                Timestamp.from(Instant.now()));
    }

    void finished() {
        jdbc.update(
                "UPDATE key_rotation SET state = 'DONE', finished_at = ? WHERE state = 'RUNNING'",
                Timestamp.from(Instant.now()));
    }

    Optional<KeyRotationService.Rotation> unfinished() {
        return jdbc
                .query(
                        """
                        SELECT id, old_key_id, new_key_id, started_at FROM key_rotation WHERE state = 'RUNNING'
                        ORDER BY id DESC""",
                        (rs, n) -> new KeyRotationService.Rotation(
                                rs.getLong("id"),
                                rs.getString("old_key_id"),
                                rs.getString("new_key_id"),
                                rs.getTimestamp("started_at").toInstant()))
                .stream()
                .findFirst();
    }

    /**
     * A key id the stored data was written under that none of {@code held} is: every person's (the roster is small),
     * then the newest record's (its primary key finds it; a whole ledger would be read otherwise). Empty when the
     * keys held cover what these show.
     */
    Optional<String> foreignKeyId(List<String> held) {
        String marks = String.join(", ", java.util.Collections.nCopies(held.size(), "?"));
        Optional<String> person = jdbc
                .queryForList(
                        "SELECT index_key_id FROM subject WHERE index_key_id IS NOT NULL AND index_key_id NOT IN ("
                                + marks + ") FETCH FIRST 1 ROWS ONLY",
                        String.class,
                        held.toArray())
                .stream()
                .findFirst();
        if (person.isPresent()) {
            return person;
        }
        return jdbc
                .queryForList(
                        "SELECT index_key_id FROM support_record ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                        String.class)
                .stream()
                .filter(id -> id != null && !held.contains(id.strip()))
                .findFirst();
    }

    /** Ciphertexts start with the id of the key that made them. */
    private static String prefix(String keyId) {
        return keyId + ":%";
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
