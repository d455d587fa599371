package org.lujing.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lujing.home.LujingProperties;
import org.springframework.stereotype.Component;

/**
 * The files still in {@code quarantine/}, each with the error report Lujing wrote beside it: a file whose content could
 * not be ingested (it also has its file entry) and a file of no configured source (dropped in the inbox's root or a
 * folder no source names: it has none). The console's files page and {@code files} on the command line list them.
 */
@Component
public class QuarantineListing {

    /** Error reports read a page at a time. */
    private static final int PAGE = 500;

    private final FileRegistry files;
    private final LujingProperties properties;

    QuarantineListing(FileRegistry files, LujingProperties properties) {
        this.files = files;
        this.properties = properties;
    }

    /**
     * A quarantined file: its error report's id, its file entry's id (null for a file of no configured source), where
     * it lies relative to {@code quarantine/}.
     */
    public record QuarantinedFile(
            long reportId,
            Long fileId,
            String source,
            String name,
            String outcome,
            String path,
            long sizeBytes,
            Instant quarantinedAt) {}

    /**
     * Newest first, read as they are iterated: a page of error reports at a time, each file looked at when its turn
     * comes. Every broken file a partner drops is quarantined, so there can be any number; a file moved or deleted
     * since is left out.
     */
    public Iterable<QuarantinedFile> stillThere() {
        Path root = properties.quarantine().toAbsolutePath().normalize();
        Iterable<FileRegistry.ErrorReportEntry> reports = files.errorReportsNewestFirst(PAGE);
        return () -> java.util.stream.StreamSupport.stream(reports.spliterator(), false)
                .map(r -> still(r, root))
                .flatMap(Optional::stream)
                .iterator();
    }

    /** The newest {@code limit} of {@link #stillThere()}. */
    public List<QuarantinedFile> newest(int limit) {
        List<QuarantinedFile> out = new ArrayList<>();
        for (QuarantinedFile q : stillThere()) {
            if (out.size() == limit) {
                break;
            }
            out.add(q);
        }
        return out;
    }

    /** The report's file while it is still in quarantine/ where Lujing put it. */
    private static Optional<QuarantinedFile> still(FileRegistry.ErrorReportEntry r, Path root) {
        Path stored = Path.of(r.storedPath()).toAbsolutePath().normalize();
        if (!stored.startsWith(root) || !Files.isRegularFile(stored)) {
            return Optional.empty();
        }
        long size;
        try {
            size = Files.size(stored);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new QuarantinedFile(
                r.id(),
                r.fileId(),
                r.sourceId(),
                r.fileName(),
                r.outcome(),
                root.relativize(stored).toString().replace('\\', '/'),
                size,
                r.writtenAt().toInstant()));
    }
}
