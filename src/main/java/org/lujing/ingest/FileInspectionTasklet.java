package org.lujing.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.lujing.ledger.Bilingual;
import org.lujing.read.FileOutcome;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.RowEstimate;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of an ingest: registers the file and claims its SHA-256 before a row is staged. Content already
 * claimed — loaded, or being loaded by another run — makes this file a DUPLICATE_FILE, so no content is ever
 * loaded twice; a file over the size limit is refused without being read.
 */
class FileInspectionTasklet implements Tasklet {

    static final String FILE_ID = "fileId";
    static final ExitStatus QUARANTINE = new ExitStatus("QUARANTINE");
    static final ExitStatus DUPLICATE = new ExitStatus("DUPLICATE");
    private static final Logger log = LoggerFactory.getLogger(FileInspectionTasklet.class);

    private final FileRegistry files;
    private final SourceDefinition source;
    private final Path file;
    /** The formats a source's {@code formats:} may name; anything else is refused by the readers, in their words. */
    private static final java.util.Set<String> READABLE = java.util.Set.of("csv", "xlsx", "xls", "json");

    private final String originalName;
    private final long maxBytes;

    /** A source's agency by its id (the id itself for one no longer configured), for a duplicate of another's file. */
    private final java.util.function.UnaryOperator<String> agencyOf;

    FileInspectionTasklet(
            FileRegistry files,
            SourceDefinition source,
            Path file,
            String originalName,
            long maxBytes,
            java.util.function.UnaryOperator<String> agencyOf) {
        this.agencyOf = agencyOf;
        this.files = files;
        this.source = source;
        this.file = file;
        this.originalName = originalName;
        this.maxBytes = maxBytes;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        long size = Files.size(file);
        String format = PartnerFileReaders.format(file);
        long[] lines = {0, 0};
        String sha256 = sha256(file, "csv".equals(format) ? lines : null);
        long fileId = files.register(source.id(), originalName, file.toString(), sha256, size, format, jobExecutionId);
        if ("csv".equals(format)) {
            // the header line is no row; a last line without a line break is one
            files.expectRows(fileId, Math.max(0, lines[0] + (lines[1] == '\n' ? 0 : 1) - 1));
        } else if ("xlsx".equals(format) || "xlsm".equals(format)) {
            // what the sheets' dimensions say they span, header rows included: "about", like a CSV's lines
            RowEstimate.xlsx(file).ifPresent(rows -> files.expectRows(fileId, Math.max(0, rows - 1)));
        }
        chunkContext
                .getStepContext()
                .getStepExecution()
                .getJobExecution()
                .getExecutionContext()
                .putLong(FILE_ID, fileId);

        if (size > maxBytes) {
            return refuse(
                    contribution,
                    fileId,
                    FileOutcome.FILE_TOO_LARGE,
                    originalName + " 有 " + size + " 字节，超过设定的上限 " + maxBytes + " 字节（lujing.ingest.max-file-bytes），请按月拆分"
                            + Bilingual.SEPARATOR + originalName + " is " + size
                            + " bytes, more than the configured maximum of " + maxBytes
                            + " (lujing.ingest.max-file-bytes); split it by month");
        }
        Optional<Long> holder = files.claim(sha256, fileId);
        if (holder.isPresent()) {
            long earlier = holder.get();
            Optional<IngestedFile> first = files.find(earlier);
            boolean loaded = first.map(f -> !FileOutcome.IN_PROGRESS.name().equals(f.outcome()))
                    .orElse(true);
            // the same content sent as another partner's: the earlier file's rows are counted as that partner's,
            // which the worker must see here (a file ingested under the wrong --source is found this way)
            String otherSource = first.map(IngestedFile::sourceId)
                    .filter(id -> !id.equals(source.id()))
                    .orElse(null);
            String elsewhereZh = otherSource == null
                    ? ""
                    : "；注意：文件 #" + earlier + " 是作为「" + agencyOf.apply(otherSource) + "」（" + otherSource + "）的文件导入的，不是「"
                            + source.agency() + "」（" + source.id() + "）";
            String elsewhereEn = otherSource == null
                    ? ""
                    : "; note: file #" + earlier + " was ingested as " + otherSource + "'s, not " + source.id() + "'s";
            files.finish(
                    fileId,
                    FileOutcome.DUPLICATE_FILE,
                    loaded
                            ? "与文件 #" + earlier + " 内容相同（SHA-256 " + sha256 + "），未重复计入" + elsewhereZh
                                    + Bilingual.SEPARATOR + "same content as file #" + earlier + " (SHA-256 "
                                    + sha256 + "); nothing counted again" + elsewhereEn
                            : "与文件 #" + earlier + " 内容相同（SHA-256 " + sha256 + "），该文件正在入库或曾被中断；它会在自己的条目下完成，不会入库两次"
                                    + Bilingual.SEPARATOR + "same content as file #" + earlier + " (SHA-256 "
                                    + sha256 + "), which is being loaded or was interrupted; it is finished under its"
                                    + " own entry, never twice",
                    earlier);
            contribution.setExitStatus(DUPLICATE);
            log.info("{} ({}) is a duplicate of file #{}", originalName, source.id(), earlier);
            return RepeatStatus.FINISHED;
        }
        // after the duplicate test, which says whose file the same content was counted as; the claim goes with it
        if (READABLE.contains(format) && !source.accepts(format)) {
            // a file in another source's folder would be counted as this partner's: its records credited to this
            // agency in the statistics, until an admin withdrew it
            String formats = String.join("、", source.formats());
            return refuse(
                    contribution,
                    fileId,
                    FileOutcome.FILE_UNSUPPORTED,
                    originalName + " 是 " + format + " 文件，而「" + source.agency() + "」（" + source.id() + "）约定只发送 "
                            + formats
                            + " 文件：是否放错了文件夹？请把它放进所属来源的文件夹；若该来源确实改用此格式，请在 jobs/sources/" + source.id()
                            + ".yaml 的 formats 中加入 " + format + Bilingual.SEPARATOR + originalName + " is a " + format
                            + " file, but source '" + source.id() + "' sends only "
                            + String.join(", ", source.formats())
                            + ": was it dropped in the wrong folder? Put it in its own source's folder; if the source"
                            + " now sends this format, add " + format + " to formats in jobs/sources/" + source.id()
                            + ".yaml");
        }
        return RepeatStatus.FINISHED;
    }

