package org.lujing.ingest;

import java.nio.file.Path;
import org.lujing.normalise.Masking;

/**
 * A file in the inbox, taken and then taken out: by the inbox route ({@link InboxIngest}) and by the night's inbox step
 * alike, only when it is still the file that was taken.
 */
public final class InboxFiles {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxFiles.class);

    private InboxFiles() {}

    /** What tells this file apart from another one written at its path, or from itself written on: null when gone. */
    public static Object identity(Path file) {
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
    public static boolean removeIfUnchanged(Path file, Object taken) {
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
            // not taken again while it stays as it is: each take wrote another archive (or quarantine) copy, every
            // poll, until the disk was full
            keep(taken);
            log.warn(
                    "inbox: {} was ingested but cannot be removed from the inbox ({}): it is not taken again while it"
                            + " stays unchanged; remove it by hand, or let Lujing's user delete files in that folder",
                    Masking.fileName(file.getFileName().toString()),
                    e.toString());
            return false;
        }
    }

    /** Files ingested that could not be taken out, as they were then; bounded, and this process's only. */
    private static final java.util.Set<Object> KEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static void keep(Object identity) {
        if (identity != null && KEPT.size() < 10_000) {
            KEPT.add(identity);
        }
    }

    /**
     * Whether the file was ingested already and could not be taken out, and has not changed since: it is not taken
     * again (a changed file, or another one put in its place, is).
     */
    public static boolean loadedButKept(Path file) {
        if (KEPT.isEmpty()) {
            return false;
        }
        Object now = identity(file);
        return now != null && KEPT.contains(now);
    }
}
