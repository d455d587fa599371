package org.lujing.feed;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.lujing.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The file a pull's new records are written to as their pages arrive ({@code {"records": [...]}}, the shape a dropped
 * JSON file has), so that a pull of many pages holds ids in the heap, not records. It sits beside the pull's other
 * files under {@code feeds/<source>/} as {@code .pull-….part}, readable by the service user only, and becomes the
 * file the ingest takes at the end; a pull that fails deletes it. A part a crashed process left behind (ID numbers in
 * clear) is deleted by the next pull of that source once nothing has written it for an hour.
 */
final class FeedSpool implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FeedSpool.class);
    private static final String PREFIX = ".pull-";
    private static final String SUFFIX = ".part";
    /** A part nobody wrote for this long belongs to no running pull (a page is written within minutes). */
    static final Duration ABANDONED = Duration.ofHours(1);

    private final Path part;
    private final Writer out;
    private final ObjectMapper mapper;
    private boolean first = true;
    private boolean closed;

    private FeedSpool(Path part, Writer out, ObjectMapper mapper) {
        this.part = part;
        this.out = out;
        this.mapper = mapper;
    }

    /** Opens a new part under {@code dir} (created private if missing), with the file's opening written. */
    static FeedSpool open(Path dir, ObjectMapper mapper) {
        try {
            PrivateFiles.createPrivateDirectories(dir);
            Path part = Files.createTempFile(dir, PREFIX, SUFFIX);
            PrivateFiles.restrict(part, "rw-------");
            Writer out = new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(part), StandardCharsets.UTF_8), 1 << 16);
            FeedSpool spool = new FeedSpool(part, out, mapper);
            out.write("{\"records\": [\n");
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a file for the pulled records under " + dir, e);
        }
    }

    /** Appends one record. */
    void add(JsonNode record) {
        try {
            out.write(first ? "" : ",\n");
            out.write(mapper.writeValueAsString(record));
            first = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pulled records to " + part, e);
        }
    }

    /** Marks the part as in use (a page came, even one without new records), so no other pull takes it for left over. */
    void touch() {
        try {
            out.flush();
            Files.setLastModifiedTime(part, FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("could not touch {}: {}", part, e.toString());
        }
    }

    /** Closes the records' array and moves the part to {@code target}; returns it. */
    Path finish(Path target) {
        try {
            out.write("\n]}\n");
            close();
            try {
                return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                return Files.move(part, target);
            }
        } catch (IOException e) {
            discard();
            throw new UncheckedIOException("cannot write the pulled records to " + target, e);
        }
    }

    /** Closes and deletes the part: the pull failed, its records are pulled again next time. */
    void discard() {
        try {
            close();
        } catch (IOException e) {
            log.debug("could not close {}: {}", part, e.toString());
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", part, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    Path part() {
        return part;
    }

    /**
     * Deletes the parts under {@code dir} that no pull has written for {@link #ABANDONED}, and the pulled files a
     * killed process left there as long: a pull hands its file to the ingest, which keeps its own copy under
     * {@code archive/} within moments, and deletes it when the ingest returns — one still here an hour on is a second
     * copy of ID numbers in clear (or, killed before the ingest took it, records the next pull takes again). Returns
     * how many.
     */
    static int deleteAbandoned(Path dir, Instant now) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "{" + PREFIX + "*" + SUFFIX + ",*.json}")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(ABANDONED))
                        && Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            log.warn("could not clear the left-over pull files under {}: {}", dir, e.getMessage());
        }
        if (deleted > 0) {
            log.info("deleted {} file(s) of pulled records a stopped pull left under {}", deleted, dir);
        }
        return deleted;
    }
}
