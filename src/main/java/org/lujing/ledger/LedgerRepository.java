package org.lujing.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Writes the unified store: subjects (the roster), support records and their provenance. */
@Repository
public class LedgerRepository {

    /** What writing one row did to the ledger. */
    public enum Effect {
        ACCEPTED,
        MERGED
    }

    private final JdbcClient jdbc;

    public LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a person or updates one; nobody is removed by being absent from a later roster. */
    public Effect upsertSubject(SubjectDraft s, long fileId) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("""
                        UPDATE subject SET name = ?, gender = COALESCE(?, gender),
                          phone_idx = COALESCE(?, phone_idx), phone_enc = COALESCE(?, phone_enc),
                          community = COALESCE(?, community), correction_type = COALESCE(?, correction_type),
                          supervision_start = COALESCE(?, supervision_start), supervision_end = COALESCE(?, supervision_end),
                          last_file_id = ?, updated_at = ?
                        WHERE id_number_idx = ?""")
                .params(s.name(), s.gender(), s.phoneIndex(), s.phoneCipher(), s.community(), s.correctionType(),
                        s.supervisionStart(), s.supervisionEnd(), fileId, now, s.idIndex())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, gender, phone_idx, phone_enc,
                              community, correction_type, supervision_start, supervision_end, first_file_id, last_file_id,
                              created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(s.idIndex(), s.idCipher(), s.idMasked(), s.name(), s.gender(), s.phoneIndex(), s.phoneCipher(),
                            s.community(), s.correctionType(), s.supervisionStart(), s.supervisionEnd(), fileId, fileId, now, now)
                    .update();
        }
        return Effect.ACCEPTED;
    }

    /**
     * Adds a record, or — when a record with the same identity exists (from this file or another source) — only
     * a provenance link to it. A row already linked (a restarted chunk) is not linked twice.
     */
    public Effect addRecord(RecordDraft r, long fileId, String sourceId, String sheet, int rowNo) {
        Optional<Long> existing = jdbc.sql("""
                        SELECT id FROM support_record
                        WHERE subject_key = ? AND category = ? AND activity_date = ? AND agency = ?""")
                .params(r.subjectKey(), r.category().name(), r.date(), r.agency())
                .query(Long.class)
                .optional();
        long recordId;
        Effect effect;
        if (existing.isPresent()) {
            recordId = existing.get();
            effect = Effect.MERGED;
            jdbc.sql("""
                            UPDATE support_record SET source_count = source_count + 1,
                              hours = COALESCE(hours, ?), outcome = COALESCE(outcome, ?), notes = COALESCE(notes, ?),
                              activity_name = COALESCE(activity_name, ?)
                            WHERE id = ?""")
                    .params(r.hours(), r.outcome(), r.notes(), r.activityName(), recordId)
                    .update();
        } else {
            Long subjectId = jdbc.sql("SELECT id FROM subject WHERE id_number_idx = ?")
                    .param(r.subjectKey())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO support_record (subject_key, subject_id, match_method, person_name, id_masked, category,
                              activity_date, agency, activity_name, hours, quantity, outcome, notes, source_count,
                              first_file_id, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""")
                    .params(r.subjectKey(), subjectId, subjectId == null ? null : MatchMethod.ID_NUMBER.name(),
                            r.personName(), r.idMasked(), r.category().name(), r.date(), r.agency(), r.activityName(),
                            r.hours(), r.quantity(), r.outcome(), r.notes(), fileId, Timestamp.from(Instant.now()))
                    .update(key, "id");
            recordId = key.getKey().longValue();
            effect = Effect.ACCEPTED;
        }
        jdbc.sql("""
                        INSERT INTO record_source (record_id, file_id, source_id, sheet, row_no, hours, quantity, outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(recordId, fileId, sourceId, sheet, rowNo, r.hours(), r.quantity(), r.outcome())
                .update();
        return effect;
    }

    /** Matches pending records to people now on the roster; returns how many were matched. */
    public int rematchPending() {
        return jdbc.sql("""
                        UPDATE support_record
                        SET subject_id = (SELECT s.id FROM subject s WHERE s.id_number_idx = support_record.subject_key),
                            match_method = ?
                        WHERE subject_id IS NULL
                          AND EXISTS (SELECT 1 FROM subject s WHERE s.id_number_idx = support_record.subject_key)""")
                .param(MatchMethod.ID_NUMBER.name())
                .update();
    }
}
