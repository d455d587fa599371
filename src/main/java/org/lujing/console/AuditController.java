package org.lujing.console;

import java.time.LocalDate;
import org.lujing.audit.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, newest first (admins only). */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            Model model) {
        LocalDate from = since == null ? LocalDate.now(ConsoleQueries.SHANGHAI).minusDays(30) : since;
        var entries = new java.util.ArrayList<>(
                audit.since(from.atStartOfDay(ConsoleQueries.SHANGHAI).toInstant()));
        java.util.Collections.reverse(entries);
        model.addAttribute("entries", entries);
        model.addAttribute("since", from);
        return "audit";
    }
}
