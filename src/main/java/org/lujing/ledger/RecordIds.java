package org.lujing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands out support-record ids in blocks, in the caller's transaction: the counter's row stays locked until the
 * caller commits, so a block is never handed out twice, and a rolled-back slice gives its block back. (A separate
 * transaction per block was tried: on HSQLDB it waited for ever on the slice's own transaction.) Every writer of
 * support_record takes its ids here.
 */
@Component
public class RecordIds {

    private final JdbcClient jdbc;

    public RecordIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the ledger's write turn until the caller's transaction ends: every writer of records or statistics
     * rollups takes it first (reserving ids takes it too), so on a database that several nodes share two slices
     * never insert the same identity at once, and rollup rows are never created twice. Writers hold it for one
     * slice's transaction, so nodes interleave slice by slice; staging and reading stay parallel.
     */
    public void takeWriteTurn() {
        takeWriteTurn(jdbc);
    }

    static void takeWriteTurn(JdbcClient jdbc) {
        // once per transaction: the lock is held until it ends anyway, and on HSQLDB (MVCC) every further update of
        // the row in the same transaction adds a version that the next one walks past — a retry that asked twice a
        // row spent minutes walking versions of this one row
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (inTransaction
                && TransactionSynchronizationManager.getSynchronizations().stream()
                        .anyMatch(TurnHeld.class::isInstance)) {
            return;
        }
        jdbc.sql("UPDATE id_block SET next_id = next_id WHERE name = 'support_record'")
                .update();
        if (inTransaction) {
            TransactionSynchronizationManager.registerSynchronization(new TurnHeld());
        }
    }

    /**
     * Marks the current transaction as holding the write turn. Synchronizations belong to one transaction (one that
     * is suspended for a new one takes its own along), so a new transaction takes the turn again. No savepoint takes
     * the turn: a rollback to one would give PostgreSQL's row lock back while the mark stayed.
     */
    private static final class TurnHeld implements TransactionSynchronization {}

    /** Reserves {@code count} consecutive ids and returns the first. */
    public long reserve(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("a block holds at least one id, not " + count);
        }
        jdbc.sql("UPDATE id_block SET next_id = next_id + ? WHERE name = 'support_record'")
                .param(count)
                .update();
        long next = jdbc.sql("SELECT next_id FROM id_block WHERE name = 'support_record'")
                .query(Long.class)
                .single();
        return next - count;
    }
}
