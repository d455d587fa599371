package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/files}: every file received (the shape of {@code files --json}), one with its rows, the quarantine. */
@RestController
@RequestMapping(path = "/api/files", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class FilesApiController implements ApiResource {

    private final FileRegistry files;
    private final ConsoleQueries queries;

    FilesApiController(FileRegistry files, ConsoleQueries queries) {
        this.files = files;
        this.queries = queries;
    }

    @Operation(summary = "Every file received (the shape of `files --json`)")
    @GetMapping
    List<Map<String, Object>> files() {
        return files.all().stream().map(IngestedFile::asJson).toList();
    }

    @Operation(summary = "One file with its rejected rows, control totals and reading notes")
    @GetMapping("/{id}")
    Map<String, Object> file(@PathVariable long id) {
        Map<String, Object> m = files.find(id)
                .orElseThrow(() -> new NotFoundException("file #" + id))
                .asJson();
        m.put("rejects", files.rejects(id));
        m.put("controlTotals", files.controlTotals(id));
        m.put("notes", files.notes(id));
        // each sheet's header row as the partner wrote it (masked): the titles over a reject's maskedValues
        m.put("headers", List.copyOf(files.sheetHeaders(id).values()));
        return m;
    }

    @Operation(summary = "Quarantined files and their error reports")
    @GetMapping("/quarantine")
    List<ConsoleQueries.QuarantinedFile> quarantine() {
        return queries.quarantined();
    }
}
