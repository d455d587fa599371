package org.lujing.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lujing.ledger.Bilingual;
import org.lujing.read.FileOutcome;
import org.lujing.read.ReadingNote;
import org.lujing.read.UnreadableFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Ends the staging of a file: a file found unreadable anywhere, or with no table in it, is refused whole — its
 * staged rows are thrown away, nothing reached the ledger, and its claim is released — otherwise the sheets read
 * are recorded and publication follows.
 */
class StagingOutcomeListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StagingOutcomeListener.class);

    private final SourceRowItemReader reader;
    private final FileRegistry files;
    private final long fileId;
    private final String name;
    private final Path stagingFile;
    private final ReadingNotes notes;

    StagingOutcomeListener(SourceRowItemReader reader, FileRegistry files, long fileId, String name, Path stagingFile) {
        this(reader, files, fileId, name, stagingFile, new ReadingNotes());
    }

    StagingOutcomeListener(
            SourceRowItemReader reader,
            FileRegistry files,
            long fileId,
            String name,
            Path stagingFile,
            ReadingNotes notes) {
        this.notes = notes;
        this.reader = reader;
        this.files = files;
        this.fileId = fileId;
        this.name = name;
        this.stagingFile = stagingFile;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            return null;
        }
        UnreadableFileException failure = reader.failure();
        if (failure != null) {
            return refuse(failure.outcome(), failure.getMessage());
        }
        // the reader's notes (sheets passed over, merged cells) come first, then the normaliser's, sheet by sheet
        List<ReadingNote> all = new ArrayList<>(reader.notes());
        all.addAll(notes.notes());
        files.replaceNotes(fileId, all);
        files.saveSheetHeaders(fileId, reader.headers());
        if (reader.sheetsRead() == 0) {
            // each sheet's own reason when the reader gave one (a header without a category column is not "no
            // header"); the general sentence only when it gave none
            boolean reasons = all.stream().anyMatch(n -> ReadingNote.SHEET_PASSED_OVER.equals(n.kind()));
            StringBuilder zh = new StringBuilder(name + (reasons ? "：没有一张表可以读取：" : "：没有哪张表在前 20 行内有写明必填字段的表头行"));
            StringBuilder en = new StringBuilder(name
                    + (reasons
                            ? ": no sheet could be read:"
                            : ": no sheet has a header row naming the required fields within its first 20" + " rows"));
            for (ReadingNote n : all) {
                if (ReadingNote.SHEET_PASSED_OVER.equals(n.kind()) && zh.length() + en.length() < 2_000) {
                    zh.append("\n").append(n.zh());
                    en.append("\n").append(n.en());
                }
            }
            // stored in both languages: the file page, the quality workbook and the CLI show the reader's half
            return refuse(FileOutcome.NO_TABLE_FOUND, zh + Bilingual.SEPARATOR + en);
        }
        files.setSheets(fileId, reader.sheetsRead());
        log.info("{}: {} rows staged from {} sheet(s)", name, stepExecution.getWriteCount(), reader.sheetsRead());
        return null;
    }

    private ExitStatus refuse(FileOutcome outcome, String message) {
        files.finish(fileId, outcome, message, null);
        StagingFileWriter.delete(stagingFile);
        log.warn("{} refused whole: {}", name, outcome);
        return FileInspectionTasklet.QUARANTINE;
    }
}
