package org.lujing.console;

import org.lujing.reconcile.FindingStatus;
import org.lujing.reconcile.FindingWords;
import org.lujing.reconcile.FindingsService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Reconciliation findings holding now: read, and (operators) acknowledge or resolve with a note. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FindingsController {

    private final FindingsService findings;

    FindingsController(FindingsService findings) {
        this.findings = findings;
    }

    static final int PAGE = 200;

    @GetMapping("/findings")
    String list(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        try {
            FindingStatus wanted = status == null || status.isBlank() ? null : FindingStatus.parse(status);
            String ruleWanted = rule == null || rule.isBlank() ? null : rule;
            // a page at a time, read a page at a time: a wrong supervision period is a finding per record
            Paging<FindingsService.Page> read = Paging.read(
                    page, PAGE, p -> findings.page(ruleWanted, wanted, p, PAGE), FindingsService.Page::total);
            model.addAttribute("findings", read.found().findings());
            model.addAttribute("page", read.page());
            model.addAttribute("pages", read.pages());
        } catch (IllegalArgumentException e) {
            // a filter typed into the address: the page's error, not a server failure
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage());
        }
        model.addAttribute("rule", rule);
        model.addAttribute("status", status);
        model.addAttribute("statuses", FindingStatus.values());
        model.addAttribute("rules", FindingWords.codes());
        return "findings";
    }

    @PostMapping("/findings/{id}/{action}")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) String note,
            Authentication user,
            RedirectAttributes flash) {
        try {
            switch (action) {
                case "acknowledge" -> findings.acknowledge(id, note, user.getName());
                case "resolve" -> findings.resolve(id, note, user.getName());
                default -> throw NotFoundException.action(action);
            }
            flash.addFlashAttribute("done", "finding." + action + ".done");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/findings";
    }
}
