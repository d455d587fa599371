package org.lujing.ledger;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes the roster into the unified store, a person at a time through a {@link LedgerSession}. Support records and
 * their provenance are written set-based by the ingest's publication (which a retry of rejected rows goes through
 * too), not here.
 */
@Repository
public class LedgerRepository {

    /** What writing one roster row did to the ledger. */
    public enum Effect {
        ACCEPTED,
        MERGED
    }

    private final JdbcTemplate jdbcTemplate;

    public LedgerRepository(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Adds a person or updates one; nobody is removed by being absent from a later roster. */
    public Effect upsertSubject(SubjectDraft s, long fileId) {
        return jdbcTemplate.execute((ConnectionCallback<Effect>) connection -> {
            try (LedgerSession session = new LedgerSession(connection)) {
                return session.upsertSubject(s, fileId);
            }
        });
    }
}
