package org.lujing.ingest;

import java.nio.file.Path;
import org.lujing.LujingProperties;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityMatcher;
import org.lujing.ledger.LedgerRepository;
import org.lujing.read.SourceRow;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: inspect the file (hash, duplicate, readable end to end) → load its rows in chunks (restartable)
 * → complete (rematch after a roster, record the outcome). A refused or duplicate file ends after inspection.
 */
@Configuration(proxyBeanMethods = false)
class FileIngestJobConfiguration {

    static final String JOB_NAME = "fileIngestJob";

    @Bean
    Job fileIngestJob(JobRepository jobRepository, Step inspectFileStep, Step loadRowsStep, Step completeFileStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(inspectFileStep)
                .on(FileInspectionTasklet.QUARANTINE.getExitCode())
                .end()
                .from(inspectFileStep)
                .on(FileInspectionTasklet.DUPLICATE.getExitCode())
                .end()
                // a failed inspection (the file vanished, the disk failed) must stop here: "*" alone would go on to
                // load rows from a file nobody registered, and the restart would then find no file id
                .from(inspectFileStep)
                .on(org.springframework.batch.core.ExitStatus.FAILED.getExitCode())
                .fail()
                .from(inspectFileStep)
                .on("*")
                .to(loadRowsStep)
                .next(completeFileStep)
                .end()
                .build();
    }

    @Bean
    Step inspectFileStep(
            JobRepository jobRepository, PlatformTransactionManager tx, FileInspectionTasklet fileInspectionTasklet) {
        return new StepBuilder("inspectFileStep", jobRepository)
                .tasklet(fileInspectionTasklet, tx)
                .build();
    }

    @Bean
    Step loadRowsStep(
            JobRepository jobRepository,
            PlatformTransactionManager tx,
            LujingProperties properties,
            SourceRowItemReader sourceRowReader,
            RowNormaliser rowNormaliser,
            LedgerRowWriter ledgerRowWriter) {
        return new StepBuilder("loadRowsStep", jobRepository)
                .<SourceRow, RowResult>chunk(properties.ingest().chunkSize())
                .transactionManager(tx)
                .reader(sourceRowReader)
                .processor(rowNormaliser)
                .writer(ledgerRowWriter)
                .build();
    }

    @Bean
    Step completeFileStep(
            JobRepository jobRepository, PlatformTransactionManager tx, FileCompletionTasklet fileCompletionTasklet) {
        return new StepBuilder("completeFileStep", jobRepository)
                .tasklet(fileCompletionTasklet, tx)
                .build();
    }

    @Bean
    @StepScope
    FileInspectionTasklet fileInspectionTasklet(
            FileRegistry files,
            SourceCatalog sources,
            LujingProperties properties,
            @Value("#{jobParameters['file']}") String file,
            @Value("#{jobParameters['source']}") String source,
            @Value("#{jobParameters['name']}") String name) {
        return new FileInspectionTasklet(
                files,
                sources.get(source),
                Path.of(file),
                name,
                properties.ingest().maxFileBytes());
    }

    @Bean
    @StepScope
    SourceRowItemReader sourceRowReader(
            SourceCatalog sources,
            @Value("#{jobParameters['file']}") String file,
            @Value("#{jobParameters['source']}") String source) {
        return new SourceRowItemReader(Path.of(file), IngestSettings.readSettings(sources.get(source)));
    }

    @Bean
    @StepScope
    RowNormaliser rowNormaliser(
            SourceCatalog sources,
            AgencyDirectory agencies,
            IdentityCipher cipher,
            @Value("#{jobParameters['source']}") String source) {
        return new RowNormaliser(sources.get(source), agencies, cipher);
    }

    @Bean
    @StepScope
    LedgerRowWriter ledgerRowWriter(
            LedgerRepository ledger,
            FileRegistry files,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            @Value("#{jobParameters['source']}") String source) {
        return new LedgerRowWriter(ledger, files, fileId, source);
    }

    @Bean
    @StepScope
    FileCompletionTasklet fileCompletionTasklet(
            FileRegistry files,
            IdentityMatcher matcher,
            SourceCatalog sources,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            @Value("#{jobParameters['source']}") String source) {
        return new FileCompletionTasklet(files, matcher, sources.get(source), fileId);
    }
}
