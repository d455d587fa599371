package org.lujing.ledger;

import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
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

    public LedgerRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
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
}
