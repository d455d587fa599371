package org.lujing.console;

import java.time.LocalDate;
import org.lujing.operations.JobsService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Job executions: filter, read each one's steps, and (admins) restart, stop or abandon with a reason. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class JobsController {

    static final int PAGE = 200;

    private final JobsService jobs;
    private final JobActions actions;

    JobsController(JobsService jobs, JobActions actions) {
        this.jobs = jobs;
        this.actions = actions;
    }

    @GetMapping("/jobs")
    String list(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        model.addAttribute("executions", jobs.search(name, wanted, from, to, PAGE));
        model.addAttribute("name", name);
        model.addAttribute("status", wanted);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("statuses", new String[] {"STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED"});
        return "jobs";
    }

    @GetMapping("/jobs/{id}")
    String show(@PathVariable long id, Model model) {
        JobsService.Execution execution =
                jobs.find(id).orElseThrow(() -> new NotFoundException("job execution #" + id));
        model.addAttribute("execution", execution);
        model.addAttribute("steps", jobs.steps(id));
        model.addAttribute("instance", jobs.instanceExecutions(id));
        return "job";
    }

    @PostMapping("/jobs/{id}/{action}")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        try {
            switch (action) {
                case "restart" -> actions.restart(id, reason, user.getName());
                case "stop" -> actions.stop(id, reason, user.getName());
                case "abandon" -> actions.abandon(id, reason, user.getName());
                default -> throw new NotFoundException("action " + action);
            }
            flash.addFlashAttribute("done", "job." + action + ".done");
        } catch (JobActions.ActionRefusedException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        } catch (NotFoundException e) {
            throw e;
        } catch (Exception e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/jobs/" + id;
    }
}
