package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lujing.read.ReadingNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes each chunk of row results to the file's staging file, marking a record whose identity came earlier in the
 * same file as a repeat, and a roster row whose person (ID number) did — with a reading note naming the rows, since
 * the file says two things about one person and the later row's stand. The staged length and row count go into the step's context with the chunk's commit; the
 * file is forced to disk before it, so a restart cuts the file back to what the job repository knows and goes on.
 */
class StagingFileWriter implements ItemStreamWriter<RowResult> {

    private static final Logger log = LoggerFactory.getLogger(StagingFileWriter.class);
    private static final String LENGTH_KEY = "staging.length";
    private static final String ROWS_KEY = "staging.rows";

    private final Path file;
    private final ReadingNotes notes;
    private StagingFile.Writer writer;
    private IdentitySeen seen;
    private IdentitySeen people;
    private int rows;

    StagingFileWriter(Path file, ReadingNotes notes) {
        this.file = file;
        this.notes = notes;
    }

    @Override
    public void open(ExecutionContext context) {
        long length = context.getLong(LENGTH_KEY, 0L);
        rows = context.getInt(ROWS_KEY, 0);
        seen = new IdentitySeen();
        people = new IdentitySeen();
        try {
            if (length > 0) {
                // a resumed staging: the identities staged before the crash still make later rows repeats
                try (StagingFile.Reader staged = new StagingFile.Reader(file, 0, length)) {
                    for (StagingFile.Staged s = staged.next(); s != null; s = staged.next()) {
                        if (s.result() instanceof RowResult.NewRecord r) {
                            seen.add(r.draft());
                        } else if (s.result() instanceof RowResult.RosterEntry e) {
                            people.add(IdentitySeen.hash(e.draft().idIndex()));
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
            boolean repeat;
            if (result instanceof RowResult.NewRecord r) {
                repeat = !seen.add(r.draft());
            } else if (result instanceof RowResult.RosterEntry e) {
                repeat = !people.add(IdentitySeen.hash(e.draft().idIndex()));
                if (repeat) {
                    notes.add(
                            e.sheet(),
                            ReadingNote.PERSON_AGAIN,
                            "同一身份证号在本文件中已出现过：以后面一行为准，该行计为合并 / an ID number met earlier in this"
                                    + " file: the later row stands and is counted merged",
                            e.row());
                }
            } else {
                repeat = false;
            }
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
