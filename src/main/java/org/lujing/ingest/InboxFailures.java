package org.lujing.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.lujing.LujingProperties;
import org.lujing.identity.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Files the inbox route could not ingest at all (the route moves them to {@code inbox/<source>/.failed/}), each with
 * the reason, so the dashboard, the Files page and {@code files} show them instead of leaving them to be found by
 * hand. The reason is written, masked, beside the file as {@code .<name>.reason} — hidden, so moving the folder's
 * files back up one level moves the file, not its reason, into the inbox.
 */
@Component
public class InboxFailures {

    private static final Logger log = LoggerFactory.getLogger(InboxFailures.class);
    static final String FOLDER = ".failed";

    /** One file waiting in a {@code .failed/} folder, with why, when known. */
    public record FailedDrop(
            String source, String name, String path, long sizeBytes, Instant failedAt, String reason) {}

    private final LujingProperties properties;

    public InboxFailures(LujingProperties properties) {
        this.properties = properties;
    }

    /** Notes why a file of the inbox could not be ingested, where the route is about to move it. */
    public void record(Path inboxFile, Throwable cause) {
        Path dir = inboxFile.resolveSibling(FOLDER);
        String name = inboxFile.getFileName().toString();
        String why = Masking.value(reason(cause));
        try {
            FileIngestService.createPrivateDirectories(dir);
            Path note = dir.resolve("." + name + ".reason");
            Files.writeString(note, why + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(note, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // on Windows the profile's ACLs apply
            }
        } catch (IOException e) {
            log.warn("cannot note why {} failed: {}", Masking.value(name), e.toString());
        }
    }

    /** Every file waiting in a source's {@code .failed/} folder, newest first. */
    public List<FailedDrop> list() {
        Path inbox = properties.inbox();
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<FailedDrop> out = new ArrayList<>();
        try (Stream<Path> sources = Files.list(inbox)) {
            for (Path source : sources.filter(Files::isDirectory).toList()) {
                Path dir = source.resolve(FOLDER);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .toList()) {
                        Path note = dir.resolve("." + f.getFileName() + ".reason");
                        String reason = Files.exists(note)
                                ? Files.readString(note, StandardCharsets.UTF_8).strip()
                                : "原因未记录（可能是旧版本或手工放入）/ reason not recorded";
                        out.add(new FailedDrop(
                                source.getFileName().toString(),
                                Masking.value(f.getFileName().toString()),
                                properties
                                        .home()
                                        .toAbsolutePath()
                                        .relativize(f.toAbsolutePath())
                                        .toString()
                                        .replace('\\', '/'),
                                Files.size(f),
                                Files.getLastModifiedTime(f).toInstant(),
                                reason));
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the inbox's failed files: {}", e.toString());
        }
        out.sort(Comparator.comparing(FailedDrop::failedAt).reversed());
        return out;
    }

    private static String reason(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return "入库未能运行（文件已保留，排除原因后把它移回上一级文件夹即可重试）/ the ingest could not run: " + message;
    }
}
