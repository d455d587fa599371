package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/reports}: what lies under {@code reports/}, and each file to download by its path there. */
@RestController
@RequestMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class ReportsApiController implements ApiResource {

    private final ConsoleQueries queries;

    ReportsApiController(ConsoleQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Reports under reports/")
    @GetMapping
    List<ConsoleQueries.StoredFile> reports() {
        return queries.reports();
    }

    @Operation(summary = "Download a report by its path under reports/")
    @GetMapping(path = "/download", produces = MediaType.ALL_VALUE)
    ResponseEntity<Resource> report(@RequestParam String path) {
        Path report = queries.report(path).orElseThrow(() -> NotFoundException.report(path));
        return FilesController.download(
                report, path.endsWith(".json") ? MediaType.APPLICATION_JSON : ReportsController.XLSX);
    }
}
