package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Optional;
import org.lujing.files.PrivateFiles;
import org.lujing.home.LujingProperties;
import org.lujing.ledger.Bilingual;
import org.lujing.read.FileOutcome;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where partners' files are kept as evidence: every file received is copied, as received, into
 * {@code archive/<source>/<date>/} before its job starts (the job reads that copy); a refused file's copy moves to
 * {@code quarantine/<source>/} with an error report beside it, recorded so that the console serves only reports Lujing
 * wrote. Nothing here is ever overwritten: a name already taken gets a {@code -1}, {@code -2}… suffix. Folders are
 * created private (0700).
 */
@Component
class EvidenceFolders {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFolders.class);

    private final FileRegistry files;
    private final LujingProperties properties;

    private final SourceCatalog sources;

    EvidenceFolders(FileRegistry files, LujingProperties properties, SourceCatalog sources) {
        this.files = files;
        this.properties = properties;
        this.sources = sources;
    }

    /** Copies a received file into today's archive folder of its source (Shanghai's date); returns the copy. */
    Path archive(Path original, String sourceId, String name) {
        return copyTo(
                original,
                properties
                        .archive()
                        .resolve(sourceId)
                        .resolve(LocalDate.now(FileIngestService.SHANGHAI).toString()),
                name);
    }

    /** Moves a refused file's archive copy to quarantine/ with its error report; returns where the file now lies. */
    Path quarantineIfRefused(Optional<IngestedFile> file, Path archived) {
        if (file.isEmpty() || !FileOutcome.valueOf(file.get().outcome()).quarantined()) {
            return archived;
        }
        IngestedFile f = file.get();
        Path moved = quarantine(archived, properties.quarantine().resolve(f.sourceId()), f);
        files.updateStoredPath(f.id(), moved.toString());
        return moved;
    }

    private Path quarantine(Path archived, Path dir, IngestedFile f) {
        FileOutcome outcome = FileOutcome.valueOf(f.outcome());
        ErrorReport.Advice advice = ErrorReport.advice(outcome, f.message());
        Path moved = move(archived, dir);
        Path report = ErrorReport.write(
                moved,
                f.sourceId(),
                sources.find(f.sourceId()).map(SourceDefinition::agency).orElse(null),
                f.fileName(),
                outcome.name(),
                advice.zhProblem(),
                f.message(),
                advice.zhFix(),
                advice.enFix());
        recordReport(f.id(), f.sourceId(), f.fileName(), outcome.name(), moved, report);
        log.warn("{} ({}) quarantined as {}: {}", f.fileName(), f.sourceId(), outcome, moved);
        return moved;
    }

    /** Copies a file of no configured source into quarantine/ with its error report; returns where it lies. */
    Path quarantineUnknownSource(
            Path original,
            String sourceId,
            String name,
            String outcome,
            String zhProblem,
            String enProblem,
            String zhFix,
            String enFix) {
        Path copied = copyTo(original, properties.quarantine().resolve(safe(sourceId)), name);
        Path report = ErrorReport.write(
                copied,
                sourceId,
                null,
                name,
                outcome,
                zhProblem,
                // the detail in both languages: each half of the report shows its own
                zhProblem + Bilingual.SEPARATOR + enProblem,
                zhFix,
                enFix);
        recordReport(null, sourceId, name, outcome, copied, report);
        return copied;
    }

    /** The console serves an error report only from this record, and only while it holds what was written. */
    private void recordReport(Long fileId, String sourceId, String name, String outcome, Path stored, Path report) {
        try {
            files.recordErrorReport(
                    fileId,
                    sourceId,
                    name,
                    outcome,
                    stored.toAbsolutePath().toString(),
                    report.toAbsolutePath().toString(),
                    FileInspectionTasklet.sha256(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the error report " + report.getFileName(), e);
        }
    }

    /** Copies a file into a folder under a name not yet taken there; evidence is never overwritten. */
    private static Path copyTo(Path original, Path dir, String name) {
        try {
            PrivateFiles.createPrivateDirectories(dir);
            while (true) {
                Path target = freeName(dir, name);
                try {
                    Files.copy(original, target, StandardCopyOption.COPY_ATTRIBUTES);
                    // the partner's file kept its own mode (0644): evidence of names and ID numbers is 0600
                    org.lujing.home.PrivateFolders.restrictFile(target);
                    return target;
                } catch (java.nio.file.FileAlreadyExistsException takenMeanwhile) {
                    // another node copied a file of the same name into the shared archive at the same moment
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + original.getFileName() + " into " + dir, e);
        }
    }

    private static Path move(Path file, Path dir) {
        try {
            PrivateFiles.createPrivateDirectories(dir);
            return Files.move(file, freeName(dir, file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file.getFileName() + " into " + dir, e);
        }
    }

    /** The longest file name (in bytes) the file systems Lujing runs on take: ext4, XFS, APFS, NTFS (in UTF-16). */
    static final int NAME_BYTES = 255;

    /**
     * {@code name} cut short, at the end of its stem (the extension kept), so that it and {@code reserve} more bytes
     * fit in a file name: a name at the limit could be received, but its error report ({@code .error.txt}) or a
     * second copy's {@code -1} could not be written beside it — and the inbox took the file again and again.
     */
    static String fitted(String name, int reserve) {
        int limit = NAME_BYTES - reserve;
        if (utf8(name) <= limit) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && utf8(name.substring(dot)) <= 16 ? name.substring(dot) : "";
        String stem = ext.isEmpty() ? name : name.substring(0, dot);
        while (!stem.isEmpty() && utf8(stem) + utf8(ext) > limit) {
            stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
        }
        return stem + ext;
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static Path freeName(Path dir, String wanted) {
        // room for the error report's ".error.txt" and a "-99999" that keeps evidence from being overwritten
        String name = fitted(wanted, ".error.txt".length() + 6);
        Path target = dir.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolve(stem + "-" + i + ext);
        }
        return target;
    }

    private static String safe(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }
}
