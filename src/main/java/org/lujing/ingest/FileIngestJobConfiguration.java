package org.lujing.ingest;

import java.nio.file.Path;
import org.lujing.home.LujingProperties;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityMatcher;
import org.lujing.read.SourceRow;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceCatalog;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: inspect (register the file, claim its SHA-256) → stage its rows (read once, normalised, appended
 * to a staging file; restartable by chunk) → publish them into the ledger with set-based SQL, a slice per
 * transaction (restartable by slice) → complete (rematch pending records, check the accounting, record the
 * outcome). A duplicate or refused file ends after inspection; a file found unreadable while staging ends there,
 * with nothing of it in the ledger.
 */
@Configuration(proxyBeanMethods = false)
class FileIngestJobConfiguration {

    static final String JOB_NAME = "fileIngestJob";

    @Bean
    Job fileIngestJob(
            JobRepository jobRepository,
            Step inspectFileStep,
            Step stageRowsStep,
            Step publishRowsStep,
            Step completeFileStep,
            ApplicationEventPublisher events) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        announceResumed(execution, jobRepository, events);
                    }
                })
                .start(inspectFileStep)
                .on(FileInspectionTasklet.QUARANTINE.getExitCode())
                .end()
                .from(inspectFileStep)
                .on(FileInspectionTasklet.DUPLICATE.getExitCode())
                .end()
                // a failed inspection (the file vanished, the disk failed) must stop here: "*" alone would go on to
                // stage rows from a file nobody registered, and the restart would then find no file id
                .from(inspectFileStep)
                .on(ExitStatus.FAILED.getExitCode())
                .fail()
                .from(inspectFileStep)
                .on("*")
                .to(stageRowsStep)
                .on(FileInspectionTasklet.QUARANTINE.getExitCode())
                .end()
                .from(stageRowsStep)
                .on(ExitStatus.FAILED.getExitCode())
                .fail()
                .from(stageRowsStep)
                .on("*")
                .to(publishRowsStep)
                .next(completeFileStep)
                .end()
                .build();
    }

    /** A run that completed a file its instance's earlier runs left unfinished: {@link ResumedIngestFinished}. */
    static void announceResumed(JobExecution execution, JobRepository jobRepository, ApplicationEventPublisher events) {
        if (execution.getStatus() != BatchStatus.COMPLETED
                || !execution.getExecutionContext().containsKey("fileId")
                || jobRepository.getJobExecutions(execution.getJobInstance()).size() < 2) {
            return;
        }
        try {
            events.publishEvent(
                    new ResumedIngestFinished(execution.getExecutionContext().getLong("fileId"), execution.getId()));
        } catch (RuntimeException e) {
            // the file is in, whatever a listener made of the news: the run stays COMPLETED
            LoggerFactory.getLogger(FileIngestJobConfiguration.class)
                    .warn(
                            "file #{}: after its resumed ingest: {}",
                            execution.getExecutionContext().get("fileId"),
                            e.toString());
        }
    }

    @Bean
    Step inspectFileStep(
            JobRepository jobRepository, PlatformTransactionManager tx, FileInspectionTasklet fileInspectionTasklet) {
        return new StepBuilder("inspectFileStep", jobRepository)
                .tasklet(fileInspectionTasklet, tx)
                .build();
    }

    @Bean
    Step stageRowsStep(
            JobRepository jobRepository,
            PlatformTransactionManager tx,
            LujingProperties properties,
            SourceRowItemReader sourceRowReader,
            RowNormaliser rowNormaliser,
            StagingFileWriter stagingFileWriter,
            StagingOutcomeListener stagingOutcomeListener,
            ReadingNotes readingNotes) {
        return new StepBuilder("stageRowsStep", jobRepository)
                        .<SourceRow, RowResult>chunk(properties.ingest().chunkSize())
                        .transactionManager(tx)
                        .reader(sourceRowReader)
                        .processor(rowNormaliser)
                        .writer(stagingFileWriter)
                        .stream(readingNotes)
                        .listener(stagingOutcomeListener)
                        .build();
    }

    @Bean
    Step publishRowsStep(
            JobRepository jobRepository, PlatformTransactionManager tx, StagedRowsPublisher stagedRowsPublisher) {
        return new StepBuilder("publishRowsStep", jobRepository)
                .tasklet(stagedRowsPublisher, tx)
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
                properties.ingest().maxFileBytes(),
                id -> sources.find(id)
                        .map(org.lujing.source.SourceDefinition::agency)
                        .orElse(id));
    }

    @Bean
    @StepScope
    SourceRowItemReader sourceRowReader(
            SourceCatalog sources,
            @Value("#{jobParameters['file']}") String file,
            @Value("#{jobParameters['source']}") String source,
            @Value("#{jobParameters['name']}") String name) {
        return new SourceRowItemReader(Path.of(file), name, IngestSettings.readSettings(sources.get(source)));
    }

    @Bean
    @StepScope
    RowNormaliser rowNormaliser(
            SourceCatalog sources,
            AgencyDirectory agencies,
            IdentityCipher cipher,
            @Value("#{jobParameters['source']}") String source,
            ReadingNotes readingNotes,
            org.lujing.identity.IdentityMatchProperties matching) {
        return new RowNormaliser(sources.get(source), agencies, cipher, readingNotes, matching.keepDamagedIds());
    }

    /** The rows' reading decisions, counted by the normaliser and kept with each chunk's commit. */
    @Bean
    @StepScope
    ReadingNotes readingNotes() {
        return new ReadingNotes();
    }

    @Bean
    @StepScope
    StagingFileWriter stagingFileWriter(
            LujingProperties properties,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            ReadingNotes readingNotes) {
        return new StagingFileWriter(StagingFile.path(properties.data(), fileId), readingNotes);
    }

    @Bean
    @StepScope
    StagingOutcomeListener stagingOutcomeListener(
            SourceRowItemReader sourceRowReader,
            FileRegistry files,
            LujingProperties properties,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            @Value("#{jobParameters['name']}") String name,
            ReadingNotes readingNotes) {
        return new StagingOutcomeListener(
                sourceRowReader, files, fileId, name, StagingFile.path(properties.data(), fileId), readingNotes);
    }

    @Bean
    @StepScope
    StagedRowsPublisher stagedRowsPublisher(
            SlicePublishers publishers,
            LujingProperties properties,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            @Value("#{jobParameters['source']}") String source) {
        return publishers.fromStagingFile(
                fileId,
                source,
                StagingFile.path(properties.data(), fileId),
                properties.ingest().publishSliceRows(),
                properties.ingest().publishSliceBytes());
    }

    @Bean
    @StepScope
    FileCompletionTasklet fileCompletionTasklet(
            FileRegistry files,
            IdentityMatcher matcher,
            SourceCatalog sources,
            LujingProperties properties,
            PlatformTransactionManager tx,
            @Value("#{jobExecutionContext['fileId']}") Long fileId,
            @Value("#{jobParameters['source']}") String source) {
        return new FileCompletionTasklet(
                files, matcher, sources.get(source), fileId, StagingFile.path(properties.data(), fileId), tx);
    }
}
