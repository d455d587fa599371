package org.lujing.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * For a command (not {@code serve}) on the embedded database: before the DataSource exists, looks for
 * {@code data/server.properties} and
 * <ul>
 *   <li>a live serve answering on its port: points the DataSource at its server with the login it wrote;
 *   <li>a live serve still starting: stops with a sentence saying to try again in a moment;
 *   <li>a file left by a serve that is gone: does not trust it (nothing is sent to its port), sets the database
 *       administrator's password back with its recovery password, deletes it, and opens the file as usual.
 * </ul>
 * PostgreSQL and any other URL are left alone.
 */
public class DatabaseServerClient implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** Chinese, then English, as every refusal reads (the command prints the reader's language; ledger's Bilingual). */
    private static final String BOTH = " ‖ ";

    /** Set to true when the command goes through serve's server. */
    public static final String CLIENT = "lujing.db.server.client";

    private static final Logger log = LoggerFactory.getLogger(DatabaseServerClient.class);
    /** HSQLDB's ErrorCode.LOCK_FILE_ACQUISITION_FAILURE, as JDBC reports it. */
    static final int LOCK_ACQUISITION_FAILURE = -451;

    static final java.time.Duration LOCK_PATIENCE = java.time.Duration.ofSeconds(30);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String url = env.getProperty("spring.datasource.url");
        if (!ServerFile.embedded(url)) {
            return;
        }
        Path location = ServerFile.location(url);
        Optional<ServerFile> found = ServerFile.read(location);
        switch (ServerFile.decide(found)) {
            case NONE -> {}
            case SERVER -> {
                ServerFile f = found.get();
                Map<String, Object> through = new HashMap<>();
                through.put("spring.datasource.url", f.url());
                through.put("spring.datasource.username", f.user());
                through.put("spring.datasource.password", f.secret());
                through.put(CLIENT, "true");
                env.getPropertySources().addFirst(new MapPropertySource("lujing-db-server", through));
                log.info(
                        "the database is held by `serve` (pid {}): going through its server on 127.0.0.1:{}",
                        f.pid(),
                        f.port());
            }
            case STARTING ->
                throw new IllegalStateException("serve（进程 " + found.get().pid() + "）正在启动并占用数据库；请稍后再运行此命令"
                        + BOTH + "`serve` (pid " + found.get().pid() + ") is starting up and holds the database; run"
                        + " this command again in a moment");
            case STALE -> recover(url, env, location, found.get());
        }
    }

    /** A serve that was killed: the administrator's password back, the file gone; the database itself recovers on open. */
    private static void recover(String url, ConfigurableEnvironment env, Path location, ServerFile stale) {
        String user = env.getProperty("spring.datasource.username", "SA");
        String password = env.getProperty("spring.datasource.password", "");
        try (Connection c = connectOnceTheLockIsStale(url, user, password, stale)) {
            // opened in-process: no other process holds the database, so the file is indeed stale; it goes once the
            // password set back is on disk (a checkpoint that a full disk fails quietly leaves it for next time)
            Administrator.execute(c, "CHECKPOINT");
            if (!Administrator.passwordOnDisk(Path.of(ServerFile.databasePath(url) + ".script"), user, password)) {
                log.warn("the database administrator's password is not on disk yet: {} is kept", location);
                return;
            }
            Files.deleteIfExists(location);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(
                    ServerFile.alive(stale.pid())
                            ? "serve（进程 " + stale.pid() + "）占用数据库，但其数据库服务没有应答（是否正在停止？）；请稍后再运行此命令，或先停止 serve："
                                    + e.getMessage() + BOTH + "`serve` (pid " + stale.pid()
                                    + ") holds the database but its server does not answer (is it stopping?);"
                                    + " run this command again in a moment, or stop `serve`: " + e.getMessage()
                            : "未正常退出的 serve 留下了 " + location + "，数据库无法打开：" + e.getMessage() + BOTH
                                    + "a `serve` that stopped without cleaning up left " + location
                                    + " and the database could not be" + " opened: " + e.getMessage(),
                    e);
        }
        log.warn("`serve` (pid {}) stopped without cleaning up (killed?): removed its {}", stale.pid(), location);
    }

    /**
     * A killed process's HSQLDB lock file stays "held" until its heartbeat is about 10 seconds old, and HSQLDB waits
     * for that only briefly; right after a kill (the case a stale file announces) the open is tried again until then.
     */
    private static Connection connectOnceTheLockIsStale(String url, String user, String password, ServerFile stale)
            throws SQLException {
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        while (true) {
            try {
                return Administrator.connect(url, user, password, stale.recovery());
            } catch (SQLException e) {
                if (e.getErrorCode() != LOCK_ACQUISITION_FAILURE
                        || ServerFile.alive(stale.pid())
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