    private RepeatStatus refuse(StepContribution contribution, long fileId, FileOutcome outcome, String message) {
        files.finish(fileId, outcome, message, null);
        contribution.setExitStatus(QUARANTINE);
        log.warn("{} ({}) refused whole: {}", originalName, source.id(), outcome);
        return RepeatStatus.FINISHED;
    }

    static String sha256(Path file) throws IOException {
        return sha256(file, null);
    }

    /**
     * The file's SHA-256; with {@code lines}, also counts its line breaks into {@code lines[0]} (and its last byte
     * into {@code lines[1]}) in the same pass: a CSV's rows are its lines, so its ingest can show a percentage while
     * it reads (a {@code \n} byte is a line break in UTF-8, GBK and GB18030 alike).
     */
    static String sha256(Path file, long[] lines) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(
                    lines == null
                            ? java.io.OutputStream.nullOutputStream()
                            : new java.io.OutputStream() {
                                @Override
                                public void write(int b) {
                                    lines[0] += b == '\n' ? 1 : 0;
                                    lines[1] = b;
                                }

                                @Override
                                public void write(byte[] bytes, int off, int len) {
                                    for (int i = off; i < off + len; i++) {
                                        lines[0] += bytes[i] == '\n' ? 1 : 0;
                                    }
                                    if (len > 0) {
                                        lines[1] = bytes[off + len - 1];
                                    }
                                }
                            });
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
