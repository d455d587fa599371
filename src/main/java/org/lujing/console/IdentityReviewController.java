package org.lujing.console;

import java.util.List;
import java.util.Map;
import org.lujing.identity.IdentityReview;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Scored matching's review queue and its automatic links' evidence (issue 13), for admins: each pending key beside the
 * person it may be, masked, with the levels and weights; accept links (as `identity link`), reject marks different
 * (as `identity different`), both audited. Its own controller and API ({@code /api/identity/review}), apart from
 * {@link ConsoleApiController}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class IdentityReviewController {

    private final IdentityReview review;
    private final org.lujing.audit.AuditLog audit;

    IdentityReviewController(IdentityReview review, org.lujing.audit.AuditLog audit) {
        this.review = review;
        this.audit = audit;
    }

    @GetMapping("/identity/review")
    String page(Model model) {
        model.addAttribute("queue", review.queue());
        model.addAttribute("links", review.links());
        model.addAttribute("queueCount", review.count("REVIEW"));
        model.addAttribute("linkCount", review.count("LINKED"));
        model.addAttribute("shown", IdentityReview.SHOWN);
        model.addAttribute("zh", !"en".equals(LocaleContextHolder.getLocale().getLanguage()));
        return "identity-review";
    }

    @PostMapping("/identity/review/{id}/{action}")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        try {
            decide(id, action, reason, user.getName());
            flash.addFlashAttribute("done", "review." + action + ".done");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/identity/review";
    }

    /** The queue ({@code ?links=true}: the automatic links) as JSON, the shapes of `identity review --json`. */
    @GetMapping("/api/identity/review")
    @ResponseBody
    List<IdentityReview.Entry> api(@RequestParam(defaultValue = "false") boolean links) {
        return links ? review.links() : review.queue();
    }

    @PostMapping("/api/identity/review/{id}/{action}")
    @ResponseBody
    ResponseEntity<Object> apiAct(
            @PathVariable long id,
            @PathVariable String action,
            @RequestBody(required = false) Map<String, String> body,
            Authentication user) {
        try {
            return ResponseEntity.ok(decide(id, action, body == null ? null : body.get("reason"), user.getName()));
        } catch (IllegalArgumentException e) {
            // no such entry waiting is 404, as for anything else the API does not have; a missing reason 400
            return ResponseEntity.status(
                            e instanceof IdentityReview.NoSuchEntryException
                                    ? org.springframework.http.HttpStatus.NOT_FOUND
                                    : org.springframework.http.HttpStatus.BAD_REQUEST)
                    .body(Map.of(
                            "message",
                            ReportLanguage.of(LocaleContextHolder.getLocale())
                                    .oneLanguage(String.valueOf(e.getMessage()))));
        }
    }

    private IdentityReview.Entry decide(long id, String action, String reason, String actor) {
        return switch (action) {
            case "accept" -> review.accept(id, actor, reason, audit::record);
            case "reject" -> review.reject(id, actor, reason, audit::record);
            default -> throw NotFoundException.action(action);
        };
    }
}
