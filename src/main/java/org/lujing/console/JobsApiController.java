package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/jobs}: executions (the shape of {@code jobs --json}), their steps and progress, and admins' actions. */
@RestController
@RequestMapping(path = "/api/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class JobsApiController implements ApiResource {

    private final JobQueries jobs;
    private final JobActions actions;
    private final JobProgress progress;
    private final ReaderPaths paths;

    JobsApiController(JobQueries jobs, JobActions actions, JobProgress progress, ReaderPaths paths) {
        this.paths = paths;
        this.jobs = jobs;
        this.actions = actions;
        this.progress = progress;
    }

    @Operation(summary = "Job executions, newest first (the shape of `jobs --json`)")
    @GetMapping
    List<Map<String, Object>> jobs(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "200") int limit,
            Authentication user) {
        String wanted =
                status == null || status.isBlank() ? null : org.lujing.report.ReportLanguage.jobStatusCode(status);
        boolean admin = ConsoleRole.isAdmin(user);
        return jobs.search(name, wanted, from, to, Paging.limit(limit, 10_000)).stream()
                .map(e -> shown(e.asJson(), admin))
                .toList();
    }

    @Operation(summary = "One execution with its steps (read, write and skip counts, exit message)")
    @GetMapping("/{id}")
    Map<String, Object> job(@PathVariable long id, Authentication user) {
        boolean admin = ConsoleRole.isAdmin(user);
        Map<String, Object> m = shown(
                jobs.find(id).orElseThrow(() -> NotFoundException.execution(id)).asJson(), admin);
        m.put(
                "steps",
                admin
                        ? jobs.steps(id)
                        : jobs.steps(id).stream().map(this::withoutTrace).toList());
        return m;
    }

    /**
     * An exit message as the caller may read it: whole (stack trace, server paths) for an admin, as on the job page;
     * its first line, the failure's own sentence, for anyone else, with the files it names where they lie in the home.
     */
    private String shownMessage(String message, boolean admin) {
        if (admin || message == null) {
            return message;
        }
        return paths.hide(message.strip().lines().findFirst().orElse(""));
    }

    /** An execution as the caller may read it: its parameters name the archived copy's place in the home for non-admins. */
    private Map<String, Object> shown(Map<String, Object> execution, boolean admin) {
        execution.put("exitMessage", shownMessage((String) execution.get("exitMessage"), admin));
        if (!admin && execution.get("parameters") instanceof String parameters) {
            execution.put("parameters", paths.hide(parameters));
        }
        return execution;
    }

    private JobQueries.Step withoutTrace(JobQueries.Step s) {
        return new JobQueries.Step(
                s.id(),
                s.name(),
                s.status(),
                s.readCount(),
                s.writeCount(),
                s.skipCount(),
                s.readSkipCount(),
                s.processSkipCount(),
                s.writeSkipCount(),
                s.commitCount(),
                s.rollbackCount(),
                s.exitCode(),
                shownMessage(s.exitMessage(), false),
                s.startTime(),
                s.endTime());
    }

    @Operation(summary = "Restart (in the background), stop or abandon an execution; admins; a reason is required")
    @PostMapping("/{id}/{action}")
    ResponseEntity<Map<String, Object>> jobAction(
            @PathVariable long id, @PathVariable String action, @RequestParam String reason, Authentication user)
            throws Exception {
        JobAction wanted = JobAction.of(action);
        actions.apply(wanted, id, reason, user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("id", id, "action", wanted.word(), "accepted", true));
    }

    @Operation(
            summary = "A running execution's progress: its step (i of n) and time so far; an ingest's rows done, of the"
                    + " total once known, percentage, seconds left; a nightly step's files or reports done of how many")
    @GetMapping("/{id}/progress")
    Map<String, Object> progress(@PathVariable long id, @RequestParam(required = false) String lang) {
        return progress.of(id, ReportLanguage.parse(lang))
                .orElseThrow(() -> NotFoundException.execution(id))
                .asJson();
    }

    @Operation(
            summary = "Restart every failed execution nothing has restarted yet, of one job (?job=), of one night"
                    + " (?night=yyyy-MM-dd) or of all, with one reason; admins")
    @PostMapping("/restart-failed")
    ResponseEntity<Map<String, Object>> restartFailed(
            @RequestParam(required = false) String job,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate night,
            @RequestParam String reason,
            Authentication user) {
        List<Long> ids = actions.restartFailed(job, night, reason, user.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("restarting", ids));
    }
}
