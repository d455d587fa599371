package org.lujing.home;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folders under the home that hold confidential material are readable by the service user only, like
 * {@code archive/} and {@code data/}: {@code reports/} and the outbox (names, findings, masked identities),
 * {@code quarantine/} and every {@code inbox/<source>/.failed/} (partners' files as received). At every start
 * they are created 0700 when missing, and what is already in them is tightened (folders 0700, files 0600), so a
 * home made by an earlier version is private from its next start on. Symbolic links are left alone, never followed.
 */
@Component
public class PrivateFolders {

    private static final Logger log = LoggerFactory.getLogger(PrivateFolders.class);

    private final LujingProperties properties;
    private final Path outbox;

    public PrivateFolders(LujingProperties properties, @Value("${lujing.reports.outbox}") Path outbox) {
        this.properties = properties;
        this.outbox = outbox;
    }

    @PostConstruct
    void restrictAll() {
        for (Path folder : folders()) {
            try {
                restrictTree(folder);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot make {} private (0700): {}", folder, e.toString());
            }
        }
    }

    List<Path> folders() {
        // archive/ too: the partners' files as received, copied with their own modes (0644) before this was done
        List<Path> out =
                new ArrayList<>(List.of(properties.reports(), outbox, properties.quarantine(), properties.archive()));
        if (Files.isDirectory(properties.inbox())) {
            try (Stream<Path> sources = Files.list(properties.inbox())) {
                sources.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> p.resolve(".failed"))
                        .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .forEach(out::add);
            } catch (IOException e) {
                log.warn("cannot list {}: {}", properties.inbox(), e.toString());
            }
        }
        return out;
    }

    /** Creates the folder (0700) when missing, and makes every folder in it 0700 and every file 0600. */
    public static void restrictTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder);
        }
        if (Files.isSymbolicLink(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (UnsupportedOperationException notPosix) {
            // on Windows the profile's ACLs apply
        }
    }

    /** A file just written under one of these folders: 0600, its folder 0700. */
    public static void restrictFile(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(
                    file.toAbsolutePath().getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or a folder not ours to change: the parent folders' permissions still apply
        }
    }
}
