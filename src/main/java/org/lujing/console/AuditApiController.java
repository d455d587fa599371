package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.lujing.audit.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log since a date; admins. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class AuditApiController implements ApiResource {

    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "The audit log since a date (default: 30 days ago); admins")
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Iterable<AuditLog.Entry> audit(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
        LocalDate from = since == null ? LocalDate.now(ConsoleQueries.SHANGHAI).minusDays(30) : since;
        // written as read, a page of entries at a time
        return audit.since(from.atStartOfDay(ConsoleQueries.SHANGHAI).toInstant());
    }
}
