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
        Object taken = InboxFiles.identity(file);
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
        InboxFiles.removeIfUnchanged(file, taken);
        String line = (source.isEmpty() ? "inbox" : source) + "/"
                + Masking.fileName(file.getFileName().toString()) + " -> " + result.outcome();
        log.info("inbox: {}", line);
        return line;
    }
}
