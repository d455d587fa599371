package org.lujing.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    static final int MAX_NAME = 120;

    private final SourceCatalog sources;
    private final LujingProperties properties;
    private final AuditLog audit;

    InboxUpload(SourceCatalog sources, LujingProperties properties, AuditLog audit) {
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
                            "：来源 " + sourceId + " 只接受 " + String.join("、", source.formats()) + " 文件，不接受 " + extension,
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
            Path partial = dir.resolve(".upload-" + UUID.randomUUID() + ".part");
            long written;
            try (InputStream in = content) {
                written = Files.copy(in, partial);
            }
            if (written > properties.ingest().maxFileBytes()) {
                Files.delete(partial);
                throw new UploadRefusedException(
                        Masking.value(name) + lang.pick(" 超过大小上限，请按月拆分后上传", " is over the size limit"));
            }
            Path target = freeName(dir, name);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            audit.record(
                    actor, "UPLOAD", "inbox/" + source.id() + "/" + target.getFileName(), null, written + " bytes");
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload in " + dir, e);
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
            throw new UploadRefusedException(
                    lang().pick(
                                    "文件名含有控制字符（如 NUL），请改名后重新上传",
                                    "the file name holds a control character (such as NUL): rename the file and upload it again"));
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
