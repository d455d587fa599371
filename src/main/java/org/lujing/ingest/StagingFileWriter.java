package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes each chunk of row results to the file's staging file, marking a record whose identity came earlier in the
 * same file as a repeat. The staged length and row count go into the step's context with the chunk's commit; the
 * file is forced to disk before it, so a restart cuts the file back to what the job repository knows and goes on.
 */
class StagingFileWriter implements ItemStreamWriter<RowResult> {

    private static final Logger log = LoggerFactory.getLogger(StagingFileWriter.class);
    private static final String LENGTH_KEY = "staging.length";
    private static final String ROWS_KEY = "staging.rows";

    private final Path file;
    private StagingFile.Writer writer;
    private IdentitySeen seen;
    private int rows;

    StagingFileWriter(Path file) {
        this.file = file;
    }

    @Override
    public void open(ExecutionContext context) {
        long length = context.getLong(LENGTH_KEY, 0L);
        rows = context.getInt(ROWS_KEY, 0);
        seen = new IdentitySeen();
        try {
            if (length > 0) {
                // a resumed staging: the identities staged before the crash still make later rows repeats
                try (StagingFile.Reader staged = new StagingFile.Reader(file, 0, length)) {
                    for (StagingFile.Staged s = staged.next(); s != null; s = staged.next()) {
                        if (s.result() instanceof RowResult.NewRecord r) {
                            seen.add(r.draft());
                        }
                    }
                }
            }
            writer = new StagingFile.Writer(file, length);
        } catch (IOException e) {
            throw new ItemStreamException("cannot open the staging file " + file, e);
        }
    }

    @Override
    public void write(Chunk<? extends RowResult> chunk) throws IOException {
        for (RowResult result : chunk) {
            boolean repeat = result instanceof RowResult.NewRecord r && !seen.add(r.draft());
            writer.write(new StagingFile.Staged(++rows, result, repeat));
        }
    }

    @Override
    public void update(ExecutionContext context) {
        try {
            long length = writer.force();
            context.putLong(LENGTH_KEY, length);
            context.putInt(ROWS_KEY, rows);
            log.debug("{}: {} rows staged ({} bytes)", file.getFileName(), rows, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the staging file " + file + " to disk", e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close the staging file " + file, e);
            }
            writer = null;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging file " + file, e);
        }
    }
}
