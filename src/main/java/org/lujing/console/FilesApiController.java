package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectedRows;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/files}: every file received (the shape of {@code files --json}), one with its rows, the quarantine. */
@RestController
@RequestMapping(path = "/api/files", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class FilesApiController implements ApiResource {

    /** Rejected rows in a file's document, and at most per page of {@code /rejects}. */
    static final int REJECTS_PAGE = 1_000;

    private final FileRegistry files;
    private final RejectedRows rejects;
    private final org.lujing.ingest.QuarantineListing quarantine;

    private final org.lujing.ingest.FileWithdrawal withdrawal;
    private final ReaderPaths paths;

    FilesApiController(
            FileRegistry files,
            RejectedRows rejects,
            org.lujing.ingest.QuarantineListing quarantine,
            org.lujing.ingest.FileWithdrawal withdrawal,
            ReaderPaths paths) {
        this.paths = paths;
        this.withdrawal = withdrawal;
        this.files = files;
        this.rejects = rejects;
        this.quarantine = quarantine;
    }

    @Operation(summary = "Every file received (the shape of `files --json`)")
    @GetMapping
    Iterable<Map<String, Object>> files(org.springframework.security.core.Authentication user) {
        // written as read, a page of files at a time: the whole history is never held at once
        Iterable<IngestedFile> all = files.inOrder();
        boolean admin = ConsoleRole.isAdmin(user);
        return () -> java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .map(f -> shown(f.asJson(), admin))
                .iterator();
    }

    /**
     * A file's document as its reader may see it: {@code storedAt} is the server's path for an admin, and for anyone
     * else where the file lies in Lujing's home ({@code archive/community/…}), as the quarantine's listing gives it;
     * its message names files the same way. Server paths are admins', as in a job's message.
     */
    private Map<String, Object> shown(Map<String, Object> file, boolean admin) {
        if (!admin) {
            if (file.get("storedAt") instanceof String stored) {
                file.put("storedAt", paths.place(stored));
            }
            if (file.get("message") instanceof String message) {
                file.put("message", paths.hide(message));
            }
        }
        return file;
    }

    @Operation(
            summary = "One file with its rejected rows (the first 1,000; `rejectsNext` pages on), control totals and"
                    + " reading notes")
    @GetMapping("/{id}")
    Map<String, Object> file(@PathVariable long id, org.springframework.security.core.Authentication user) {
        Map<String, Object> m = shown(
                files.find(id).orElseThrow(() -> NotFoundException.file(id)).asJson(), ConsoleRole.isAdmin(user));
        RejectedRows.Page page = rejects.page(id, false, null, REJECTS_PAGE);
        m.put("rejects", page.rows());
        // a file whose every row was refused has as many rejects as rows: the rest a page at a time
        // one pass over the file's rejects: the total is the counts' sum
        List<RejectedRows.ReasonCount> counts = rejects.counts(id);
        m.put("rejectCount", RejectedRows.total(counts));
        m.put("rejectCounts", counts);
        m.put("rejectsNext", nextUrl(id, page.next(), REJECTS_PAGE, false));
        m.put("controlTotals", files.controlTotals(id));
        m.put("notes", files.notes(id));
        // each sheet's header row as the partner wrote it (masked): the titles over a reject's maskedValues
        m.put("headers", files.sheetHeaders(id).all());
        return m;
    }

    @Operation(
            summary = "A page of a file's rejected rows in sheet and row order, after `sheet`/`row` (from the first"
                    + " without them); `open=true` for the open ones only; `next` is the following page, null after the"
                    + " last")
    @GetMapping("/{id}/rejects")
    Map<String, Object> rejects(
            @PathVariable long id,
            @RequestParam(name = "sheet", required = false) String sheet,
            @RequestParam(name = "row", required = false) Integer row,
            @RequestParam(name = "limit", defaultValue = "" + REJECTS_PAGE) int limit,
            @RequestParam(name = "open", defaultValue = "false") boolean open) {
        files.find(id).orElseThrow(() -> NotFoundException.file(id));
        Paging.limit(limit, REJECTS_PAGE);
        RejectedRows.After after = sheet == null || row == null ? null : new RejectedRows.After(sheet, row);
        RejectedRows.Page page = rejects.page(id, open, after, limit);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("fileId", id);
        m.put("rejects", page.rows());
        m.put("next", nextUrl(id, page.next(), limit, open));
        return m;
    }

    /**
     * The address of the page after {@code next}, or null when there is none. The sheet's name goes in as a template
     * variable, encoded whole: encoded as part of a query, a {@code +} in it (心理+团辅) stayed one, came back a space,
     * and the page after began at the top of the sheet again — for ever, the rows after the first page out of reach.
     */
    static String nextUrl(long id, RejectedRows.After next, int limit, boolean open) {
        if (next == null) {
            return null;
        }
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/api/files/{id}/rejects")
                .queryParam("sheet", "{sheet}")
                .queryParam("row", next.rowNo())
                .queryParam("limit", limit)
                .queryParam("open", open)
                .encode()
                .buildAndExpand(id, next.sheet())
                .toUriString();
    }

    @Operation(
            summary = "Take a loaded activity file back out of the ledger (the shape of `files withdraw --json`);"
                    + " admins, with ?reason=")
    @org.springframework.web.bind.annotation.PostMapping("/{id}/withdraw")
    Map<String, Object> withdraw(
            @PathVariable long id,
            @RequestParam(required = false) String reason,
            org.springframework.security.core.Authentication user) {
        files.find(id).orElseThrow(() -> NotFoundException.file(id));
        return withdrawal.withdraw(id, user.getName(), reason).asJson();
    }

    @Operation(summary = "Quarantined files and their error reports, newest first")
    @GetMapping("/quarantine")
    Iterable<org.lujing.ingest.QuarantineListing.QuarantinedFile> quarantine() {
        // written as read, a page of error reports at a time
        return quarantine.stillThere();
    }
}
