package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.lujing.read.FileOutcome;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.ReadSettings;
import org.lujing.read.ReadingNote;
import org.lujing.read.SheetHeader;
import org.lujing.read.SourceRow;
import org.lujing.read.TableReader;
import org.lujing.read.UnreadableFileException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Restartable reader over a partner file: remembers how many rows were handed out at each commit, and on a
 * restart passes over that many before handing out more, so a resumed staging starts after its last committed chunk.
 * A file that turns out to be unreadable — at its first byte or its last row — ends the input and is kept as
 * {@link #failure()}: the step then refuses the file whole, and nothing it staged reaches the ledger.
 */
class SourceRowItemReader implements ItemStreamReader<SourceRow> {

    private static final String ROWS_KEY = "source.rows.read";

    private final Path file;
    private final String name;
    private final ReadSettings settings;
    private TableReader reader;
    private int handedOut;
    private UnreadableFileException failure;
    private int sheets;
    private List<ReadingNote> notes = List.of();
    private List<SheetHeader> headers = List.of();

    SourceRowItemReader(Path file, String name, ReadSettings settings) {
        this.file = file;
        this.name = name;
        this.settings = settings;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            reader = PartnerFileReaders.open(file, name, settings);
            int resumeAt = context.getInt(ROWS_KEY, 0);
            while (handedOut < resumeAt && reader.next() != null) {
                handedOut++;
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file.getFileName(), e);
        } catch (UnreadableFileException e) {
            failure = e;
        } catch (RuntimeException | StackOverflowError e) {
            failure = corrupt(e);
        }
    }

    @Override
    public SourceRow read() {
        if (failure != null || reader == null) {
            return null;
        }
        try {
            SourceRow row = reader.next();
            if (row != null) {
                handedOut++;
            } else {
                sheets = reader.sheetsRead();
                notes = reader.notes();
                headers = reader.headers();
            }
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.getFileName() + " failed after row " + handedOut, e);
        } catch (UnreadableFileException e) {
            failure = e;
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // a reader's own defect on a malformed file is still the file's problem, never the process's
            failure = corrupt(e);
            return null;
        }
    }

    private UnreadableFileException corrupt(Throwable e) {
        return new UnreadableFileException(
                FileOutcome.FILE_CORRUPT, name + " 无法读取，可能已损坏 / " + name + " cannot be read: " + e, e);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ROWS_KEY, handedOut);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + file.getFileName(), e);
            }
            reader = null;
        }
    }

    /** Why the file cannot be read, or null when it was read to its end. */
    UnreadableFileException failure() {
        return failure;
    }

    /** What the reader decided on the file's sheets (passed over, merged cells filled), once the input has ended. */
    List<ReadingNote> notes() {
        return reader == null ? notes : reader.notes();
    }

    /** The header row of every sheet with a table, once the input has ended (a resumed read finds them all again). */
    List<SheetHeader> headers() {
        return reader == null ? headers : reader.headers();
    }

    /** Sheets with a table, once the input has ended. */
    int sheetsRead() {
        return reader == null ? sheets : reader.sheetsRead();
    }
}
