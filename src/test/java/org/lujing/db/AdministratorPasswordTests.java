package org.lujing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The administrator's password given back at a stop is made durable before the recovery file is deleted: on a full
 * disk the change stayed in memory, the file was deleted after it, and the home could not be opened again ("invalid
 * authorization specification").
 */
class AdministratorPasswordTests {

    @Test
    void thePasswordGivenBackIsCheckpointed() throws SQLException {
        List<String> executed = new ArrayList<>();

        Administrator.restorePassword(connection(executed, null), "SA", "");

        assertThat(executed).containsExactly("ALTER USER SA SET PASSWORD ''", "CHECKPOINT");
    }

    @Test
    void onlyTheScriptOnDiskProvesThePasswordGivenBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // HSQLDB logs a checkpoint that fails (a full disk) and the statement succeeds: the script file is the proof
        String url = "jdbc:hsqldb:file:" + dir.resolve("lujing") + ";shutdown=true";
        java.nio.file.Path script = dir.resolve("lujing.script");
        try (Connection c = Administrator.open(url, "SA", "")) {
            Administrator.setPassword(c, "SA", "recovery-secret");
            Administrator.execute(c, "CHECKPOINT");
            assertThat(Administrator.passwordOnDisk(script, "SA", "recovery-secret"))
                    .isTrue();
            assertThat(Administrator.passwordOnDisk(script, "SA", "")).isFalse();

            // given back in memory only (no checkpoint yet): the script still says the recovery password
            Administrator.setPassword(c, "SA", "");
            assertThat(Administrator.passwordOnDisk(script, "SA", "")).isFalse();

            Administrator.restorePassword(c, "SA", "");
            assertThat(Administrator.passwordOnDisk(script, "SA", "")).isTrue();
        }
        assertThat(Administrator.passwordOnDisk(dir.resolve("missing.script"), "SA", ""))
                .isFalse();
    }

    @Test
    void aCheckpointThatThrowsIsAnError() {
        List<String> executed = new ArrayList<>();
        Connection full = connection(executed, "CHECKPOINT");

        assertThatThrownBy(() -> Administrator.restorePassword(full, "SA", ""))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("No space left on device");
    }

    /** A connection whose statements record what they execute; {@code failing} throws as a full disk would. */
    private static Connection connection(List<String> executed, String failing) {
        Statement statement = (Statement) Proxy.newProxyInstance(
                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        String sql = (String) args[0];
                        if (sql.equals(failing)) {
                            throw new SQLException("java.io.IOException: No space left on device", "58000");
                        }
                        executed.add(sql);
                        return false;
                    }
                    return null;
                });
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("createStatement") ? statement : null);
    }
}
