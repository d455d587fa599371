package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.ReadSettings;
import org.lujing.read.SourceRow;
import org.lujing.read.TableReader;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Restartable reader over a partner file: remembers how many rows were handed out at each commit, and on a
 * restart passes over that many before handing out more, so a resumed ingest starts after its last committed chunk.
 */
class SourceRowItemReader implements ItemStreamReader<SourceRow> {

    private static final String ROWS_KEY = "source.rows.read";

    private final Path file;
    private final ReadSettings settings;
    private TableReader reader;
    private int handedOut;

    SourceRowItemReader(Path file, ReadSettings settings) {
        this.file = file;
        this.settings = settings;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            reader = PartnerFileReaders.open(file, settings);
            int resumeAt = context.getInt(ROWS_KEY, 0);
            while (handedOut < resumeAt && reader.next() != null) {
                handedOut++;
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file.getFileName(), e);
        }
    }

    @Override
    public SourceRow read() {
        try {
            SourceRow row = reader.next();
            if (row != null) {
                handedOut++;
            }
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.getFileName() + " failed after row " + handedOut, e);
        }
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

    int sheetsRead() {
        return reader == null ? 0 : reader.sheetsRead();
    }
}
