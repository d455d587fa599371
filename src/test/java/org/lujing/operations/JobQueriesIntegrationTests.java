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

    @Autowired
    JdbcClient jdbc;

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
        List<JobQueries.Execution> all = new java.util.ArrayList<>();
        queries.newestFirst(null).forEach(all::add);
        int forAll = statements.getAndSet(0);
        List<JobQueries.Execution> page = queries.search("reconcile", "COMPLETED", null, null, 25);
        int forPage = statements.getAndSet(0);

        // then each is one statement for the executions and one for all their parameters (the list also asks for
        // its range of ids first: it reads a thousand executions at a time, newest first)
        assertThat(all).hasSize(RUNS);
        assertThat(forAll).isEqualTo(3);
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

    @Test
    void theJsonGivesEachMomentAsAnInstantBesideTheStoredWallClock() {
        // given an execution that started and ended at known Beijing times
        long instance = 8_000_000;
        jdbc.sql(
                        "INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, 'reconcileJob', 'json')")
                .param(instance)
                .update();
        jdbc.sql("""
                        INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
                        end_time, status, exit_code, exit_message) VALUES (?, 0, ?, ?, ?, ?, 'COMPLETED', 'COMPLETED', '')""")
                .params(
                        instance,
                        instance,
                        java.sql.Timestamp.valueOf("2026-03-01 08:00:00"),
                        java.sql.Timestamp.valueOf("2026-03-01 08:00:00"),
                        java.sql.Timestamp.valueOf("2026-03-01 08:01:30"))
                .update();

        java.util.Map<String, Object> json =
                new JobQueries(jdbc).find(instance).orElseThrow().asJson();

        // then the stored wall clock stays under its old names, and the instants say which moment it was
        assertThat(json.get("startTime")).isEqualTo("2026-03-01 08:00:00.0");
        java.time.ZoneId zone = java.util.TimeZone.getDefault().toZoneId();
        assertThat(json.get("startedAt"))
                .isEqualTo(java.time.LocalDateTime.of(2026, 3, 1, 8, 0)
                        .atZone(zone)
                        .toInstant()
                        .toString());
        assertThat(java.time.Duration.between(
                        java.time.Instant.parse((String) json.get("startedAt")),
                        java.time.Instant.parse((String) json.get("endedAt"))))
                .isEqualTo(java.time.Duration.ofSeconds(90));
    }

    @Test
    void everyExecutionIsListedOnceNewestFirstAcrossTheWindows() {
        // given 2,345 executions (more than two windows), every third FAILED, written as a flood of files would
        long instance = 9_000_000;
        jdbc.sql(
                        "INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, 'fileIngestJob', 'x')")
                .param(instance)
                .update();
        int executions = 2_345;
        for (int i = 1; i <= executions; i++) {
            jdbc.sql("""
                            INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status, exit_code)
                            VALUES (?, 0, ?, CURRENT_TIMESTAMP, ?, ?)""")
                    .params(instance + i, instance, i % 3 == 0 ? "FAILED" : "COMPLETED", "X")
                    .update();
        }
        JobQueries queries = new JobQueries(jdbc);

        // when every one is listed, and the failed ones
        List<Long> all = new java.util.ArrayList<>();
        queries.newestFirst(null).forEach(e -> all.add(e.id()));
        List<Long> failed = new java.util.ArrayList<>();
        queries.newestFirst("FAILED").forEach(e -> failed.add(e.id()));

        // then each once, newest first, and the failed ones alone
        assertThat(all)
                .hasSize(executions)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.get(0)).isEqualTo(instance + executions);
        assertThat(all.get(executions - 1)).isEqualTo(instance + 1);
        assertThat(failed)
                .hasSize(executions / 3)
                .allMatch(id -> (id - instance) % 3 == 0)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
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
