package org.lujing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out support-record ids in blocks. A block is reserved in a short transaction of its own, so the row lock
 * on the counter is held for a moment, not for a whole slice, and a block is never handed out twice — a slice
 * rolled back leaves a gap, which ids may have. Every writer of support_record takes its ids here.
 */
@Component
public class RecordIds {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public RecordIds(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Reserves {@code count} consecutive ids and returns the first. */
    public long reserve(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("a block holds at least one id, not " + count);
        }
        Long first = ownTransaction.execute(status -> {
            jdbc.sql("UPDATE id_block SET next_id = next_id + ? WHERE name = 'support_record'")
                    .param(count)
                    .update();
            return jdbc.sql("SELECT next_id FROM id_block WHERE name = 'support_record'")
                    .query(Long.class)
                    .single();
        });
        return first - count;
    }
}
