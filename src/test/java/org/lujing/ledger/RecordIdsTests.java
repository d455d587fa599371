package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's write turn is taken once per transaction: on HSQLDB every further update of id_block's row in the
 * same transaction adds a row version the next one walks past, so a writer that asks for the turn per record (a
 * retry, two turns a row) slowed down with the square of its transaction's size.
 */
class RecordIdsTests {

    private final AtomicInteger turns = new AtomicInteger();
    private DataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void aLedgerCounter() throws Exception {
        SingleConnectionDataSource db = new SingleConnectionDataSource(
                "jdbc:hsqldb:mem:record-ids-" + System.nanoTime() + ";hsqldb.tx=mvcc", "SA", "", true);
        db.setAutoCommit(true);
        try (Connection c = db.getConnection()) {
            c.createStatement()
                    .execute("CREATE TABLE id_block (name VARCHAR(32) PRIMARY KEY, next_id BIGINT NOT NULL)");
            c.createStatement().execute("INSERT INTO id_block VALUES ('support_record', 1)");
        }
        // counts the statements that take the turn
        dataSource = new DelegatingDataSource(db) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = super.getConnection();
                InvocationHandler counting = (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")
                            && args != null
                            && args[0] instanceof String sql
                            && sql.startsWith("UPDATE id_block SET next_id = next_id WHERE")) {
                        turns.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, counting);
            }
        };
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void aTransactionTakesTheTurnOnceHoweverOftenItAsks() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 1000; i++) {
                RecordIds.takeWriteTurn(jdbc);
            }
        });
        assertThat(turns).hasValue(1);

        // the next transaction takes it again
        tx.executeWithoutResult(s -> RecordIds.takeWriteTurn(jdbc));
        assertThat(turns).hasValue(2);
    }

    @Test
    void withoutATransactionEveryCallTakesIt() {
        RecordIds.takeWriteTurn(jdbc);
        RecordIds.takeWriteTurn(jdbc);

        assertThat(turns).hasValue(2);
    }
}
