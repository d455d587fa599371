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
import org.lujing.ledger.FileOutcome;
import org.lujing.read.PartnerFileReaders;
import org.lujing.read.TableReader;
import org.lujing.read.UnreadableFileException;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of an ingest: registers the file with its SHA-256, recognises a file already loaded, and reads the
 * whole file once without writing anything, so that a file that cannot be read — anywhere in it — is refused
 * whole before a single row reaches the ledger.
 */
class FileInspectionTasklet implements Tasklet {

    static final String FILE_ID = "fileId";
    static final ExitStatus QUARANTINE = new ExitStatus("QUARANTINE");
    static final ExitStatus DUPLICATE = new ExitStatus("DUPLICATE");
    private static final Logger log = LoggerFactory.getLogger(FileInspectionTasklet.class);

    private final FileRegistry files;
    private final SourceDefinition source;
    private final Path file;
    private final String originalName;
    private final long maxBytes;

    FileInspectionTasklet(FileRegistry files, SourceDefinition source, Path file, String originalName, long maxBytes) {
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
        String sha256 = sha256(file);
        long fileId = files.register(
                source.id(),
                originalName,
                file.toString(),
                sha256,
                size,
                PartnerFileReaders.format(file),
                jobExecutionId);
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
                    originalName + " is " + size + " bytes, more than the configured maximum of " + maxBytes
                            + " (lujing.ingest.max-file-bytes); split it by month");
        }
        Optional<Long> earlier = files.findLoaded(sha256, fileId);
        if (earlier.isPresent()) {
            files.finish(
                    fileId,
                    FileOutcome.DUPLICATE_FILE,
                    "same content as file #" + earlier.get() + " (SHA-256 " + sha256 + "); nothing counted again",
                    earlier.get());
            contribution.setExitStatus(DUPLICATE);
            log.info("{} ({}) is a duplicate of file #{}", originalName, source.id(), earlier.get());
            return RepeatStatus.FINISHED;
        }
        try (TableReader reader = PartnerFileReaders.open(file, IngestSettings.readSettings(source))) {
            long rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            if (reader.sheetsRead() == 0) {
                return refuse(
                        contribution,
                        fileId,
                        FileOutcome.NO_TABLE_FOUND,
                        originalName
                                + ": no sheet has a header row naming the required fields within its first 20 rows");
            }
            files.setSheets(fileId, reader.sheetsRead());
            log.info("{} ({}): {} rows in {} sheet(s) to load", originalName, source.id(), rows, reader.sheetsRead());
        } catch (UnreadableFileException e) {
            return refuse(contribution, fileId, e.outcome(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return refuse(contribution, fileId, FileOutcome.FILE_CORRUPT, originalName + " cannot be read: " + e);
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
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
