package org.lujing.db;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hsqldb.persist.HsqlProperties;
import org.hsqldb.server.Server;
import org.hsqldb.server.ServerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * {@code serve}'s HSQLDB server: the embedded database file stays open in-process for serve itself, and the same
 * database (HSQLDB keeps one Database object per file in a JVM, whoever opens it first) is served on 127.0.0.1 so
 * that commands run while serve runs go through it instead of failing on the file lock.
 *
 * <p>Order at start, each step leaving a state the next Lujing process can recover from if this one is killed:
 * <ol>
 *   <li>when the application's DataSource is created, before anyone uses it: open the database as the administrator
 *       (setting its password back first if a killed serve left it changed), and keep that session for serve's life;
 *   <li>write {@code data/server.properties} with this process's pid and a fresh recovery password, then give the
 *       administrator that password (and the pool too), so that SA with an empty password is never on a port;
 *   <li>start the server; once serve is ready (migrated, recovered, started), give the login for commands a fresh secret
 *       and the rights on every table and sequence, and add port, user and secret to the file — from then on commands
 *       use the server.
 * </ol>
 * At a clean stop: the server stops, the administrator gets its configured password back, the file is deleted, and
 * the kept session closes (the pool's last connection then shuts the database down as before).
 */
class DatabaseServer implements BeanPostProcessor, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
    static final String ALIAS = "lujing";
    static final String ROLE = "LUJING_COMMANDS";

    private final int configuredPort;
    private final String commandUser;

    private HikariDataSource pool;
    private String url;
    private String adminUser;
    private String adminPassword;
    private Path file;
    private ServerFile written;
    private Connection keeper;
    private Server server;

    public DatabaseServer(int configuredPort, String commandUser) {
        this.configuredPort = configuredPort;
        this.commandUser = commandUser;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (pool == null && bean instanceof HikariDataSource hikari && ServerFile.embedded(hikari.getJdbcUrl())) {
            start(hikari);
        }
        return bean;
    }

    private synchronized void start(HikariDataSource hikari) {
        pool = hikari;
        url = hikari.getJdbcUrl();
        adminUser = hikari.getUsername();
        adminPassword = hikari.getPassword() == null ? "" : hikari.getPassword();
        file = ServerFile.location(url);
        var found = ServerFile.read(file);
        ServerFile.Decision decision = ServerFile.decide(found);
        if (decision == ServerFile.Decision.SERVER || decision == ServerFile.Decision.STARTING) {
            throw new HomeInUseException(found.get().pid());
        }
        try {
            keeper = Administrator.connect(
                    url,
                    adminUser,
                    adminPassword,
                    found.map(ServerFile::recovery).orElse(null));
            String recovery = ServerFile.newSecret();
            written = new ServerFile(ProcessHandle.current().pid(), null, null, null, recovery);
            written.write(file);
            Administrator.setPassword(keeper, adminUser, recovery);
            hikari.setPassword(recovery);
            server = startServer();
            log.info("database server for commands started on 127.0.0.1:{} (alias {})", server.getPort(), ALIAS);
        } catch (SQLException | RuntimeException e) {
            destroy();
            throw e instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("cannot open the database for serve: " + e.getMessage(), e);
        }
    }

    private Server startServer() {
        String database = url.substring("jdbc:hsqldb:".length());
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = configuredPort > 0 ? configuredPort : freePort();
            Server s = new Server();
            HsqlProperties p = new HsqlProperties();
            p.setProperty("server.address", "127.0.0.1");
            p.setProperty("server.port", String.valueOf(port));
            // the same file and properties as the pool's URL: one Database object, shut down by the last session
            p.setProperty("server.database.0", database);
            p.setProperty("server.dbname.0", ALIAS);
            p.setProperty("server.no_system_exit", "true");
            p.setProperty("server.remote_open", "false");
            p.setProperty("server.silent", "true");
            try {
                s.setProperties(p);
            } catch (Exception e) {
                throw new IllegalStateException("cannot configure the database server: " + e.getMessage(), e);
            }
            s.setLogWriter(null);
            s.setErrWriter(null);
            s.setDaemon(true);
            s.start();
            if (s.getState() == ServerConstants.SERVER_STATE_ONLINE) {
                return s;
            }
            s.stop();
            last = new IllegalStateException(
                    "cannot start the database server on 127.0.0.1:" + port + ": " + s.getServerError(),
                    s.getServerError());
            if (configuredPort > 0) {
                break;
            }
        }
        throw last;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Serve is ready — Flyway has migrated, crash recovery has run (so no command's execution can be taken for a dead
     * one): give commands their login and rights, and tell them where the server is.
     */
    synchronized void publish() {
        if (server == null) {
            return;
        }
        try {
            String secret = ServerFile.newSecret();
            grantCommands(keeper, commandUser, secret);
            written = written.serving(server.getPort(), commandUser, secret);
            written.write(file);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the database login for commands: " + e.getMessage(), e);
        }
    }

    /**
     * A role with what commands do — read and write every table of the schema (ledger, Batch, Quartz, Camel, Flyway's
     * history for its validation) and use every sequence — and a login holding it, with a new password. No DDL, no
     * user administration: the schema is serve's, and commands only validate it.
     */
    static void grantCommands(Connection c, String user, String secret) throws SQLException {
        String role = Administrator.identifier(ROLE);
        String login = Administrator.identifier(user);
        if (!exists(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.APPLICABLE_ROLES WHERE ROLE_NAME = '" + ROLE + "'")
                && !exists(
                        c,
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ADMINISTRABLE_ROLE_AUTHORIZATIONS WHERE ROLE_NAME = '"
                                + ROLE + "'")) {
            Administrator.execute(c, "CREATE ROLE " + role);
        }
        List<String> grants = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES"
                                + " WHERE TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'GLOBAL TEMPORARY') AND TABLE_SCHEMA NOT IN ('INFORMATION_SCHEMA', 'SYSTEM_LOBS')")) {
            while (rs.next()) {
                // HSQLDB grants a temporary table (the ingest's stage_slice, session-private rows) only whole
                String privileges =
                        "GLOBAL TEMPORARY".equals(rs.getString(3)) ? "ALL" : "SELECT, INSERT, UPDATE, DELETE";
                grants.add("GRANT " + privileges + " ON TABLE " + quoted(rs.getString(1)) + "."
                        + quoted(rs.getString(2)) + " TO " + role);
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES"
                        + " WHERE SEQUENCE_SCHEMA NOT IN ('INFORMATION_SCHEMA', 'SYSTEM_LOBS')")) {
            while (rs.next()) {
                grants.add("GRANT USAGE ON SEQUENCE " + quoted(rs.getString(1)) + "." + quoted(rs.getString(2)) + " TO "
                        + role);
            }
        }
        for (String grant : grants) {
            Administrator.execute(c, grant);
        }
        if (exists(
                c,
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SYSTEM_USERS WHERE USER_NAME = '"
                        + user.toUpperCase(java.util.Locale.ROOT).replace("'", "''") + "'")) {
            Administrator.execute(c, "ALTER USER " + login + " SET PASSWORD " + Administrator.literal(secret));
        } else {
            Administrator.execute(c, "CREATE USER " + login + " PASSWORD " + Administrator.literal(secret));
        }
        Administrator.execute(c, "GRANT " + role + " TO " + login);
    }

    private static boolean exists(Connection c, String countSql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(countSql)) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Where commands reach this server, once it is ready; for tests and logs. */
    public synchronized ServerFile published() {
        return written;
    }

    /**
     * Stops the server, gives the administrator its configured password back and deletes the file, in that order: a
     * crash between two steps still leaves the recovery password on disk while it is needed.
     */
    @Override
    public synchronized void destroy() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (keeper != null) {
            try {
                Administrator.restorePassword(keeper, adminUser, adminPassword);
                pool.setPassword(adminPassword);
                Path script = Path.of(ServerFile.databasePath(url) + ".script");
                if (Administrator.passwordOnDisk(script, adminUser, adminPassword)) {
                    Files.deleteIfExists(file);
                } else {
                    // a full disk: the password given back is in memory only; the file keeps the recovery password
                    // for the next Lujing process, which sets it back once it can be written
                    log.warn(
                            "the database administrator's password given back is not on disk ({}): {} is kept for the"
                                    + " next Lujing process",
                            script,
                            file);
                }
            } catch (SQLException | IOException e) {
                log.warn(
                        "could not restore the database administrator's password or delete {}: {} — the next Lujing"
                                + " process will",
                        file,
                        e.getMessage());
            } finally {
                try {
                    keeper.close();
                } catch (SQLException ignored) {
                    // closing a session of a database that is going away
                }
                keeper = null;
            }
        }
    }
}
