package org.lujing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Two processes given one node name and started at the same moment on a shared database: both find the name free,
 * and the second one's entry meets the first's. It is refused in words that name the other process — not with the
 * database's {@code duplicate key value violates unique constraint "lujing_node_pkey"}.
 */
class ClusterNodeTwinStartTests {

    @Test
    void theSecondOfTwoStartsUnderOneNameIsRefusedInWords() {
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:hsqldb:mem:twin-start", "SA", "");
        JdbcClient setup = JdbcClient.create(database);
        setup.sql("""
                        CREATE TABLE lujing_node (node_id VARCHAR(100) PRIMARY KEY, host VARCHAR(255), pid BIGINT,
                          started_at TIMESTAMP NOT NULL, heartbeat_at TIMESTAMP NOT NULL)""").update();
        // what a leaving node looks at, empty: an idle twin, which its row alone keeps alive
        setup.sql("CREATE TABLE file_claim (sha256 VARCHAR(64), node_id VARCHAR(100))")
                .update();
        setup.sql("CREATE TABLE job_node (job_execution_id BIGINT, node_id VARCHAR(100))")
                .update();
        setup.sql("CREATE TABLE batch_job_execution (job_execution_id BIGINT, status VARCHAR(10))")
                .update();
        // the twin enters just before this process's own entry: after this process looked for the name's row
        AtomicBoolean entered = new AtomicBoolean();
        DataSource racing = twinEntersBeforeTheInsert(database, entered);
        MockEnvironment env = new MockEnvironment()
                .withProperty("lujing.node.id", "node-a")
                .withProperty("lujing.jobs.takeover", "true")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example/lujing");
        ClusterNode node = new ClusterNode(JdbcClient.create(racing), env);
        try {
            assertThatThrownBy(node::join)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("节点名 node-a 已被另一个正在运行的进程使用（主机 other-host，进程 4242")
                    .hasMessageContaining("每个节点要有自己的 lujing.node.id")
                    .hasMessageNotContaining("duplicate");
            assertThat(entered).isTrue();
            // and the refused process, closing, leaves the twin's entry alone: the name stays alive
            node.destroy();
            assertThat(setup.sql("SELECT host FROM lujing_node WHERE node_id = 'node-a'")
                            .query(String.class)
                            .single())
                    .isEqualTo("other-host");
        } finally {
            node.destroy();
            setup.sql("SHUTDOWN").update();
        }
    }

    private static DataSource twinEntersBeforeTheInsert(DataSource database, AtomicBoolean entered) {
        return (DataSource) Proxy.newProxyInstance(
                ClusterNodeTwinStartTests.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object result = invoke(m, database, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(
                            ClusterNodeTwinStartTests.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (c, cm, cargs) -> {
                                if (cm.getName().equals("prepareStatement")
                                        && cargs[0] instanceof String sql
                                        && sql.startsWith("INSERT INTO lujing_node")
                                        && entered.compareAndSet(false, true)) {
                                    JdbcClient.create(database).sql("""
                                                    INSERT INTO lujing_node (node_id, host, pid, started_at, heartbeat_at)
                                                    VALUES ('node-a', 'other-host', 4242, CURRENT_TIMESTAMP,
                                                      CURRENT_TIMESTAMP)""").update();
                                }
                                return invoke(cm, connection, cargs);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
