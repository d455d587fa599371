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
import org.lujing.home.LujingProperties;
import org.lujing.ledger.Bilingual;
import org.lujing.normalise.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Files of the inbox whose ingest could not run at all (the database busy or away, a disk full), each with the
 * reason, so the dashboard, the Files page and {@code files} show them instead of leaving them to be found by hand.
 * The route leaves such a file where it is and offers it again at every poll; the reason is written, masked, beside
 * it as {@code .<name>.reason} (hidden: the route takes no dot-file) and removed once the file is ingested. Files an
 * older version parked in {@code inbox/<source>/.failed/} are listed too, until someone moves them back up.
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

    /** Notes why a file of the inbox could not be ingested; it stays in the inbox and is offered again. */
    public void record(Path inboxFile, Throwable cause) {
        String name = inboxFile.getFileName().toString();
        String why = Masking.value(reason(cause));
        try {
            Path note = reasonOf(inboxFile);
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

    /**
     * The file (its source folder and masked name) and the system's own words for why it failed (the deepest message,
     * masked; its Chinese or, with {@code english}, its English half when it has both): for a summary in that
     * language that puts its own words around it.
     */
    public String describe(Path inboxFile, Throwable cause, boolean english) {
        return inboxFile.getParent().getFileName() + "/"
                + Masking.fileName(inboxFile.getFileName().toString()) + ": "
                + Masking.value(Bilingual.half(deepestMessage(cause), english));
    }

    /**
     * The system's own words for why a run could not go on, for a summary an administrator reads: the deepest message
     * of the cause (Spring and Camel wrap it in layers), an ID number or phone in it masked.
     */
    public static String maskedCause(Throwable cause) {
        return Masking.value(deepestMessage(cause));
    }

    /** Forgets the reason noted for a file once it has been ingested. */
    public void clear(Path inboxFile) {
        try {
            Files.deleteIfExists(reasonOf(inboxFile));
        } catch (IOException e) {
            log.warn(
                    "cannot remove the failure note of {}: {}",
                    Masking.fileName(inboxFile.getFileName().toString()),
                    e.toString());
        }
    }

    /** The most of a reason file that is read: Lujing writes a few hundred characters; anyone may write there. */
    static final int MAX_REASON_BYTES = 8192;

    /**
     * A reason file's text: its first {@link #MAX_REASON_BYTES} bytes, masked (the inbox is writable by partners, so
     * the file may not be Lujing's, nor small), cut at 2,000 characters.
     */
    static String readReason(Path note) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(note)) {
            head = in.readNBytes(MAX_REASON_BYTES + 1);
        }
        boolean cut = head.length > MAX_REASON_BYTES;
        String text = new String(head, 0, Math.min(head.length, MAX_REASON_BYTES), StandardCharsets.UTF_8).strip();
        text = Masking.value(text);
        if (cut || text.length() > 2000) {
            text = text.substring(0, Math.min(text.length(), 1999)) + "…";
        }
        return text;
    }

    private static Path reasonOf(Path file) {
        // a name near the limit still gets its note beside it (the same shortening when it is read back)
        return file.resolveSibling(
                "." + EvidenceFolders.fitted(file.getFileName().toString(), ".reason".length() + 1) + ".reason");
    }

    /** Every file waiting after a failed ingest — in the inbox, or parked in an older {@code .failed/} — newest first. */
    public List<FailedDrop> list() {
        List<FailedDrop> out = new ArrayList<>();
        walk(w -> out.add(drop(w)));
        out.sort(Comparator.comparing(FailedDrop::failedAt).reversed());
        return out;
    }

    /** The newest {@code shown} of {@link #list()}, and how many there are in all. */
    public record Newest(List<FailedDrop> drops, int total) {}

    /**
     * The newest {@code limit} failed drops, and how many there are: for the pages every admin opens. Only the newest
     * are kept while the inbox is walked, and only their reasons are read; a source whose every drop failed no longer
     * fills the dashboard and the files page with all of them.
     */
    public Newest newest(int limit) {
        java.util.PriorityQueue<Waiting> kept = new java.util.PriorityQueue<>(Comparator.comparing(Waiting::failedAt));
        int[] total = {0};
        walk(w -> {
            total[0]++;
            kept.add(w);
            if (kept.size() > limit) {
                kept.poll();
            }
        });
        List<FailedDrop> out = new ArrayList<>();
        kept.forEach(w -> out.add(drop(w)));
        out.sort(Comparator.comparing(FailedDrop::failedAt).reversed());
        return new Newest(out, total[0]);
    }

    /** A failed drop found in the inbox, its reason not read yet. */
    private record Waiting(Path source, Path file, long sizeBytes, Instant failedAt, boolean parked) {}

    /** Hands each failed drop to {@code each} as the inbox is walked. */
    private void walk(java.util.function.Consumer<Waiting> each) {
        Path inbox = properties.inbox();
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (Stream<Path> sources = Files.list(inbox)) {
            for (Path source : sources.filter(Files::isDirectory).toList()) {
                for (Path dir : List.of(source, source.resolve(FOLDER))) {
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    boolean parked = dir.getFileName().toString().equals(FOLDER);
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                                .filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
                            if (!parked && !Files.exists(reasonOf(f))) {
                                continue; // an inbox file nothing has failed on: simply waiting for the route
                            }
                            each.accept(new Waiting(
                                    source,
                                    f,
                                    Files.size(f),
                                    Files.getLastModifiedTime(f).toInstant(),
                                    parked));
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the inbox's failed files: {}", e.toString());
        }
    }

    /** The drop as the pages and {@code files} show it, its reason read (bounded) now. */
    private FailedDrop drop(Waiting w) {
        Path note = reasonOf(w.file());
        String reason;
        try {
            reason = Files.exists(note)
                    ? bilingual(readReason(note))
                    : "原因未记录（旧版本停放的文件）" + Bilingual.SEPARATOR + "reason not recorded (parked by an older version)";
        } catch (IOException e) {
            reason = "原因无法读取" + Bilingual.SEPARATOR + "the reason cannot be read: " + e.getMessage();
        }
        return new FailedDrop(
                w.source().getFileName().toString(),
                Masking.fileName(w.file().getFileName().toString()),
                Masking.value(properties
                        .home()
                        .toAbsolutePath()
                        .relativize(w.file().toAbsolutePath())
                        .toString()
                        .replace('\\', '/')),
                w.sizeBytes(),
                w.failedAt(),
                reason);
    }

    private static String deepestMessage(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String reason(Throwable e) {
        String message = deepestMessage(e);
        return "入库未能运行（文件留在收件箱，每次轮询都会重试，排除原因后即可入库）。系统原文：" + message
                + Bilingual.SEPARATOR
                + "the ingest could not run (the file stays in the inbox and is tried again at every poll): " + message;
    }

    /**
     * A reason written by an older version as {@code 中文 / English}: its first separator read as the bilingual one,
     * so each reader sees their own half.
     */
    static String bilingual(String reason) {
        if (reason.contains(Bilingual.SEPARATOR)
                || reason.isEmpty()
                || Character.UnicodeScript.of(reason.codePointAt(0)) != Character.UnicodeScript.HAN) {
            return reason;
        }
        // its Chinese half ends in a bracket: "…（旧版本停放的文件）/ reason not recorded"
        int slash = reason.indexOf("/ ");
        return slash < 0
                ? reason
                : reason.substring(0, slash).strip() + Bilingual.SEPARATOR + reason.substring(slash + 2);
    }
}
