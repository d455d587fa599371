package org.lujing.identity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.KeyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code keys rotate}: re-encrypts every protected column and rebuilds every blind index under a new key, then drops
 * the old key.
 *
 * <ol>
 *   <li><b>Start.</b> With no unfinished row in {@code key_rotation}: a fresh 32-byte key is generated and the key
 *       file rewritten (atomically, 0600) as "new, old" — from then on everything new is written under the new key
 *       and the old one only decrypts. A key ring that already holds several keys (the admin put a new key first in
 *       {@code LUJING_KEY}, or a run stopped right after writing the file) rotates to its first key instead. Keys
 *       from {@code LUJING_KEY} cannot be rewritten by Lujing: the first run only issues a new key, to be set as
 *       {@code LUJING_KEY="new,old"} before running again.</li>
 *   <li><b>Re-key</b>, {@value #BATCH_ROWS} rows a transaction: people (ID number and phone decrypted with the ring,
 *       then every ciphertext and index recomputed), then records ({@code subject_key} and {@code subject_ref_enc}
 *       from the value behind the key), with each admin decision's {@code subject_key} mapped from the records' old
 *       key to their new one in the same transaction. A batch selects only rows not yet under the new key, so a
 *       run killed at any point is resumed by running it again.</li>
 *   <li><b>Finish</b> when no row is left under another key: the key file is rewritten with the new key alone and
 *       the rotation marked DONE. The old key then decrypts nothing, and nothing stored needs it.</li>
 * </ol>
 *
 * Reads keep working throughout (the ring decrypts under either key; statistics need no key at all). Writes do not
 * mix with a rotation: run it while {@code serve} is stopped; {@link #requireNoRotationInProgress()} lets ingest
 * refuse to start while one is unfinished.
 */
@Service
public class KeyRotationService {

    static final int BATCH_ROWS = 500;
    private static final Logger log = LoggerFactory.getLogger(KeyRotationService.class);

    private final KeyRing ring;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public KeyRotationService(KeyRing ring, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.ring = ring;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** How a rotation run ended. */
    public enum Outcome {
        /** Everything is under the new key; the old key is dropped from the key file (or may be dropped from LUJING_KEY). */
        DONE,
        /** Stopped before the end (a batch limit, in tests); run again to resume. */
        UNFINISHED,
        /** Keys come from LUJING_KEY: a new key was issued, nothing else changed; set LUJING_KEY="new,old" and run again. */
        NEW_KEY_ISSUED
    }

    /**
     * What a run did. {@code issuedKey} is the new key's base64, set only for {@link Outcome#NEW_KEY_ISSUED} (it
     * exists nowhere else); every other field is safe to print and log.
     */
    public record Result(
            Outcome outcome,
            String oldKeyId,
            String newKeyId,
            long subjects,
            long records,
            long decisions,
            boolean oldKeyDropped,
            String issuedKey) {

        @Override
        public String toString() {
            // a logged result must not carry the issued key
            return "Result[" + outcome + ", " + oldKeyId + " -> " + newKeyId + ", subjects=" + subjects + ", records="
                    + records + ", decisions=" + decisions + ", oldKeyDropped=" + oldKeyDropped + "]";
        }
    }

    /** An unfinished rotation as recorded. */
    public record Rotation(long id, String oldKeyId, String newKeyId, Instant startedAt) {}

    /** Where the keys stand: the current key, the ring's key ids, and an unfinished rotation with what it has left. */
    public record Status(
            String currentKeyId,
            List<String> keyIds,
            String keySource,
            Optional<Rotation> unfinished,
            long subjectsLeft,
            long recordsLeft) {}

    public Status status() {
        String current = ring.current().keyId();
        return new Status(
                current,
                ring.keyIds(),
                ring.keyFile().map(Object::toString).orElse("LUJING_KEY"),
                unfinished(),
                count("subject", SUBJECTS_LEFT, current),
                count("support_record r", RECORDS_LEFT, current));
    }

    /**
     * Refuses while a rotation is unfinished: a row written then would be indexed under one key while the people it
     * should match are still under the other, and a roster row could add a person twice.
     */
    public void requireNoRotationInProgress() {
        unfinished().ifPresent(r -> {
            throw new KeyRotationUnfinishedException(r.oldKeyId(), r.newKeyId());
        });
    }

    /** Rotates to a new key, or resumes the unfinished rotation; see the class comment. */
    public Result rotate() {
        return rotate(Integer.MAX_VALUE, BATCH_ROWS);
    }

    /** As {@link #rotate()}, in batches of {@code batchRows}, stopping after {@code maxBatches} (to interrupt it in tests). */
    Result rotate(int maxBatches, int batchRows) {
        Optional<Rotation> running = unfinished();
        String oldKeyId;
        if (running.isPresent()) {
            oldKeyId = running.get().oldKeyId();
            String target = running.get().newKeyId();
            if (!ring.current().keyId().equals(target)) {
                throw new IllegalStateException("the unfinished key rotation re-encrypts under key " + target
                        + ", but the current key is " + ring.current().keyId() + ": put key " + target + " first in "
                        + where() + " (keep the previous key after it) and run `keys rotate` again");
            }
            log.info("resuming the key rotation from {} to {}", oldKeyId, target);
        } else if (ring.size() > 1) {
            oldKeyId = ring.keyIds().get(1);
            start(oldKeyId);
        } else {
            byte[] fresh = freshKey();
            oldKeyId = ring.current().keyId();
            String newKeyId = new IdentityCipher(fresh).keyId();
            if (ring.keyFile().isEmpty()) {
                return new Result(
                        Outcome.NEW_KEY_ISSUED,
                        oldKeyId,
                        newKeyId,
                        0,
                        0,
                        0,
                        false,
                        Base64.getEncoder().encodeToString(fresh));
            }
            List<byte[]> next = new ArrayList<>();
            next.add(fresh);
            next.addAll(ring.materials());
            // the file first: a crash before the row is written leaves "new, old", which the next run rotates to
            ring.replace(next);
            start(oldKeyId);
        }
        String newKeyId = ring.current().keyId();
        long[] done = new long[3];
        int batches = 0;
        while (batches < maxBatches) {
            int n = tx.execute(status -> rekeySubjects(batchRows, done));
            if (n == 0) {
                break;
            }
            batches++;
        }
        while (batches < maxBatches) {
            int n = tx.execute(status -> rekeyRecords(batchRows, done));
            if (n == 0) {
                break;
            }
            batches++;
        }
        if (batches >= maxBatches) {
            return new Result(Outcome.UNFINISHED, oldKeyId, newKeyId, done[0], done[1], done[2], false, null);
        }
        boolean dropped = finish(newKeyId);
        log.info(
                "key rotation from {} to {} done: {} people, {} records, {} decisions re-keyed",
                oldKeyId,
                newKeyId,
                done[0],
                done[1],
                done[2]);
        return new Result(Outcome.DONE, oldKeyId, newKeyId, done[0], done[1], done[2], dropped, null);
    }

    private void start(String oldKeyId) {
        jdbc.update(
                "INSERT INTO key_rotation (old_key_id, new_key_id, started_at, state) VALUES (?, ?, ?, 'RUNNING')",
                oldKeyId,
                ring.current().keyId(),
                Timestamp.from(Instant.now()));
        log.info("key rotation from {} to {} started", oldKeyId, ring.current().keyId());
    }

    private static final String SUBJECTS_LEFT = """
            index_key_id IS NULL OR index_key_id <> ? OR id_number_enc NOT LIKE ?
              OR (phone_enc IS NOT NULL AND phone_enc NOT LIKE ?)""";

    private static final String RECORDS_LEFT = """
            r.index_key_id IS NULL OR r.index_key_id <> ? OR r.subject_ref_enc IS NULL OR r.subject_ref_enc NOT LIKE ?""";

    /** One batch of people: every ciphertext and blind index recomputed from the decrypted ID number and phone. */
    private int rekeySubjects(int batchRows, long[] done) {
        IdentityCipher current = ring.current();
        String keyId = current.keyId();
        List<Map<String, Object>> rows =
                jdbc.queryForList("""
                SELECT id, name, id_number_enc, phone_enc FROM subject WHERE %s
                ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(SUBJECTS_LEFT, batchRows), args(SUBJECTS_LEFT, keyId));
        List<Object[]> updates = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String name = (String) value(row, "name");
            String id = ring.decrypt(IdentityKeys.ID_NUMBER, (String) value(row, "id_number_enc"));
            String phone = ring.decrypt(IdentityKeys.PHONE, (String) value(row, "phone_enc"));
            updates.add(new Object[] {
                current.blindIndex(IdentityKeys.ID_NUMBER, id),
                current.encrypt(IdentityKeys.ID_NUMBER, id),
                current.blindIndex(IdentityKeys.PHONE, phone),
                current.encrypt(IdentityKeys.PHONE, phone),
                phone == null ? null : current.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone(name, phone)),
                current.blindIndex(IdentityKeys.NAME_BIRTH, IdentityKeys.nameBirth(name, birthDate(id))),
                keyId,
                value(row, "id")
            });
        }
        jdbc.batchUpdate("""
                UPDATE subject SET id_number_idx = ?, id_number_enc = ?, phone_idx = ?, phone_enc = ?, name_phone_idx = ?,
                  name_birth_idx = ?, index_key_id = ?
                WHERE id = ?""", updates);
        done[0] += updates.size();
        return updates.size();
    }

    /**
     * One batch of records: the key rebuilt from the value behind it, and admin decisions keyed by the old key moved
     * to the new one. Updated by primary key, one row at a time: a fresh HMAC cannot collide with the keys still in
     * place, so {@code support_record_identity} holds throughout.
     */
    private int rekeyRecords(int batchRows, long[] done) {
        IdentityCipher current = ring.current();
        String keyId = current.keyId();
        List<Map<String, Object>> rows =
                jdbc.queryForList("""
                SELECT r.id, r.subject_key, r.key_kind, r.subject_ref_enc, s.id_number_enc AS subject_id_enc
                FROM support_record r LEFT JOIN subject s ON s.id = r.subject_id
                WHERE %s ORDER BY r.id FETCH FIRST %d ROWS ONLY""".formatted(RECORDS_LEFT, batchRows), args(RECORDS_LEFT, keyId));
        List<Object[]> updates = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            long recordId = ((Number) value(row, "id")).longValue();
            KeyKind kind = KeyKind.valueOf((String) value(row, "key_kind"));
            String label = switch (kind) {
                case ID_NUMBER -> IdentityKeys.ID_NUMBER;
                case NAME_PHONE -> IdentityKeys.NAME_PHONE;
                case NAME_BIRTH_DATE -> IdentityKeys.NAME_BIRTH;
                case NAME_TYPED_ID -> IdentityKeys.NAME_TYPED_ID;
            };
            String reference = (String) value(row, "subject_ref_enc");
            String behindKey;
            if (reference != null) {
                behindKey = ring.decrypt(label, reference);
            } else if (kind == KeyKind.ID_NUMBER && value(row, "subject_id_enc") != null) {
                // a record without its own reference, tied by ID number: its person holds the same value
                behindKey = ring.decrypt(IdentityKeys.ID_NUMBER, (String) value(row, "subject_id_enc"));
            } else {
                throw new IllegalStateException(
                        "record #" + recordId + " keeps no encrypted " + label
                                + ", so its key cannot be rebuilt under a new key; re-ingest its file or link it by hand first");
            }
            String oldKey = ((String) value(row, "subject_key")).strip();
            // a reference may carry what the row said for scored matching after the value behind the key
            String newKey = current.blindIndex(label, IdentityKeys.behindKey(behindKey));
            updates.add(new Object[] {newKey, current.encrypt(label, behindKey), keyId, recordId});
            if (!oldKey.equals(newKey)) {
                renamed.put(oldKey, newKey);
            }
        }
        jdbc.batchUpdate(
                "UPDATE support_record SET subject_key = ?, subject_ref_enc = ?, index_key_id = ? WHERE id = ?",
                updates);
        if (!renamed.isEmpty()) {
            List<Object[]> pairs = renamed.entrySet().stream()
                    .map(e -> new Object[] {e.getValue(), e.getKey()})
                    .toList();
            int[] moved = jdbc.batchUpdate("UPDATE identity_decision SET subject_key = ? WHERE subject_key = ?", pairs);
            // scored matching's evidence and review queue are keyed like decisions
            jdbc.batchUpdate("UPDATE identity_match SET subject_key = ? WHERE subject_key = ?", pairs);
            for (int m : moved) {
                done[2] += Math.max(m, 0);
            }
        }
        done[1] += updates.size();
        return updates.size();
    }

    /**
     * Drops the old key once nothing is left under it, then marks the rotation done. The file goes first: a crash
     * between the two leaves a RUNNING row with nothing to do, which the next run closes.
     */
    private boolean finish(String newKeyId) {
        long left = count("subject", SUBJECTS_LEFT, newKeyId) + count("support_record r", RECORDS_LEFT, newKeyId);
        if (left > 0) {
            // only a writer running beside the rotation can cause this; the old key must stay until they are re-keyed
            throw new IllegalStateException(left + " row(s) were written under another key during the rotation: stop"
                    + " `serve` and every other Lujing process, then run `keys rotate` again");
        }
        if (ring.keyFile().isPresent() && ring.size() > 1) {
            ring.replace(List.of(ring.materials().get(0)));
        }
        jdbc.update(
                "UPDATE key_rotation SET state = 'DONE', finished_at = ? WHERE state = 'RUNNING'",
                Timestamp.from(Instant.now()));
        // LUJING_KEY still holds the old key until the admin removes it
        return ring.size() == 1;
    }

    private Optional<Rotation> unfinished() {
        return jdbc
                .query(
                        """
                        SELECT id, old_key_id, new_key_id, started_at FROM key_rotation WHERE state = 'RUNNING'
                        ORDER BY id DESC""",
                        (rs, n) -> new Rotation(
                                rs.getLong("id"),
                                rs.getString("old_key_id"),
                                rs.getString("new_key_id"),
                                rs.getTimestamp("started_at").toInstant()))
                .stream()
                .findFirst();
    }

    private long count(String from, String condition, String keyId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + from + " WHERE " + condition, Long.class, args(condition, keyId));
        return n == null ? 0 : n;
    }

    /** The key id once, then its ciphertext prefix for every LIKE of the condition. */
    private static Object[] args(String condition, String keyId) {
        int likes = condition.split("NOT LIKE", -1).length - 1;
        Object[] args = new Object[1 + likes];
        args[0] = keyId;
        for (int i = 1; i < args.length; i++) {
            args[i] = keyId + ":%";
        }
        return args;
    }

    private String where() {
        return ring.keyFile().map(p -> "the key file " + p).orElse("LUJING_KEY");
    }

    private byte[] freshKey() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        do {
            random.nextBytes(key);
            // a 4-byte key id shared with the current key would make the two indistinguishable in stored values
        } while (ring.cipher(new IdentityCipher(key).keyId()).isPresent());
        return key;
    }

    /**
     * The birth date inside an 18-character ID number, as {@code IdNumberNormaliser.birthDate} reads it; repeated
     * here because normalise already depends on identity (for masking), and the rotation only sees valid numbers.
     */
    private static LocalDate birthDate(String id18) {
        return LocalDate.parse(id18.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static Object value(Map<String, Object> row, String key) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
