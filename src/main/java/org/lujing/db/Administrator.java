package org.lujing.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.hsqldb.jdbc.JDBCDriver;

/**
 * The embedded database's administrator login (the configured user, SA by default), opened in-process. While
 * {@code serve} runs, that login has a random password (see {@link ServerFile#recovery()}); a serve killed with
 * {@code kill -9} leaves it so, and the next Lujing process sets it back with the recovery password.
 */
final class Administrator {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private Administrator() {}

    /**
     * Opens the database in-process as the administrator with its configured password; when that is refused and a
     * recovery password is known, with that one, setting the configured password back at once.
     */
    static Connection connect(String url, String user, String password, String recovery) throws SQLException {
        try {
            return open(url, user, password);
        } catch (SQLException refused) {
            if (!"28000".equals(refused.getSQLState()) || recovery == null) {
                throw refused;
            }
            Connection c = open(url, user, recovery);
            restorePassword(c, user, password);
            return c;
        }
    }

    /** The driver itself, not DriverManager: inside the fat jar the driver is not visible to DriverManager's caller check. */
    static Connection open(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        return JDBCDriver.getConnection(url, p);
    }

    /**
     * Gives the administrator its configured password back and writes the database's script (a checkpoint). Whether
     * that reached the disk is {@link #passwordOnDisk}'s to say: HSQLDB logs a checkpoint that fails (a full disk) and
     * the statement still succeeds.
     */
    static void restorePassword(Connection c, String user, String password) throws SQLException {
        setPassword(c, user, password);
        execute(c, "CHECKPOINT");
    }

    /**
     * Whether the database's script on disk ({@code <database>.script}, written at a checkpoint) gives the user this
     * password — the only proof that the recovery password may be forgotten. On a full disk the change stayed in
     * memory, the recovery file was deleted after it, and the home could not be opened any more ("invalid authorization
     * specification: SA"). HSQLDB keeps a password as the MD5 digest of its characters; false when the script cannot be
     * read or says otherwise.
     */
    static boolean passwordOnDisk(java.nio.file.Path script, String user, String password) {
        String line =
                "CREATE USER " + identifier(user) + " PASSWORD DIGEST '" + md5(password == null ? "" : password) + "'";
        try (java.util.stream.Stream<String> lines =
                java.nio.file.Files.lines(script, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.limit(100_000).anyMatch(line::equals);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static String md5(String password) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void setPassword(Connection c, String user, String password) throws SQLException {
        execute(c, "ALTER USER " + identifier(user) + " SET PASSWORD " + literal(password == null ? "" : password));
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A user name as HSQLDB stores it when written unquoted (upper case), else quoted as given. */
    static String identifier(String name) {
        return PLAIN.matcher(name).matches()
                ? name.toUpperCase(java.util.Locale.ROOT)
                : '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
