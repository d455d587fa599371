package org.lujing.ledger;

import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the unified store: subjects (the roster), support records and their provenance. Writes go through a
 * {@link LedgerSession}, which prepares its statements once for a whole chunk of rows.
 */
@Repository
public class LedgerRepository {

    /** What writing one row did to the ledger. */
    public enum Effect {
        ACCEPTED,
        MERGED
    }

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    public LedgerRepository(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /** Runs work against one session on the current transaction's connection; statements are closed after. */
    public <T> T inSession(Function<LedgerSession, T> work) {
        return jdbcTemplate.execute((ConnectionCallback<T>) connection -> {
            try (LedgerSession session = new LedgerSession(connection)) {
                return work.apply(session);
            }
        });
    }

    /** Adds a person or updates one; nobody is removed by being absent from a later roster. */
    public Effect upsertSubject(SubjectDraft s, long fileId) {
        return inSession(session -> session.upsertSubject(s, fileId));
    }

    /** Adds a record, or only a provenance link when a record with the same identity exists. */
    public Effect addRecord(RecordDraft r, long fileId, String sourceId, String sheet, int rowNo) {
        return inSession(session -> session.addRecord(r, fileId, sourceId, sheet, rowNo));
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
