package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.lujing.reconcile.FindingStatus;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.StoredFinding;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/findings}: the findings holding now (the shape of {@code findings --json}), acknowledged or resolved. */
@RestController
@RequestMapping(path = "/api/findings", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class FindingsApiController implements ApiResource {

    private final FindingsService findings;

    FindingsApiController(FindingsService findings) {
        this.findings = findings;
    }

    @Operation(summary = "Findings holding now (the shape of `findings --json`)")
    @GetMapping
    Iterable<Map<String, Object>> findings(
            @RequestParam(required = false) String rule, @RequestParam(required = false) String status) {
        FindingStatus wanted = status == null || status.isBlank() ? null : FindingStatus.parse(status);
        // written as read, a page of findings at a time (an unknown rule is refused before the answer starts)
        Iterable<StoredFinding> all = findings.inOrder(null, rule, wanted);
        return () -> java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .map(StoredFinding::asJson)
                .iterator();
    }

    @Operation(summary = "Acknowledge or resolve a finding with a note; operators")
    @PostMapping("/{id}/{action}")
    Map<String, Object> findingAction(
            @PathVariable long id, @PathVariable String action, @RequestParam String note, Authentication user) {
        return switch (action) {
            case "acknowledge" -> findings.acknowledge(id, note, user.getName()).asJson();
            case "resolve" -> findings.resolve(id, note, user.getName()).asJson();
            default -> throw NotFoundException.action(action);
        };
    }
}
