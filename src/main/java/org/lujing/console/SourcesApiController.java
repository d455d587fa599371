package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.lujing.audit.AuditLog;
import org.lujing.source.SourceCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/sources}: each source's formats and vocabulary with the words seen but not mapped; admins reload. */
@RestController
@RequestMapping(path = "/api/sources", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class SourcesApiController implements ApiResource {

    private final SourceCatalog sources;
    private final ConsoleQueries queries;
    private final AuditLog audit;

    SourcesApiController(SourceCatalog sources, ConsoleQueries queries, AuditLog audit) {
        this.sources = sources;
        this.queries = queries;
        this.audit = audit;
    }

    @Operation(summary = "Sources with their formats and the vocabulary words seen but not mapped")
    @GetMapping
    List<Map<String, Object>> sources() {
        List<org.lujing.ingest.FileRegistry.UnmappedWord> unmapped = queries.unmappedWords();
        Map<String, org.lujing.ingest.FileRegistry.SourceFiles> files = queries.filesBySource();
        return sources.all().stream()
                .map(s -> org.lujing.ingest.SourceSummary.json(s, unmapped, files.get(s.id())))
                .toList();
    }

    @Operation(summary = "Reload jobs/sources/*.yaml after an edit; admins")
    @PostMapping("/reload")
    Map<String, Object> reloadSources(Authentication user) {
        try {
            sources.reload();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // a definition that cannot be taken: the sources as they were stay in use; 422 with the file and why
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        audit.record(
                user.getName(),
                "SOURCES_RELOAD",
                "jobs/sources",
                null,
                sources.all().size() + " sources");
        return Map.of("sources", sources.all().size());
    }
}
