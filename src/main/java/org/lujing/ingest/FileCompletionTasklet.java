package org.lujing.ingest;

import java.nio.file.Path;
import org.lujing.identity.IdentityMatcher;
import org.lujing.read.FileOutcome;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Last step of an ingest: matches pending records again (so arrival order never changes the result); checks the
 * file's accounting balances, records its outcome and removes its staging file.
 */
class FileCompletionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(FileCompletionTasklet.class);

    private final FileRegistry files;
    private final IdentityMatcher matcher;
    private final SourceDefinition source;
    private final long fileId;
    private final Path stagingFile;
    private final TransactionTemplate outsideTransaction;

    FileCompletionTasklet(
            FileRegistry files,
            IdentityMatcher matcher,
            SourceDefinition source,
            long fileId,
            Path stagingFile,
            PlatformTransactionManager transactions) {
        this.outsideTransaction = new TransactionTemplate(transactions);
        outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.files = files;
        this.matcher = matcher;
        this.source = source;
        this.fileId = fileId;
        this.stagingFile = stagingFile;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        log.info("file #{}: all rows published; matching pending records and closing the file", fileId);
        // after a roster, people may now be known; after any file, pair-keyed records may now match. Outside the
        // step's transaction (which has written nothing yet): rematch commits a chunk of persons at a time, and a
        // roster that ties a hundred thousand records must not hold them all in one transaction
        outsideTransaction.executeWithoutResult(t -> matcher.rematch());
        IngestedFile f = files.find(fileId).orElseThrow();
        if (!f.balances()) {
            throw new IllegalStateException(
                    "file #" + fileId + " does not balance: read " + f.rowsRead() + " != accepted " + f.accepted()
                            + " + merged " + f.merged() + " + rejected " + f.rejected() + " + skipped " + f.skipped());
        }
        FileOutcome outcome = f.rejected() > 0 ? FileOutcome.LOADED_WITH_REJECTS : FileOutcome.LOADED;
        files.finish(fileId, outcome, null, null);
        // published whole: the staging file's rows are all in the ledger now (a crash before this line redoes the
        // step, and the file is simply deleted then)
        StagingFileWriter.delete(stagingFile);
        log.info(
                "{} ({}): {} — read {}, accepted {}, merged {}, rejected {}, skipped {}",
                f.fileName(),
                source.id(),
                outcome,
                f.rowsRead(),
                f.accepted(),
                f.merged(),
                f.rejected(),
                f.skipped());
        return RepeatStatus.FINISHED;
    }
}
