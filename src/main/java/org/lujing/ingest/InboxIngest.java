package org.lujing.ingest;

import java.nio.file.Path;
import org.apache.camel.Header;
import org.lujing.normalise.Masking;
import org.springframework.stereotype.Component;

/** Called by the inbox route for each file that lands in {@code inbox/<source>/}: the folder names the source. */
@Component("inboxIngest")
class InboxIngest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxIngest.class);

    private final FileIngestService ingest;
    private final InboxFailures failures;
    private final Path inbox;

    public InboxIngest(FileIngestService ingest, InboxFailures failures, org.lujing.home.LujingProperties properties) {
        this.ingest = ingest;
        this.failures = failures;
        this.inbox = properties.inbox().toAbsolutePath().normalize();
    }

    /** Ingests the file and returns a line for the route's log: source, masked file name, outcome (domain.md's word). */
    public String ingest(@Header("CamelFileAbsolutePath") String path) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        // the file as it is taken: if it is not so when its ingest ends, it is not the file that was loaded
        Object taken = identity(file);
        // a file in the inbox itself, beside the source folders, has no source: FileIngestService says where it goes
        String source = FileIngestService.sourceOf(inbox, file);
        FileIngestService.Result result;
        try {
            result = ingest.ingest(file, source);
        } catch (FileIngestService.ProcessStoppingException e) {
            // not a failure of the file: it waits in the inbox, untouched, for the next start
            log.info("inbox: {}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // the route leaves the file in the inbox and tries again: say why beside it, for the console and `files`
            failures.record(file, e);
            throw e;
        }
        failures.clear(file);
        removeIfUnchanged(file, taken);
        String line = (source.isEmpty() ? "inbox" : source) + "/"
                + Masking.fileName(file.getFileName().toString()) + " -> " + result.outcome();
        log.info("inbox: {}", line);
        return line;
    }

    /** What tells this file apart from another one written at its path, or from itself written on: null when gone. */
    static Object identity(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a =
                    java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return java.util.List.of(
                    String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toMillis());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Takes the ingested file out of the inbox — only when it is still the file that was taken. The route deleted it
     * whatever it had become: a partner's copy still being written (paused longer than the read lock waits) lost every
     * row written after the copy was taken, and a file put in its place under the same name meanwhile was deleted
     * unread. Such a file now stays, and is taken again as the file it has become (its rows loaded already are
     * recognised as repeats, never counted twice). Returns whether it was removed.
     */
    static boolean removeIfUnchanged(Path file, Object taken) {
        Object now = identity(file);
        if (now == null) {
            return false; // moved away already (quarantined), or removed by someone else
        }
        if (!now.equals(taken)) {
            log.warn(
                    "inbox: {} changed while it was being ingested (still being written, or replaced under the same"
                            + " name): the copy taken is loaded as it was, and the file is left in the inbox to be"
                            + " taken again",
                    Masking.fileName(file.getFileName().toString()));
            return false;
        }
        try {
            java.nio.file.Files.deleteIfExists(file);
            return true;
        } catch (java.io.IOException e) {
            // taken again later, and recognised by its content (DUPLICATE_FILE), never loaded twice
            log.warn(
                    "inbox: {} was ingested but cannot be removed from the inbox: {}",
                    Masking.fileName(file.getFileName().toString()),
                    e.toString());
            return false;
        }
    }
}
