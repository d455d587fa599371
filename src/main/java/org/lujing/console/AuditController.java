package org.lujing.console;

import java.time.LocalDate;
import org.lujing.audit.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, newest first: the newest {@value #SHOWN} entries since a date (admins only). */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditController {

    /** Entries the page shows at most: the newest; `audit` and the API give them all. */
    static final int SHOWN = 1_000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            Model model) {
        LocalDate from = since == null ? LocalDate.now(ConsoleQueries.SHANGHAI).minusDays(30) : since;
        AuditLog.Newest newest =
                audit.newest(from.atStartOfDay(ConsoleQueries.SHANGHAI).toInstant(), SHOWN);
        model.addAttribute("entries", newest.entries());
        model.addAttribute("total", newest.total());
        model.addAttribute("since", from);
        return "audit";
    }
}
