package org.lujing.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How Lujing writes a file that someone else may read at any moment (a report, the key file, the users file, the
 * server file): into a private (0600) temporary file beside the target, flushed to disk, then moved into place in one
 * step. A reader, or a crash, sees the old file or the new one, never half of one; a failed write leaves the old file
 * and no temporary behind. Folders that hold confidential material are created readable by the service user only.
 */
public final class PrivateFiles {

    /** What writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private PrivateFiles() {}

    /** Writes {@code target} through a temporary file and an atomic move, replacing what was there. */
    public static void write(Path target, Content content) throws IOException {
        Path tmp = writeTemporary(target, content);
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write(Path, Content)} of UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code target} only if it does not exist yet, atomically: when another process created it first, nothing
     * is replaced and {@code false} is returned.
     */
    public static boolean writeNew(Path target, Content content) throws IOException {
        Path tmp = writeTemporary(target, content);
        try {
            Files.move(tmp, target);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code dir} and any missing parents, each new folder readable by the service user only (0700). */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createPrivateDirectories(absolute.getParent());
        }
        Files.createDirectories(absolute);
        restrict(absolute, "rwx------");
    }

    /** Sets POSIX permissions where the file system has them (on Windows the profile's ACLs apply). */
    public static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    private static Path writeTemporary(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        boolean written = false;
        try {
            restrict(tmp, "rw-------");
            try (FileChannel channel =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            written = true;
            return tmp;
        } finally {
            if (!written) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
