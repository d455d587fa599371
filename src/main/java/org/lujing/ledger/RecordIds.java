package org.lujing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
        jdbc.sql("UPDATE id_block SET next_id = next_id WHERE name = 'support_record'")
                .update();
    }

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
