package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * A retry takes a refused row only when resolving its reject updated exactly that open row: the batch's update counts
 * decide which rows are published, so a count that says nothing must stop the slice rather than drop its rows.
 */
class FileRegistryResolveTests {

    private static final List<RowResult> TWO_ROWS =
            List.of(new RowResult.Skipped("台账", 5, "blank"), new RowResult.Skipped("台账", 6, "blank"));

    @Test
    void rowsAreTakenExactlyWhereTheirOpenRejectWasResolved() {
        FileRegistry files = registry(new int[] {1, 0});

        assertThat(files.resolveRejects(7L, TWO_ROWS)).containsExactly(true, false);
    }

    @Test
    void aBatchCountThatSaysNothingStopsTheSliceInsteadOfLosingItsRows() {
        // a driver answering SUCCESS_NO_INFO has resolved the rejects without saying which: taking none of them would
        // leave them resolved and never published once the slice commits
        FileRegistry files = registry(new int[] {Statement.SUCCESS_NO_INFO, 1});

        assertThatThrownBy(() -> files.resolveRejects(7L, TWO_ROWS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 5 of file #7");
    }

    private static FileRegistry registry(int[] counts) {
        JdbcTemplate batch = new JdbcTemplate() {
            @Override
            public <T> int[][] batchUpdate(
                    String sql, Collection<T> args, int batchSize, ParameterizedPreparedStatementSetter<T> setter) {
                assertThat(sql).contains("status = 'OPEN'");
                assertThat(args).hasSize(counts.length);
                return new int[][] {counts};
            }
        };
        return new FileRegistry(null, batch, new NoTransactions(), null);
    }

    /** The registry keeps a template for its claim's savepoint; these tests never open a transaction. */
    private static final class NoTransactions implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commit(TransactionStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rollback(TransactionStatus status) {
            throw new UnsupportedOperationException();
        }
    }
}
