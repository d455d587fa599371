package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.home.LujingProperties;
import org.lujing.identity.KeyRotationService;
import org.lujing.source.SourceCatalog;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A dead node's run is marked FAILED by two hands on a surviving node at once — its heartbeat recovery
 * ({@code CrashRecovery}, on the takeover thread) and the file's takeover (the inbox route, or the same thread's
 * resume) — or by another node. Whichever comes second finds the run's version moved and Spring Batch refuses its
 * update; the file must still be finished, not reported failed and left for a later round. And a file that cannot be
 * resumed at all must not keep the files after it waiting.
 */
class ConcurrentRecoveryTests {

    @TempDir
    Path home;

    private final JobOperator operator = mock(JobOperator.class);
    private final JobRepository repository = mock(JobRepository.class);
    private final FileRegistry files = mock(FileRegistry.class);
    private final EvidenceFolders evidence = mock(EvidenceFolders.class);
    private FileIngestService service;

    @BeforeEach
    void service() {
        when(evidence.quarantineIfRefused(any(), any())).thenReturn(home);
        service = new FileIngestService(
                operator,
                repository,
                mock(Job.class),
                files,
                mock(SourceCatalog.class),
                new LujingProperties(home, home.resolve("jobs"), home.resolve("routes"), null, null),
                mock(KeyRotationService.class),
                evidence);
    }

    @Test
    void aRunRecoveredMeanwhileIsStillResumedUnderItsOwnEntry() throws Exception {
        IngestedFile file = unfinished(7, 41L);
        JobInstance instance = mock(JobInstance.class);
        // as read before the takeover: still running on the dead node; as read after: marked FAILED by the other hand
        JobExecution running = execution(41, instance, BatchStatus.STARTED);
        JobExecution failed = execution(41, instance, BatchStatus.FAILED);
        when(files.unfinishedClaims()).thenReturn(List.of(file));
        when(files.takeOver(file.sha256(), false)).thenReturn(true);
        when(repository.getJobExecution(41L)).thenReturn(running);
        when(repository.getLastJobExecution(instance)).thenReturn(running, failed);
        when(operator.recover(running))
                .thenThrow(new OptimisticLockingFailureException(
                        "Attempt to update job execution id=41 with wrong version (1), where current version is 2"));
        JobExecution finished = execution(42, instance, BatchStatus.COMPLETED);
        when(operator.restart(failed)).thenReturn(finished);

        List<FileIngestService.Result> results = service.resumeUnfinished();

        verify(operator).restart(failed);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.jobExecutionId()).isEqualTo(42);
            assertThat(r.jobStatus()).isEqualTo(BatchStatus.COMPLETED);
        });
    }

    @Test
    void aFileThatCannotBeResumedDoesNotHoldUpTheFilesAfterIt() throws Exception {
        IngestedFile broken = unfinished(7, 41L);
        IngestedFile next = unfinished(8, 51L);
        JobInstance brokenInstance = mock(JobInstance.class);
        JobInstance nextInstance = mock(JobInstance.class);
        JobExecution brokenRun = execution(41, brokenInstance, BatchStatus.FAILED);
        JobExecution nextRun = execution(51, nextInstance, BatchStatus.FAILED);
        when(files.unfinishedClaims()).thenReturn(List.of(broken, next));
        when(files.takeOver(any(), anyBoolean())).thenReturn(true);
        when(repository.getJobExecution(41L)).thenReturn(brokenRun);
        when(repository.getJobExecution(51L)).thenReturn(nextRun);
        when(repository.getLastJobExecution(brokenInstance)).thenReturn(brokenRun);
        when(repository.getLastJobExecution(nextInstance)).thenReturn(nextRun);
        // the first file's run cannot be restarted (its job's definition changed incompatibly, say)
        when(operator.restart(brokenRun)).thenThrow(new IllegalStateException("job definition changed"));
        JobExecution nextFinished = execution(52, nextInstance, BatchStatus.COMPLETED);
        when(operator.restart(nextRun)).thenReturn(nextFinished);

        List<FileIngestService.Result> results = service.resumeUnfinished();

        // the second file is finished in the same round
        verify(operator).restart(nextRun);
        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.jobExecutionId()).isEqualTo(52));
    }

    private IngestedFile unfinished(long id, long executionId) {
        IngestedFile f = new IngestedFile(
                id,
                "community",
                id + ".csv",
                home.resolve("archive/" + id + ".csv").toString(),
                Long.toString(id).repeat(64),
                10,
                "CSV",
                Timestamp.from(Instant.now()),
                null,
                "IN_PROGRESS",
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                executionId,
                null);
        when(files.find(id)).thenReturn(Optional.of(f));
        return f;
    }

    private static JobExecution execution(long id, JobInstance instance, BatchStatus status) {
        JobExecution e = mock(JobExecution.class);
        when(e.getId()).thenReturn(id);
        when(e.getJobInstance()).thenReturn(instance);
        when(e.getStatus()).thenReturn(status);
        when(e.isRunning()).thenReturn(status.isRunning());
        return e;
    }
}
