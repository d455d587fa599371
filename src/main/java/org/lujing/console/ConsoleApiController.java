package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.audit.AuditLog;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectedRow;
import org.lujing.ledger.Period;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.operations.JobsService;
import org.lujing.reconcile.FindingStatus;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.StoredFinding;
import org.lujing.report.StatisticsFormatter;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The JSON API: what the console shows and does, for scripts, with the same roles. Lists have the shapes of the
 * command line's {@code --json} output. Described at {@code /api/openapi}.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class ConsoleApiController {

    private final JobsService jobs;
    private final JobActions actions;
    private final FileRegistry files;
    private final FindingsService findings;
    private final StatisticsQuery statistics;
    private final AgencyDirectory agencies;
    private final SourceCatalog sources;
    private final ConsoleQueries queries;
    private final InboxUpload upload;
    private final AuditLog audit;
    private final IngestProgress progress;

    ConsoleApiController(
            JobsService jobs,
            JobActions actions,
            FileRegistry files,
            FindingsService findings,
            StatisticsQuery statistics,
            AgencyDirectory agencies,
            SourceCatalog sources,
            ConsoleQueries queries,
            InboxUpload upload,
            AuditLog audit,
            IngestProgress progress) {
        this.progress = progress;
        this.jobs = jobs;
        this.actions = actions;
        this.files = files;
        this.findings = findings;
        this.statistics = statistics;
        this.agencies = agencies;
        this.sources = sources;
        this.queries = queries;
        this.upload = upload;
        this.audit = audit;
    }

    @Operation(summary = "Job executions, newest first (the shape of `jobs --json`)")
    @GetMapping("/jobs")
    List<Map<String, Object>> jobs(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "200") int limit) {
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        return jobs.search(name, wanted, from, to, Math.min(Math.max(limit, 1), 10_000)).stream()
                .map(JobsService.Execution::asJson)
                .toList();
    }

    @Operation(summary = "One execution with its steps (read, write and skip counts, exit message)")
    @GetMapping("/jobs/{id}")
    Map<String, Object> job(@PathVariable long id) {
        Map<String, Object> m = jobs.find(id)
                .orElseThrow(() -> new NotFoundException("job execution #" + id))
                .asJson();
        m.put("steps", jobs.steps(id));
        return m;
    }

    @Operation(summary = "Restart (in the background), stop or abandon an execution; admins; a reason is required")
    @PostMapping("/jobs/{id}/{action}")
    ResponseEntity<Map<String, Object>> jobAction(
            @PathVariable long id, @PathVariable String action, @RequestParam String reason, Authentication user)
            throws Exception {
        switch (action) {
            case "restart" -> actions.restart(id, reason, user.getName());
            case "stop" -> actions.stop(id, reason, user.getName());
            case "abandon" -> actions.abandon(id, reason, user.getName());
            default -> throw new NotFoundException("action " + action);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "action", action, "accepted", true));
    }

    @Operation(summary = "A running execution's progress: rows done, of the total once known, percentage, seconds left")
    @GetMapping("/jobs/{id}/progress")
    Map<String, Object> progress(@PathVariable long id, @RequestParam(required = false) String lang) {
        return progress.of(id, org.lujing.report.ReportLanguage.parse(lang))
                .orElseThrow(() -> new NotFoundException("job execution #" + id))
                .asJson();
    }

    @Operation(
            summary = "Restart every failed execution nothing has restarted yet, of one job (?job=) or of all, with one"
                    + " reason; admins")
    @PostMapping("/jobs/restart-failed")
    ResponseEntity<Map<String, Object>> restartFailed(
            @RequestParam(required = false) String job, @RequestParam String reason, Authentication user) {
        List<Long> ids = actions.restartFailed(job, reason, user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("restarting", ids));
    }

    @Operation(summary = "Every file received (the shape of `files --json`)")
    @GetMapping("/files")
    List<Map<String, Object>> files() {
        return files.all().stream().map(IngestedFile::asJson).toList();
    }

    @Operation(summary = "One file with its rejected rows, control totals and reading notes")
    @GetMapping("/files/{id}")
    Map<String, Object> file(@PathVariable long id) {
        Map<String, Object> m = files.find(id)
                .orElseThrow(() -> new NotFoundException("file #" + id))
                .asJson();
        List<RejectedRow> rejects = files.rejects(id);
        m.put("rejects", rejects);
        m.put("controlTotals", files.controlTotals(id));
        m.put("notes", files.notes(id));
        return m;
    }

    @Operation(summary = "Quarantined files and their error reports")
    @GetMapping("/files/quarantine")
    List<ConsoleQueries.QuarantinedFile> quarantine() {
        return queries.quarantined();
    }

    @Operation(summary = "Upload a file into a source's inbox; operators")
    @PostMapping(path = "/upload/{source}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String source, @RequestParam("file") MultipartFile file, Authentication user)
            throws IOException {
        Path stored =
                upload.store(source, file.getOriginalFilename(), file.getSize(), file.getInputStream(), user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("source", source, "storedAs", "inbox/" + source + "/" + stored.getFileName()));
    }

    @Operation(summary = "Findings holding now (the shape of `findings --json`)")
    @GetMapping("/findings")
    List<Map<String, Object>> findings(
            @RequestParam(required = false) String rule, @RequestParam(required = false) String status) {
        FindingStatus wanted = status == null || status.isBlank()
                ? null
                : FindingStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        return findings.list(null, rule, wanted).stream()
                .map(StoredFinding::asJson)
                .toList();
    }

    @Operation(summary = "Acknowledge or resolve a finding with a note; operators")
    @PostMapping("/findings/{id}/{action}")
    Map<String, Object> findingAction(
            @PathVariable long id, @PathVariable String action, @RequestParam String note, Authentication user) {
        return switch (action) {
            case "acknowledge" -> findings.acknowledge(id, note, user.getName()).asJson();
            case "resolve" -> findings.resolve(id, note, user.getName()).asJson();
            default -> throw new NotFoundException("action " + action);
        };
    }

    @Operation(
            summary =
                    "A period's statistics (the shape of `stats --json`): 2025, 2025-Q3, 2025-11 or 2025-03-01..2025-06-30")
    @GetMapping("/stats")
    Map<String, Object> stats(@RequestParam String period) {
        return StatisticsFormatter.json(statistics.compute(Period.parse(period), agencies::isPartner));
    }

    @Operation(summary = "Reports under reports/")
    @GetMapping("/reports")
    List<ConsoleQueries.StoredFile> reports() {
        return queries.reports();
    }

    @Operation(summary = "Download a report by its path under reports/")
    @GetMapping(path = "/reports/download", produces = MediaType.ALL_VALUE)
    ResponseEntity<Resource> report(@RequestParam String path) {
        Path report = queries.report(path).orElseThrow(() -> new NotFoundException("report " + path));
        return FilesController.download(
                report, path.endsWith(".json") ? MediaType.APPLICATION_JSON : ReportsController.XLSX);
    }

    @Operation(summary = "Sources with their formats and the vocabulary words seen but not mapped")
    @GetMapping("/sources")
    List<Map<String, Object>> sources() {
        List<ConsoleQueries.UnmappedWord> unmapped = queries.unmappedWords();
        return sources.all().stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("agency", s.agency());
                    m.put("formats", s.formats());
                    m.put("cadence", s.cadence().name());
                    m.put("roster", s.roster());
                    m.put(
                            "defaultCategory",
                            s.defaultCategory() == null
                                    ? null
                                    : s.defaultCategory().name());
                    m.put("vocabulary", s.vocabularyWords());
                    m.put(
                            "unmappedWords",
                            unmapped.stream()
                                    .filter(u -> u.sourceId().equals(s.id()))
                                    .toList());
                    return m;
                })
                .toList();
    }

    @Operation(summary = "Reload jobs/sources/*.yaml after an edit; admins")
    @PostMapping("/sources/reload")
    Map<String, Object> reloadSources(Authentication user) {
        sources.reload();
        audit.record(
                user.getName(),
                "SOURCES_RELOAD",
                "jobs/sources",
                null,
                sources.all().size() + " sources");
        return Map.of("sources", sources.all().size());
    }

    @Operation(summary = "The audit log since a date (default: 30 days ago); admins")
    @GetMapping("/audit")
    List<AuditLog.Entry> audit(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
        LocalDate from = since == null ? LocalDate.now(ConsoleQueries.SHANGHAI).minusDays(30) : since;
        return audit.since(from.atStartOfDay(ConsoleQueries.SHANGHAI).toInstant());
    }

    @ExceptionHandler({
        JobActions.ActionRefusedException.class,
        InboxUpload.UploadRefusedException.class,
        IllegalArgumentException.class
    })
    ResponseEntity<Map<String, Object>> refused(RuntimeException e) {
        return ResponseEntity.unprocessableContent()
                .body(Map.of(
                        "error",
                        "refused",
                        "message",
                        e.getMessage(),
                        "at",
                        Instant.now().toString()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "not found", "message", e.getMessage()));
    }
}
