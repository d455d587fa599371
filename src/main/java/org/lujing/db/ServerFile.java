package org.lujing.db;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import org.lujing.files.PrivateFiles;

/**
 * {@code data/server.properties}: how commands reach the database that a running {@code serve} holds. Written by
 * {@code serve} (mode 0600) beside the database file, deleted when it stops cleanly.
 *
 * <ul>
 *   <li>{@code pid} — the serve process;
 *   <li>{@code port}, {@code user}, {@code secret} — where its HSQLDB server listens on 127.0.0.1 and the login it
 *       made for commands at this start; absent while serve is still starting;
 *   <li>{@code recovery} — the password the database's administrator login (SA) has while serve runs, so that SA
 *       with an empty password is never open on the port. Written before the password is set, so that after a
 *       {@code kill -9} the next Lujing process can set it back; never used to reach a server.
 * </ul>
 *
 * @param pid the serve process
 * @param port the HSQLDB server's port on 127.0.0.1, or null while serve starts
 * @param user the login for commands, or null while serve starts
 * @param secret that login's password, or null while serve starts
 * @param recovery the administrator's password while serve runs
 */
public record ServerFile(long pid, Integer port, String user, String secret, String recovery) {

    static final String NAME = "server.properties";
    static final String URL_PREFIX = "jdbc:hsqldb:file:";

    /** What a command does about the file it found. */
    public enum Decision {
        /** No serve: open the database file as usual. */
        NONE,
        /** A live serve answers on its port: go through its server. */
        SERVER,
        /** A live serve has the database but does not serve it yet: try again in a moment. */
        STARTING,
        /** Left by a serve that is gone (killed): not trusted; open the file, after setting the administrator back. */
        STALE
    }

    /**
     * The rule, apart from the machine it asks: a file whose process is gone is stale whatever it says; a live
     * process without a port is still starting; a live process whose port does not answer is not trusted either (its
     * pid may have been reused, or it is stopping) — the file URL then either works or says the database is locked.
     */
    public static Decision decide(Optional<ServerFile> file, LongPredicate alive, IntPredicate answers) {
        if (file.isEmpty()) {
            return Decision.NONE;
        }
        ServerFile f = file.get();
        if (!alive.test(f.pid())) {
            return Decision.STALE;
        }
        if (f.port() == null || f.user() == null || f.secret() == null) {
            return Decision.STARTING;
        }
        return answers.test(f.port()) ? Decision.SERVER : Decision.STALE;
    }

    /** The same rule on this machine: the process table and a TCP connect to 127.0.0.1. */
    public static Decision decide(Optional<ServerFile> file) {
        return decide(file, ServerFile::alive, ServerFile::answers);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the URL is the embedded default, an HSQLDB database file opened in-process. */
    public static boolean embedded(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith(URL_PREFIX);
    }

    /** The database file of an embedded URL ({@code jdbc:hsqldb:file:<path>;props}). */
    static Path databasePath(String jdbcUrl) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int semicolon = rest.indexOf(';');
        return Path.of(semicolon >= 0 ? rest.substring(0, semicolon) : rest)
                .toAbsolutePath()
                .normalize();
    }

    /** Where the server file of an embedded URL lives: beside the database's files, in {@code data/}. */
    public static Path location(String jdbcUrl) {
        Path db = databasePath(jdbcUrl);
        return db.resolveSibling(NAME);
    }

    /** The client URL of a server on this machine serving the database under the alias {@code lujing}. */
    String url() {
        return "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/lujing";
    }

    ServerFile serving(int port, String user, String secret) {
        return new ServerFile(pid, port, user, secret, recovery);
    }

    public static Optional<ServerFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long pid;
        try {
            pid = Long.parseLong(p.getProperty("pid", "").strip());
        } catch (NumberFormatException e) {
            pid = -1; // unreadable: no live process can own it, so it is stale
        }
        Integer port = null;
        try {
            port = Integer.valueOf(p.getProperty("port", "").strip());
        } catch (NumberFormatException absent) {
            // still starting
        }
        return Optional.of(
                new ServerFile(pid, port, p.getProperty("user"), p.getProperty("secret"), p.getProperty("recovery")));
    }

    /** Replaces the file in one atomic move of a private (0600) temporary file written beside it. */
    void write(Path file) {
        StringBuilder text = new StringBuilder();
        text.append("# written by `lujing serve` (pid ")
                .append(pid)
                .append("); deleted when it stops. Keep private.\n");
        text.append("pid=").append(pid).append('\n');
        if (port != null) {
            text.append("port=")
                    .append(port)
                    .append("\nuser=")
                    .append(user)
                    .append("\nsecret=")
                    .append(secret)
                    .append('\n');
        }
        if (recovery != null) {
            text.append("recovery=").append(recovery).append('\n');
        }
        try {
            PrivateFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 32 random bytes in hex: safe inside an SQL string literal as it is. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
