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
     * Gives the administrator its configured password back and makes that durable (a checkpoint) before anyone may
     * forget the recovery password: on a full disk the change stayed in memory, the recovery file was deleted after it,
     * and the next start found a password no one knew — the home could not be opened any more. A checkpoint that fails
     * throws, and the recovery file is kept.
     */
    static void restorePassword(Connection c, String user, String password) throws SQLException {
        setPassword(c, user, password);
        execute(c, "CHECKPOINT");
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
