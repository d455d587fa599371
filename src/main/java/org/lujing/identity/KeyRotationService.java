package org.lujing.identity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.KeyKind;
import org.lujing.normalise.IdNumberNormaliser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private final KeyRotationRows rows;
    private final TransactionTemplate tx;

    KeyRotationService(KeyRing ring, KeyRotationRows rows, TransactionTemplate tx) {
        this.ring = ring;
        this.rows = rows;
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
            long recordsLeft,
            Optional<String> foreignKeyId) {}

    public Status status() {
        String current = ring.current().keyId();
        return new Status(
                current,
                ring.keyIds(),
                ring.keyFile().map(Object::toString).orElse("LUJING_KEY"),
                rows.unfinished(),
                rows.countSubjectsNotUnder(current),
                rows.countRecordsNotUnder(current),
                rows.foreignKeyId(ring.keyIds()));
    }

    /**
     * Refuses while a rotation is unfinished: a row written then would be indexed under one key while the people it
     * should match are still under the other, and a roster row could add a person twice.
     */
    public void requireNoRotationInProgress() {
        rows.unfinished().ifPresent(r -> {
            throw new KeyRotationUnfinishedException(r.oldKeyId(), r.newKeyId());
        });
        // a key the data was not written with (a wrong LUJING_KEY, a key file lost and made anew) would index every
        // new row under it: rostered people turned pending, and the home later refused to rotate
        rows.foreignKeyId(ring.keyIds()).ifPresent(stored -> {
            throw new WrongKeyException(stored, String.join(",", ring.keyIds()));
        });
    }

    /** Rotates to a new key, or resumes the unfinished rotation; see the class comment. */
    public Result rotate() {
        return rotate(Integer.MAX_VALUE, BATCH_ROWS);
    }

    /** As {@link #rotate()}, in batches of {@code batchRows}, stopping after {@code maxBatches} (to interrupt it in tests). */
    Result rotate(int maxBatches, int batchRows) {
        Optional<Rotation> running = rows.unfinished();
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
        // where the next batch of people ([0]) and of records ([1]) starts: after the last id re-keyed
        long[] after = new long[2];
        int batches = 0;
        while (batches < maxBatches) {
            int n = tx.execute(status -> rekeySubjects(batchRows, done, after));
            if (n == 0) {
                break;
            }
            batches++;
        }
        while (batches < maxBatches) {
            int n = tx.execute(status -> rekeyRecords(batchRows, done, after));
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
        rows.started(oldKeyId, ring.current().keyId());
        log.info("key rotation from {} to {} started", oldKeyId, ring.current().keyId());
    }

    /** One batch of people: every ciphertext and blind index recomputed from the decrypted ID number and phone. */
    private int rekeySubjects(int batchRows, long[] done, long[] after) {
        IdentityCipher current = ring.current();
        String keyId = current.keyId();
        List<Object[]> updates = new ArrayList<>();
        for (KeyRotationRows.SubjectRow row : rows.subjectsNotUnder(keyId, after[0], batchRows)) {
            after[0] = Math.max(after[0], row.id());
            String id = ring.decrypt(IdentityKeys.ID_NUMBER, row.idNumberEnc());
            String phone = ring.decrypt(IdentityKeys.PHONE, row.phoneEnc());
            updates.add(new Object[] {
                current.blindIndex(IdentityKeys.ID_NUMBER, id),
                current.encrypt(IdentityKeys.ID_NUMBER, id),
                current.blindIndex(IdentityKeys.PHONE, phone),
                current.encrypt(IdentityKeys.PHONE, phone),
                phone == null
                        ? null
                        : current.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone(row.name(), phone)),
                current.blindIndex(
                        IdentityKeys.NAME_BIRTH, IdentityKeys.nameBirth(row.name(), IdNumberNormaliser.birthDate(id))),
                keyId,
                row.id()
            });
        }
        rows.updateSubjects(updates);
        done[0] += updates.size();
        return updates.size();
    }

    /**
     * One batch of records: the key rebuilt from the value behind it, and admin decisions keyed by the old key moved
     * to the new one. Updated by primary key, one row at a time: a fresh HMAC cannot collide with the keys still in
     * place, so {@code support_record_identity} holds throughout.
     */
    private int rekeyRecords(int batchRows, long[] done, long[] after) {
        IdentityCipher current = ring.current();
        String keyId = current.keyId();
        List<Object[]> updates = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (KeyRotationRows.RecordRow row : rows.recordsNotUnder(keyId, after[1], batchRows)) {
            after[1] = Math.max(after[1], row.id());
            String label = switch (row.kind()) {
                case ID_NUMBER -> IdentityKeys.ID_NUMBER;
                case NAME_PHONE -> IdentityKeys.NAME_PHONE;
                case NAME_BIRTH_DATE -> IdentityKeys.NAME_BIRTH;
                case NAME_TYPED_ID -> IdentityKeys.NAME_TYPED_ID;
            };
            String behindKey;
            if (row.subjectRefEnc() != null) {
                behindKey = ring.decrypt(label, row.subjectRefEnc());
            } else if (row.kind() == KeyKind.ID_NUMBER && row.subjectIdNumberEnc() != null) {
                // a record without its own reference, tied by ID number: its person holds the same value
                behindKey = ring.decrypt(IdentityKeys.ID_NUMBER, row.subjectIdNumberEnc());
            } else {
                throw new IllegalStateException(
                        "record #" + row.id() + " keeps no encrypted " + label
                                + ", so its key cannot be rebuilt under a new key; re-ingest its file or link it by hand first");
            }
            // a reference may carry what the row said for scored matching after the value behind the key
            String newKey = current.blindIndex(label, IdentityKeys.behindKey(behindKey));
            updates.add(new Object[] {newKey, current.encrypt(label, behindKey), keyId, row.id()});
            if (!row.subjectKey().equals(newKey)) {
                renamed.put(row.subjectKey(), newKey);
            }
        }
        rows.updateRecords(updates);
        done[2] += rows.moveDecisions(renamed);
        done[1] += updates.size();
        return updates.size();
    }

    /**
     * Drops the old key once nothing is left under it, then marks the rotation done. The file goes first: a crash
     * between the two leaves a RUNNING row with nothing to do, which the next run closes.
     */
    private boolean finish(String newKeyId) {
        long left = rows.countSubjectsNotUnder(newKeyId) + rows.countRecordsNotUnder(newKeyId);
        if (left > 0) {
            // only a writer running beside the rotation can cause this; the old key must stay until they are re-keyed
            throw new IllegalStateException(left + " row(s) were written under another key during the rotation: stop"
                    + " `serve` and every other Lujing process, then run `keys rotate` again");
        }
        if (ring.keyFile().isPresent() && ring.size() > 1) {
            ring.replace(List.of(ring.materials().get(0)));
        }
        rows.finished();
        // LUJING_KEY still holds the old key until the admin removes it
        return ring.size() == 1;
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
}
