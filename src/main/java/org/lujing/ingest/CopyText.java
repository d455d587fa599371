package org.lujing.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent to PostgreSQL with {@code COPY ... FROM STDIN} in its text format: one line per row, columns separated
 * by tabs, {@code \N} for null, backslash, tab, newline and carriage return escaped. Buffered and sent in blocks of
 * about 256 KB; {@link #finish} ends the copy and returns the rows the server took. Runs on the caller's connection,
 * inside its transaction.
 */
final class CopyText implements AutoCloseable {

    private static final int BLOCK = 256 * 1024;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BLOCK + 4096);
    private final StringBuilder line = new StringBuilder(512);
    private boolean first = true;

    CopyText(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    }

    /** Adds a column to the current row: null, or its text form ({@code toString()}). */
    CopyText add(Object value) {
        if (!first) {
            line.append('\t');
        }
        first = false;
        if (value == null) {
            line.append("\\N");
            return this;
        }
        String s = value instanceof Boolean b ? (b ? "t" : "f") : value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return this;
    }

    /** Ends the current row. */
    void endRow() throws SQLException {
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        line.setLength(0);
        first = true;
        if (buffer.size() >= BLOCK) {
            flush();
        }
    }

    /** Sends what is left and ends the copy; returns the rows copied. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    /** Cancels a copy that was not finished (an error while building its rows). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
