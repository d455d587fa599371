package org.lujing.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.reconcile.ReconcileRunner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Listing executions costs the same few statements whatever the list's length — the executions, then the parameters
 * of all of them — where it once issued one parameters query per execution ({@code /api/jobs?limit=10000} made
 * 10,001).
 */
class JobQueriesIntegrationTests extends SharedLedgerContext {

    static final int RUNS = 40;

    @Autowired
    ReconcileRunner reconcile;

    @Autowired
    DataSource dataSource;

    @Test
    void aPageOfExecutionsIsTwoStatementsWithEveryExecutionsParameters() {
        // given RUNS reconciliations, each an execution with two parameters
        LocalDate first = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < RUNS; i++) {
            assertThat(reconcile.run(first.plusDays(i)).completed()).isTrue();
        }
        AtomicInteger statements = new AtomicInteger();
        JobQueries queries = new JobQueries(JdbcClient.create(counting(dataSource, statements)));

        // when every one is listed, and then a page of them searched
        List<JobQueries.Execution> all = queries.list(null);
        int forAll = statements.getAndSet(0);
        List<JobQueries.Execution> page = queries.search("reconcile", "COMPLETED", null, null, 25);
        int forPage = statements.getAndSet(0);

        // then each is one statement for the executions and one for all their parameters
        assertThat(all).hasSize(RUNS);
        assertThat(forAll).isEqualTo(2);
        assertThat(page).hasSize(25);
        assertThat(forPage).isEqualTo(2);
        // newest first, and each with its own parameters
        assertThat(all.get(0).parameters())
                .contains("asOf=" + first.plusDays(RUNS - 1))
                .contains("run.id=");
        assertThat(all.get(RUNS - 1).parameters()).contains("asOf=" + first);
        for (int i = 0; i < RUNS; i++) {
            assertThat(all.get(i).parameters()).startsWith("asOf=" + first.plusDays(RUNS - 1 - i) + ", run.id=");
        }
        assertThat(page.get(24).parameters()).contains("asOf=" + first.plusDays(RUNS - 25));
        assertThat(queries.find(all.get(3).id()).orElseThrow().parameters())
                .isEqualTo(all.get(3).parameters());
    }

    /** The data source, counting every statement prepared or created through it. */
    static DataSource counting(DataSource target, AtomicInteger statements) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection c = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                            if (m.getName().equals("prepareStatement")
                                    || m.getName().equals("createStatement")
                                    || m.getName().equals("prepareCall")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return m.invoke(c, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
