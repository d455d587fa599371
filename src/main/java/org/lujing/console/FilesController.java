package org.lujing.console;

import java.nio.file.Path;
import java.util.List;
import org.lujing.audit.AuditLog;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.InboxFailures;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectRetryService;
import org.lujing.ingest.RejectedRows;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Received files: history and accounting, each file's rejected rows and control totals, the quarantine and its error reports. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FilesController {

    private final FileRegistry files;
    private final org.lujing.ingest.QuarantineListing quarantine;
    private final RejectRetryService retry;
    private final AuditLog audit;
    private final InboxFailures failures;
    private final org.lujing.source.SourceCatalog sources;
    private final RejectedRows rejects;
    private final org.lujing.ingest.FileWithdrawal withdrawal;

    FilesController(
            org.lujing.source.SourceCatalog sources,
            FileRegistry files,
            RejectedRows rejects,
            org.lujing.ingest.QuarantineListing quarantine,
            RejectRetryService retry,
            AuditLog audit,
            InboxFailures failures,
            org.lujing.ingest.FileWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
        this.rejects = rejects;
        this.failures = failures;
        this.sources = sources;
        this.files = files;
        this.quarantine = quarantine;
        this.retry = retry;
        this.audit = audit;
    }

    static final int PAGE = 100;

    @GetMapping("/files")
    String list(
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        // a filter as the command line takes it (an id or an agency's name, a code or its words); one that names
        // nothing is the page's error, not an empty list as if nothing had been received
        try {
            source = source == null || source.isBlank() ? null : files.sourceId(source.strip(), sources);
            outcome = outcome == null || outcome.isBlank()
                    ? null
                    : org.lujing.read.FileOutcome.parse(outcome).name();
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage());
        }
        String wantedSource = source;
        String wantedOutcome = outcome;
        // newest first, a page at a time, read a page at a time: a year of daily drops is thousands of rows
        Paging<FileRegistry.FilePage> read = Paging.read(
                page, PAGE, p -> files.page(wantedSource, wantedOutcome, p, PAGE), FileRegistry.FilePage::total);
        model.addAttribute("files", read.found().files());
        model.addAttribute("page", read.page());
        model.addAttribute("pages", read.pages());
        model.addAttribute("source", source);
        model.addAttribute("outcome", outcome);
        // the newest still in quarantine: every broken file dropped is one, and the page showed them all
        List<org.lujing.ingest.QuarantineListing.QuarantinedFile> quarantined =
                quarantine.newest(ConsoleQueries.QUARANTINE_SHOWN + 1);
        model.addAttribute(
                "quarantined", quarantined.subList(0, Math.min(quarantined.size(), ConsoleQueries.QUARANTINE_SHOWN)));
        model.addAttribute("quarantineMore", quarantined.size() > ConsoleQueries.QUARANTINE_SHOWN);
        model.addAttribute("quarantineShown", ConsoleQueries.QUARANTINE_SHOWN);
        // the newest of them: a source whose every drop failed would otherwise list them all on every view
        InboxFailures.Newest failed = failures.newest(ConsoleQueries.FAILED_DROPS_SHOWN);
        model.addAttribute("failedDrops", failed.drops());
        model.addAttribute("failedDropsTotal", failed.total());
        model.addAttribute(
                "outcomes",
                java.util.Arrays.stream(org.lujing.read.FileOutcome.values())
                        .map(Enum::name)
                        .toList());
        model.addAttribute("sources", sources.all());
        return "files";
    }

    /** Rejected rows shown on a file's page at a time: a file whose every row was refused has a million. */
    static final int REJECTS_PAGE = 200;

    /**
     * A file: its accounting, its rejected rows counted by reason and column (what to fix, at a glance) and a page of
     * them from the row after {@code sheet}/{@code row} on, its control totals, reading notes and sheet headers.
     */
    @GetMapping("/files/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(name = "sheet", required = false) String afterSheet,
            @RequestParam(name = "row", required = false) Integer afterRow,
            Model model) {
        IngestedFile file = files.find(id).orElseThrow(() -> NotFoundException.file(id));
        model.addAttribute("file", file);
        RejectedRows.After after =
                afterSheet == null || afterRow == null ? null : new RejectedRows.After(afterSheet, afterRow);
        RejectedRows.Page page = rejects.page(id, false, after, REJECTS_PAGE);
        model.addAttribute("rejects", page.rows());
        model.addAttribute("rejectsNext", page.next());
        model.addAttribute("rejectsFromStart", after == null);
        // one pass over the file's rejects: the total is the counts' sum
        List<RejectedRows.ReasonCount> counts = rejects.counts(id);
        model.addAttribute("rejectCounts", counts);
        model.addAttribute("rejectTotal", RejectedRows.total(counts));
        model.addAttribute("openRejects", rejects.count(id, true));
        // a loaded activity file may be withdrawn by an admin; a roster never (its rows changed people)
        model.addAttribute(
                "withdrawable",
                !"roster".equals(file.sourceId())
                        && ("LOADED".equals(file.outcome()) || "LOADED_WITH_REJECTS".equals(file.outcome())));
        model.addAttribute("controlTotals", files.controlTotals(id));
        model.addAttribute("notes", files.notes(id));
        model.addAttribute("headers", files.sheetHeaders(id));
        return "file";
    }

    /** Runs the file's rejected rows again, after a mapping was added or the roster arrived. */
    @PostMapping("/files/{id}/retry")
    String retry(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        try {
            RejectRetryService.Result r = retry.retry(id);
            audit.record(
                    user.getName(),
                    "RERUN_REJECTS",
                    "file #" + id,
                    null,
                    "accepted " + r.accepted() + ", merged " + r.merged() + ", still rejected " + r.stillRejected());
            ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
            flash.addFlashAttribute(
                    "doneText",
                    lang.pick(
                            "新增 " + r.accepted() + " · 合并 " + r.merged() + " · 跳过 " + r.skipped() + " · 仍拒收 "
                                    + r.stillRejected() + " → " + lang.fileOutcome(r.outcome()) + "（" + r.outcome()
                                    + "）",
                            "accepted " + r.accepted() + " · merged " + r.merged() + " · skipped " + r.skipped()
                                    + " · still rejected " + r.stillRejected() + " → " + lang.fileOutcome(r.outcome())
                                    + " (" + r.outcome() + ")"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/files/" + id;
    }

    /**
     * Closes the file's rejected rows still to fix, handled another way (the partner sent the file again corrected):
     * audited with the reason; the file's accounting is unchanged.
     */
    @PostMapping("/files/{id}/close-rejects")
    String closeRejects(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        files.find(id).orElseThrow(() -> NotFoundException.file(id));
        ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("refused", JobActions.reasonRequired());
            return "redirect:/files/" + id;
        }
        int closed = rejects.closeAudited(
                id,
                null,
                List.of(),
                n -> audit.record(user.getName(), "REJECTS_CLOSE", "file #" + id, reason.strip(), n + " row(s)"));
        flash.addFlashAttribute(
                "doneText", lang.pick("关闭了 " + closed + " 条待修正的拒收行", closed + " rejected row(s) still to fix closed"));
        return "redirect:/files/" + id;
    }

    /**
     * Takes the file back out of the ledger (admins, audited with the reason): {@code files withdraw} from the page.
     * A refusal (a roster, a file not loaded, no reason) is said on the page; nothing is done.
     */
    @PostMapping("/files/{id}/withdraw")
    String withdraw(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        files.find(id).orElseThrow(() -> NotFoundException.file(id));
        ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
        try {
            org.lujing.ingest.FileWithdrawal.Result r = withdrawal.withdraw(id, user.getName(), reason);
            flash.addFlashAttribute(
                    "doneText",
                    lang.pick(
                            "已撤回：删除 " + r.recordsRemoved() + " 条记录，保留 " + r.recordsKept() + " 条另有其他文件报送的记录；统计已更新，"
                                    + "同一内容现在可以重新入库",
                            "withdrawn: " + r.recordsRemoved() + " records removed, " + r.recordsKept()
                                    + " kept (other files report them); statistics updated; the same content may"
                                    + " be ingested again"));
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/files/" + id;
    }

    /**
     * A quarantined file's error report (masked text, Chinese and English), by the id of Lujing's own record of it,
     * and only while it holds what Lujing wrote: a {@code *.error.txt} anyone else put in quarantine/ is never
     * served, whatever its name. The quarantined file itself is not served.
     */
    @GetMapping("/files/quarantine/report")
    ResponseEntity<Resource> errorReport(@RequestParam long id) {
        Path report = files.intactErrorReport(id).orElseThrow(() -> NotFoundException.errorReport(id));
        return download(report, MediaType.parseMediaType("text/plain;charset=UTF-8"));
    }

    static ResponseEntity<Resource> download(Path file, MediaType type) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(type)
                .body(new FileSystemResource(file));
    }
}
