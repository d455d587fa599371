package org.lujing.read;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoder and the CSV parser and counts, as the characters stream past, how long the current cell
 * and record are and how many cells and records there have been — following quotes as CSV does, so a newline inside
 * a quoted cell belongs to its record. Past a {@link ReadLimits} bound it throws before the parser could buffer
 * more: a 150 MB file without a line break costs the heap one bound's worth of characters, not the file.
 */
final class BoundedCsvReader extends FilterReader {

    private final ReadLimits limits;
    private final char delimiter;
    private boolean quoted;
    private boolean justClosed;
    private int cellChars;
    private int recordChars;
    private int cells = 1;
    private long records = 1;
    private boolean newRecord;

    BoundedCsvReader(Reader in, char delimiter, ReadLimits limits) {
        super(in);
        this.delimiter = delimiter;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '"') {
            // as the parser does: a quote opens a quoted cell only at the cell's start (or as the second of a
            // doubled quote inside one); elsewhere in an unquoted cell it is an ordinary character
            if (quoted) {
                quoted = false;
                justClosed = true;
            } else if (cellChars == 0 || justClosed) {
                quoted = true;
                justClosed = false;
            }
        } else {
            justClosed = false;
        }
        if (!quoted && (c == '\n' || c == '\r')) {
            // the next record counts when its first character comes, so a final line break adds no row
            newRecord = true;
            cellChars = 0;
            recordChars = 0;
            cells = 1;
            return;
        }
        if (newRecord) {
            newRecord = false;
            if (++records > limits.maxRows()) {
                throw limits.exceeded("行数", "the number of rows", limits.maxRows(), records);
            }
        }
        if (!quoted && c == delimiter) {
            cellChars = 0;
            recordChars++;
            if (++cells > limits.maxCells()) {
                throw limits.tooManyCells(records);
            }
        } else {
            if (++cellChars > limits.maxCellChars()) {
                throw limits.cellTooLong(records);
            }
            if (++recordChars > limits.maxRecordChars()) {
                throw limits.exceeded("一行的长度（字符）", "one row's length in characters", limits.maxRecordChars(), records);
            }
        }
    }
}
