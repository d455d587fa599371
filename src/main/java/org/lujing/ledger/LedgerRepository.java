package org.lujing.ledger;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes the unified store: subjects (the roster), support records and their provenance. Writes go through a
 * {@link LedgerSession}, which prepares its statements once for a whole chunk of rows; the statistics rollups follow
 * every record written here, in the same transaction.
 */
@Repository
public class LedgerRepository {

    /** What writing one row did to the ledger. */
    public enum Effect {
        ACCEPTED,
        MERGED
    }

    /** One record by its identity (the support_record_identity constraint, so its index). */
    private static final String IDENTITY =
            "r.subject_key = ? AND r.category = ? AND r.activity_date = ? AND r.agency = ?";

    private final JdbcTemplate jdbcTemplate;
    private final StatisticsRollup rollup;

    public LedgerRepository(JdbcTemplate jdbcTemplate, StatisticsRollup rollup) {
        this.jdbcTemplate = jdbcTemplate;
        this.rollup = rollup;
    }

    /** Adds a person or updates one; nobody is removed by being absent from a later roster. */
    public Effect upsertSubject(SubjectDraft s, long fileId) {
        return jdbcTemplate.execute((ConnectionCallback<Effect>) connection -> {
            try (LedgerSession session = new LedgerSession(connection)) {
                return session.upsertSubject(s, fileId);
            }
        });
    }

    /**
     * Adds a record, or only a provenance link when a record with the same identity exists (which may fill its
     * missing activity name, so its rollup contribution is taken out before and put back after).
     */
    public Effect addRecord(RecordDraft r, long fileId, String sourceId, String sheet, int rowNo) {
        Object[] identity = {r.subjectKey(), r.category().name(), r.date(), r.agency()};
        rollup.remove(IDENTITY, identity);
        Effect effect = jdbcTemplate.execute((ConnectionCallback<Effect>) connection -> {
            try (LedgerSession session = new LedgerSession(connection)) {
                return session.addRecord(r, fileId, sourceId, sheet, rowNo);
            }
        });
        rollup.add(IDENTITY, identity);
        return effect;
    }
}
