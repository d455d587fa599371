package org.lujing.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import org.lujing.audit.AuditLog;
import org.lujing.home.LujingProperties;
import org.lujing.normalise.Masking;
import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * An operator's upload into {@code inbox/<source>/}: the name is sanitised (no folders, no control or shell
 * characters, no leading dot that the inbox would skip), the size is checked, and the file appears in the inbox only
 * once it is whole — written under a hidden name, then renamed — so the inbox route picks it up like any dropped file.
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class InboxUpload {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxUpload.class);

    static final int MAX_NAME = 120;

    private final SourceCatalog sources;
    private final LujingProperties properties;
    private final AuditLog audit;
    private final ReaderPaths paths;

    InboxUpload(SourceCatalog sources, LujingProperties properties, AuditLog audit, ReaderPaths paths) {
        this.paths = paths;
        this.sources = sources;
        this.properties = properties;
        this.audit = audit;
    }

    /** Thrown when an upload cannot be taken; the message says why and what to do. */
    static class UploadRefusedException extends RuntimeException {
        UploadRefusedException(String message) {
            super(message);
        }
    }

    /**
     * The request itself is malformed (a control character in the file's name): 400 in the API, as the container's
     * own refusal of a NUL, not 422 — whichever layer finds it.
     */
    static class UploadNameRefusedException extends UploadRefusedException {
        UploadNameRefusedException(String message) {
            super(message);
        }
    }

    /** Stores the upload in the source's inbox and returns where it went. */
    Path store(String sourceId, String originalName, long size, InputStream content, String actor) {
        ReportLanguage lang = lang();
        SourceDefinition source = sources.find(sourceId)
                .orElseThrow(() -> new UploadRefusedException(
                        lang.pick("没有名为 " + sourceId + " 的来源", "there is no source '" + sourceId + "'")));
        String name = sanitise(originalName);
        String extension = extension(name);
        if (!source.accepts(extension)) {
            throw new UploadRefusedException(Masking.value(name)
                    + lang.pick(
                            "：" + source.agency() + "（" + sourceId + "）只接受 " + String.join("、", source.formats())
                                    + " 文件，不接受 " + extension,
                            ": source '" + sourceId + "' takes " + String.join(", ", source.formats()) + ", not '"
                                    + extension + "'"));
        }
        if (size <= 0) {
            throw new UploadRefusedException(Masking.value(name) + lang.pick(" 是空文件", " is empty"));
        }
        if (size > properties.ingest().maxFileBytes()) {
            throw new UploadRefusedException(Masking.value(name)
                    + lang.pick(
                            " 有 " + size + " 字节，超过上限 " + properties.ingest().maxFileBytes()
                                    + " 字节（lujing.ingest.max-file-bytes），请按月拆分后上传",
                            " is " + size + " bytes; the limit is "
                                    + properties.ingest().maxFileBytes() + " (lujing.ingest.max-file-bytes)"));
        }
        Path dir = properties.inbox().resolve(source.id());
        try {
            Files.createDirectories(dir);
            Received received = receive(dir, content);
            try {
                if (received.bytes() > properties.ingest().maxFileBytes()) {
                    throw new UploadRefusedException(
                            Masking.value(name) + lang.pick(" 超过大小上限，请按月拆分后上传", " is over the size limit"));
                }
                Path target = freeName(dir, name);
                Files.move(received.partial(), target, StandardCopyOption.ATOMIC_MOVE);
                audit.record(
                        actor,
                        "UPLOAD",
                        "inbox/" + source.id() + "/" + target.getFileName(),
                        null,
                        received.bytes() + " bytes");
                return target;
            } finally {
                // refused, or the move failed: a partner's file never stays behind under its hidden name
                Files.deleteIfExists(received.partial());
            }
        } catch (IOException e) {
            // Java's message for a file-system failure is the server's path: the uploader reads the file's place in
            // the home, or why
            String why = e instanceof java.nio.file.AccessDeniedException
                    ? lang.pick("没有写入权限", "not allowed to write")
                    : paths.hide(
                            e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                                    ? fs.getReason()
                                    : String.valueOf(e.getMessage()));
            throw new UploadRefusedException(lang.pick(
                    Masking.value(name) + " 未能存入 inbox/" + source.id() + "/（" + why + "），请重新上传",
                    Masking.value(name) + " could not be stored in inbox/" + source.id() + "/ (" + why
                            + "): upload it again"));
        }
    }

    /** An upload written whole under its hidden name, and its size. */
    record Received(Path partial, long bytes) {}

    /** The hidden name's start: the inbox route skips it (a leading dot), the start-up sweep finds it. */
    static final String PARTIAL_PREFIX = ".upload-";

    /**
     * Copies the upload into {@code dir} under a hidden name; when the copy fails (the browser went away, the disk
     * is full) the part written so far is deleted: the inbox route never reads a hidden file, so nothing else would.
     */
    static Received receive(Path dir, InputStream content) throws IOException {
        Path partial = dir.resolve(PARTIAL_PREFIX + UUID.randomUUID() + ".part");
        try (InputStream in = content) {
            return new Received(partial, Files.copy(in, partial));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /**
     * Uploads a killed server left half-written: deleted when {@code serve} starts, if untouched for {@code idle}
     * (another node sharing the inbox may be writing one right now). Returns how many went.
     */
    static int sweepAbandoned(Path inbox, java.time.Duration idle) {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        java.time.Instant before = java.time.Instant.now().minus(idle);
        int deleted = 0;
        try (var sources = Files.newDirectoryStream(inbox, Files::isDirectory)) {
            for (Path source : sources) {
                try (var parts = Files.newDirectoryStream(source, PARTIAL_PREFIX + "*.part")) {
                    for (Path part : parts) {
                        if (Files.getLastModifiedTime(part).toInstant().isBefore(before)
                                && Files.deleteIfExists(part)) {
                            deleted++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("未能清理收件箱中未写完的上传 ‖ could not sweep half-written uploads: {}", e.toString());
        }
        return deleted;
    }

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sweepAtStart() {
        int deleted = sweepAbandoned(properties.inbox(), java.time.Duration.ofHours(1));
        if (deleted > 0) {
            log.info(
                    "已删除 {} 个中断后留下的未写完上传 ‖ deleted {} half-written upload(s) left by an interruption",
                    deleted,
                    deleted);
        }
    }

    /** The language of the request being answered (the console's cookie, Chinese by default). */
    private static ReportLanguage lang() {
        return ReportLanguage.of(LocaleContextHolder.getLocale());
    }

    /**
     * The last segment of whatever path the browser sent, in NFC, with anything but letters, digits, spaces, dots,
     * dashes, underscores and brackets replaced by '_', no leading dots or tildes, at most 120 characters (the
     * extension kept).
     */
    static String sanitise(String original) {
        String name = original == null ? "" : original;
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // a NUL or another control character is never part of a real file name: refuse, say why, echo nothing
            throw new UploadNameRefusedException(MultipartGuard.message(MultipartGuard.Refusal.CONTROL, 0, lang()));
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        name = name.replaceAll("[^\\p{L}\\p{N} ._()（）\\-]", "_")
                .replaceAll("\\s+", " ")
                .strip();
        name = name.replaceFirst("^[.~ ]+", "");
        // a partner may name a file after a person: the inbox copy, the echo and the audit entry carry the mask only
        name = Masking.value(name);
        if (name.length() > MAX_NAME) {
            String ext = extension(name);
            name = name.substring(0, MAX_NAME - ext.length() - 1) + "." + ext;
        }
        if (name.isEmpty() || extension(name).isEmpty()) {
            throw new UploadRefusedException(lang().pick(
                            "文件名须带扩展名（.xlsx、.xls、.csv 或 .json）",
                            "the file needs a name with an extension (.xlsx, .xls, .csv or .json)"));
        }
        return name;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1
                ? ""
                : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path freeName(Path dir, String name) {
        Path candidate = dir.resolve(name);
        String ext = extension(name);
        String stem = name.substring(0, name.length() - ext.length() - 1);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = dir.resolve(stem + " (" + i + ")." + ext);
        }
        return candidate;
    }
}
