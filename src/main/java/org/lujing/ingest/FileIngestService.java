package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lujing.home.LujingProperties;
import org.lujing.identity.KeyRotationService;
import org.lujing.normalise.Masking;
import org.lujing.read.FileOutcome;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Takes one partner file in: keeps it as received under {@code archive/<source>/<date>/}, runs the ingest job on
 * that copy through {@link JobOperator}, and moves a refused file to {@code quarantine/<source>/} with an error
 * report beside it. The inbox route and the {@code ingest} command both come here, so both run the same job.
 */
@Service
public class FileIngestService {

    /**
     * A file no source took (a folder no source is named after, or the inbox itself): quarantined whole with its
     * report, but no {@link org.lujing.read.FileOutcome}, since no source's reading began. Its words, for the report
     * and the console.
     */
    public static final String UNKNOWN_SOURCE = "UNKNOWN_SOURCE";

    public static final String UNKNOWN_SOURCE_ZH = "来源不明，已隔离";
    public static final String UNKNOWN_SOURCE_EN = "Unknown source, quarantined";

    /** The source a file in the inbox names: its folder's name; none ("") for a file in the inbox itself. */
    public static String sourceOf(Path inbox, Path file) {
        // the folder right under the inbox, however deep the file lies in it (a partner's 2025年11月/ inside its own)
        return file.getParent().equals(inbox)
                ? ""
                : inbox.relativize(file).getName(0).toString();
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(FileIngestService.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job fileIngestJob;
    private final FileRegistry files;
    private final SourceCatalog sources;
    private final LujingProperties properties;
    private final KeyRotationService keyRotation;
    private final EvidenceFolders evidence;

    public FileIngestService(
            JobOperator jobOperator,
            JobRepository jobRepository,
            Job fileIngestJob,
            FileRegistry files,
            SourceCatalog sources,
            LujingProperties properties,
            KeyRotationService keyRotation,
            EvidenceFolders evidence) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.fileIngestJob = fileIngestJob;
        this.files = files;
        this.sources = sources;
        this.properties = properties;
        this.keyRotation = keyRotation;
        this.evidence = evidence;
    }

    /** What became of a file: its registry entry (outcome and accounting) and where it now lies. */
    /**
     * @param failure why the run did not complete (the job's exit description or its deepest failure, ID numbers
     *     masked); null when it completed
     */
    public record Result(
            Optional<IngestedFile> file, Path storedAt, BatchStatus jobStatus, long jobExecutionId, String failure) {

        public Result(Optional<IngestedFile> file, Path storedAt, BatchStatus jobStatus, long jobExecutionId) {
            this(file, storedAt, jobStatus, jobExecutionId, null);
        }

        /** A file no source took: quarantined under {@code quarantine/<folder>/} with its report, no job run. */
        static Result unknownSource(Path quarantinedAt) {
            return new Result(Optional.empty(), quarantinedAt, BatchStatus.ABANDONED, -1);
        }

        /**
         * domain.md's file outcome; {@code UNKNOWN_SOURCE} for a file no source took, {@code FAILED} for a run that
         * stopped before its file was registered.
         */
        public String outcome() {
            return file.map(IngestedFile::outcome)
                    .orElse(jobExecutionId < 0 && jobStatus == BatchStatus.ABANDONED ? UNKNOWN_SOURCE : "FAILED");
        }
    }

    /**
     * Ingests one file for a source. The original is left where it is (the route deletes it from the inbox after
     * this returns; the command line never touches the user's file).
     */
    public synchronized Result ingest(Path original, String sourceId) {
        inFlight.incrementAndGet();
        try {
            return ingestCounted(original, sourceId);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Result ingestCounted(Path original, String sourceId) {
        if (stopping) {
            // the process is stopping: a file not yet begun waits where it is for the next start
            throw new ProcessStoppingException(
                    Masking.fileName(original.getFileName().toString()));
        }
        // new rows would be keyed under one key while the ledger is half re-keyed to another
        keyRotation.requireNoRotationInProgress();
        Optional<SourceDefinition> source = sources.find(sourceId);
        // a partner may name a file after a person: from here on (archive name, registry, logs) it is masked
        String name = Masking.fileName(original.getFileName().toString());
        if (sourceId.isBlank()) {
            Path q = evidence.quarantineUnknownSource(
                    original,
                    "inbox",
                    name,
                    UNKNOWN_SOURCE,
                    "文件直接放在了 inbox/ 下，不在任何来源的文件夹里，所以不知道是哪个单位交来的。",
                    "The file was dropped into inbox/ itself, not into a source's folder, so no partner is known"
                            + " for it.",
                    "请把它放进交来它的单位的文件夹：inbox/<来源>/（来源见 jobs/sources/，例如 inbox/hospital/）。",
                    "Drop it into its partner's folder, inbox/<source>/ (the sources are in jobs/sources/, e.g."
                            + " inbox/hospital/).");
            log.warn("{}: dropped into the inbox itself, not a source's folder; quarantined at {}", name, q);
            return Result.unknownSource(q);
        }
        if (source.isEmpty()) {
            Path q = evidence.quarantineUnknownSource(
                    original,
                    sourceId,
                    name,
                    UNKNOWN_SOURCE,
                    "没有名为“" + sourceId + "”的数据来源配置。",
                    "There is no source definition '" + sourceId + "'.",
                    "请确认文件放在 inbox/<来源>/ 下正确的来源文件夹；新增合作单位请在 jobs/sources/ 下增加配置。",
                    "Drop the file into the right inbox/<source>/ folder, or add jobs/sources/" + sourceId
                            + ".yaml for a new partner.");
            log.warn("{}: no source '{}' is configured; quarantined at {}", name, sourceId, q);
            return Result.unknownSource(q);
        }
        Optional<Result> resumed = resumeClaimed(original, name);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        Path archived = evidence.archive(original, sourceId, name);
        JobParameters params = new JobParametersBuilder()
                .addString("file", archived.toAbsolutePath().toString())
                .addString("source", sourceId)
                .addString("name", name)
                // each drop is its own job instance: a corrected file dropped under a quarantined file's name the
                // same day gets the same archive path (the refused copy moved out), and must run, not be "already
                // complete"
                .addString("drop", java.util.UUID.randomUUID().toString())
                .toJobParameters();
        if (stopping) {
            // the stop came while the file was read for its hash and copied: it is not begun after all
            deleteQuietly(archived);
            throw new ProcessStoppingException(name);
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(fileIngestJob, params);
        } catch (Exception e) {
            // nothing ran: the inbox file is tried again, and its next attempt keeps its own copy
            deleteQuietly(archived);
            throw new IngestFailedException(name, sourceId, e);
        }
        Optional<IngestedFile> registered = files.findByJobExecution(execution.getId());
        if (execution.getStatus() == BatchStatus.STOPPED && registered.isEmpty()) {
            // stopped before the file was even registered (no entry, no claim): nothing of it is anywhere, so the
            // caller must keep the original (the inbox file stays) for the next start
            deleteQuietly(archived);
            throw new ProcessStoppingException(name);
        }
        Path storedAt = evidence.quarantineIfRefused(registered, archived);
        if (execution.getStatus() == BatchStatus.STOPPED) {
            log.info(
                    "ingest of {} ({}) stopped where it was (execution #{}): it is finished from there when serve"
                            + " starts again, or by the same ingest",
                    name,
                    sourceId,
                    execution.getId());
        } else if (execution.getStatus() != BatchStatus.COMPLETED) {
            log.error(
                    "ingest of {} ({}) ended {}: {}; the file is kept at {} — rerun the job once the cause is fixed",
                    name,
                    sourceId,
                    execution.getStatus(),
                    why(execution),
                    archived);
        }
        return new Result(
                files.findByJobExecution(execution.getId()),
                storedAt,
                execution.getStatus(),
                execution.getId(),
                failure(execution));
    }

    private static String failure(JobExecution execution) {
        return execution.getStatus() == BatchStatus.COMPLETED ? null : Masking.value(why(execution));
    }

    /**
     * Why a run did not complete, never empty: the job's exit description, else the first step failure's deepest
     * cause (a step's failure leaves the job's own description blank).
     */
    static String why(JobExecution execution) {
        String description = execution.getExitStatus().getExitDescription();
        if (description != null && !description.isBlank()) {
            return description;
        }
        return execution.getAllFailureExceptions().stream()
                .findFirst()
                .map(e -> {
                    Throwable root = e;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    return root.getClass().getSimpleName() + ": " + root.getMessage();
                })
                .orElse("(no failure recorded)");
    }

    /**
     * The same content dropped again while its earlier file is unfinished (a crash, a failed run, a node that stopped
     * beating): that file is finished under its own entry and claim — restarted from where it stopped — instead of
     * being loaded anew. Empty when there is no such file, or when a live node is still at it (the new run then
     * records a duplicate).
     */
    private Optional<Result> resumeClaimed(Path original, String name) {
        String sha256;
        try {
            sha256 = FileInspectionTasklet.sha256(original);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        Optional<IngestedFile> holder = files.claimHolder(sha256).flatMap(files::find);
        if (holder.isEmpty()
                || holder.get().jobExecutionId() == null
                || !FileOutcome.IN_PROGRESS.name().equals(holder.get().outcome())) {
            return Optional.empty();
        }
        Optional<JobExecution> stopped = takeOver(holder.get(), true);
        if (stopped.isEmpty()) {
            return Optional.empty();
        }
        log.info(
                "{} is the content of unfinished file #{}: finishing that one",
                name,
                holder.get().id());
        return Optional.of(resume(holder.get(), stopped.get()));
    }

    /**
     * Takes an unfinished file over for this node when its run can be resumed: its last run ended FAILED or STOPPED,
     * or is still marked running by a node that stopped beating (then it is marked FAILED here). The claim moves to
     * this node first, so of several nodes trying, one goes on. Empty when the file is not this node's to resume.
     */
    private Optional<JobExecution> takeOver(IngestedFile f, boolean orMine) {
        JobExecution last = lastRun(f);
        if (last == null || !(resumable(last) || last.isRunning())) {
            return Optional.empty();
        }
        // a run still marked running is taken only from a dead node, never from this one (a console restart runs here)
        if (!files.takeOver(f.sha256(), orMine && !last.isRunning())) {
            return Optional.empty();
        }
        if (last.isRunning()) {
            // the claim was stale: the node running it is dead, and so is this run
            log.warn(
                    "file #{} ({}): its run #{} belongs to a node that stopped beating; marking it FAILED",
                    f.id(),
                    f.fileName(),
                    last.getId());
            try {
                org.lujing.cluster.DeadRun.markFailed(jobOperator, jobRepository, last);
            } catch (OptimisticLockingFailureException recoveredMeanwhile) {
                // this node's heartbeat recovery (CrashRecovery, on its own thread) or another node marked the same
                // run FAILED a moment earlier: it is resumable all the same, as read again below
                log.info(
                        "run #{} of file #{} was recovered meanwhile: {}",
                        last.getId(),
                        f.id(),
                        recoveredMeanwhile.getMessage());
            }
            last = lastRun(f);
        }
        return last != null && resumable(last) ? Optional.of(last) : Optional.empty();
    }

    private JobExecution lastRun(IngestedFile f) {
        JobExecution first = jobRepository.getJobExecution(f.jobExecutionId());
        return first == null ? null : jobRepository.getLastJobExecution(first.getJobInstance());
    }

    private static boolean resumable(JobExecution run) {
        return run.getStatus() == BatchStatus.FAILED || run.getStatus() == BatchStatus.STOPPED;
    }

    private volatile boolean stopping;

    /**
     * From now on no ingest begins in this process (the process is stopping in order): a file offered is refused with
     * {@link ProcessStoppingException} and stays where it is, and nothing unfinished is taken up.
     */
    public void stopTakingFiles() {
        stopping = true;
    }

    /** Whether this process is stopping (no ingest begins any more). */
    public boolean isStopping() {
        return stopping;
    }

    /** How many ingests (or resumptions) are under way in this process now: a stopping process waits for them. */
    public int inFlight() {
        return inFlight.get();
    }

    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** The process stops: a file offered now is left for the next start, nothing of it begun. */
    public static final class ProcessStoppingException extends RuntimeException {
        public ProcessStoppingException(String name) {
            super("正在停止：" + name + " 留待下次启动时处理" + org.lujing.ledger.Bilingual.SEPARATOR + "stopping: " + name
                    + " is left for the next start");
        }
    }

    /**
     * Finishes every file whose ingest was interrupted and that no live node holds: its run FAILED or STOPPED (as
     * start-up recovery marks a dead process's run), or left running by a node that stopped beating. Files whose
     * content waits in the inbox are left to the inbox route, which resumes them when it takes the file, so the drop
     * is not recorded as a duplicate of itself. {@code serve} calls this at start and then periodically. A file that
     * cannot be resumed is logged and passed over, so the files after it are still finished.
     */
    /**
     * Finishes one unfinished file now, in this thread, when it can be resumed here: its last run ended FAILED or
     * STOPPED — also one this node ran, which {@link #resumeUnfinished} leaves to {@code jobs restart} — or was left
     * running by a dead node. A feed pull calls it for the file an earlier pull left before it asks the feed again, so
     * "the next pull tries again" holds. Empty when the file is not this node's to resume (another live node runs it,
     * or it has no run).
     */
    public synchronized Optional<Result> finishNow(IngestedFile f) {
        if (stopping || f.jobExecutionId() == null) {
            return Optional.empty();
        }
        inFlight.incrementAndGet();
        try {
            return takeOver(f, true).map(run -> resume(f, run));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public synchronized List<Result> resumeUnfinished() {
        List<Result> results = new ArrayList<>();
        inFlight.incrementAndGet();
        try {
            for (IngestedFile f : files.unfinishedClaims()) {
                if (stopping) {
                    break;
                }
                if (f.jobExecutionId() == null || waitsInInbox(f)) {
                    continue;
                }
                try {
                    takeOver(f, false).ifPresent(run -> results.add(resume(f, run)));
                } catch (ProcessStoppingException stop) {
                    break;
                } catch (RuntimeException e) {
                    log.error(
                            "file #{} ({}): its interrupted ingest could not be resumed here; `jobs restart` runs it"
                                    + " again once the cause is fixed: {}",
                            f.id(),
                            f.fileName(),
                            e.getMessage());
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
        return results;
    }

    private Result resume(IngestedFile f, JobExecution last) {
        log.info(
                "resuming the ingest of file #{} ({}): execution #{} ended {}",
                f.id(),
                f.fileName(),
                last.getId(),
                last.getStatus());
        if (stopping) {
            throw new ProcessStoppingException(f.fileName());
        }
        JobExecution execution;
        try {
            execution = jobOperator.restart(last);
        } catch (Exception e) {
            throw new IngestFailedException(f.fileName(), f.sourceId(), e);
        }
        Path storedAt = evidence.quarantineIfRefused(files.find(f.id()), Path.of(f.storedPath()));
        return new Result(files.find(f.id()), storedAt, execution.getStatus(), execution.getId(), failure(execution));
    }

    private boolean waitsInInbox(IngestedFile f) {
        Path dir = properties.inbox().resolve(f.sourceId());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var listing = Files.list(dir)) {
            for (Path p : (Iterable<Path>) listing::iterator) {
                if (Files.isRegularFile(p)
                        && Files.size(p) == f.sizeBytes()
                        && FileInspectionTasklet.sha256(p).equals(f.sha256())) {
                    return true;
                }
            }
        } catch (IOException e) {
            log.warn("cannot look into {}: {}", dir, e.toString());
        }
        return false;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", file, e.toString());
        }
    }
}
