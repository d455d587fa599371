package org.lujing.console;

import java.time.LocalDate;
import java.util.List;
import org.lujing.operations.JobQueries;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
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

    private final JobQueries jobs;
    private final JobActions actions;
    private final JobProgress progress;
    private final org.springframework.batch.core.repository.JobRepository jobRepository;
    private final ReaderPaths paths;

    JobsController(
            JobQueries jobs,
            JobActions actions,
            JobProgress progress,
            org.springframework.batch.core.repository.JobRepository jobRepository,
            ReaderPaths paths) {
        this.paths = paths;
        this.jobRepository = jobRepository;
        this.progress = progress;
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
        String wanted;
        try {
            wanted = status == null || status.isBlank() ? null : org.lujing.report.ReportLanguage.jobStatusCode(status);
        } catch (IllegalArgumentException e) {
            // a filter typed into the address: the page's error, not an empty list as if nothing had that status
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage());
        }
        model.addAttribute("executions", jobs.search(name, wanted, from, to, PAGE));
        model.addAttribute("name", name);
        model.addAttribute("status", wanted);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("statuses", new String[] {"STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED"});
        model.addAttribute("failedJobs", actions.failedJobNames());
        model.addAttribute("failedNights", jobs.nightsWithFailures(31));
        return "jobs";
    }

    /** The execution's progress as JSON, for the page's script (the session's sign-in, unlike /api). */
    @GetMapping(path = "/jobs/{id}/progress", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    java.util.Map<String, Object> progress(@PathVariable long id) {
        return progress.of(id, ReportLanguage.of(LocaleContextHolder.getLocale()))
                .orElseThrow(() -> NotFoundException.execution(id))
                .asJson();
    }

    /**
     * Admins: restart every failed execution of a job (or of all), or of one night, at once, with one reason for the
     * audit log.
     */
    @PostMapping("/jobs/restart-failed")
    String restartFailed(
            @RequestParam(required = false) String job,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate night,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        try {
            List<Long> ids = actions.restartFailed(job, night, reason, user.getName());
            ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
            flash.addFlashAttribute(
                    "doneText",
                    lang.pick(
                            "已提交重新运行 " + ids.size() + " 个失败的执行，刷新页面查看进度。",
                            ids.size() + " failed execution(s) are being restarted; reload to follow them."));
        } catch (JobActions.ActionRefusedException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/jobs";
    }

    @GetMapping("/jobs/{id}")
    String show(@PathVariable long id, Model model) {
        JobQueries.Execution execution = jobs.find(id).orElseThrow(() -> NotFoundException.execution(id));
        model.addAttribute("execution", execution);
        List<JobQueries.Step> steps = jobs.steps(id);
        model.addAttribute("steps", steps);
        List<JobQueries.Execution> instance = jobs.instanceExecutions(id);
        model.addAttribute("instance", instance);
        // restarted already: the later execution carries on, and this one offers no restart of its own
        JobQueries.Execution later = instance.stream()
                .filter(e -> e.id() > id)
                .reduce((first, second) -> second)
                .orElse(null);
        // given up: an abandoned execution makes its instance final, so nothing of it runs again
        JobQueries.Execution abandoned = instance.stream()
                .filter(e -> "ABANDONED".equals(e.status()))
                .findFirst()
                .orElse(null);
        boolean restartHelps = later == null && abandoned == null && restartHelps(id, execution);
        model.addAttribute("restartHelps", restartHelps);
        model.addAttribute("superseded", later != null);
        Explanation explanation =
                explain(withStepMessage(execution, () -> steps), LocaleContextHolder.getLocale(), restartHelps);
        if (explanation != null && later == null && abandoned != null) {
            ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
            explanation = new Explanation(
                    explanation.what(),
                    lang.pick(
                            "此任务已在执行 #" + abandoned.id() + " 被放弃，不能再重新运行；夜间任务请在命令行运行 nightly --date 日期" + " 开始新的一轮。",
                            "This job was given up at execution #" + abandoned.id() + " and cannot run again; start a"
                                    + " new round of a night with nightly --date DATE."));
        }
        if (explanation != null && later != null) {
            ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
            explanation = new Explanation(
                    explanation.what(),
                    lang.pick(
                            "已重新运行为 #" + later.id() + "（" + lang.jobStatus(later.status()) + "），请查看 #" + later.id()
                                    + "。",
                            "Restarted already as #" + later.id() + " (" + later.status() + "); see #" + later.id()
                                    + "."));
        }
        if (explanation != null) {
            // the failure's sentence may name a file by its server path: admins' (the trace below is theirs too)
            explanation = new Explanation(paths.forReader(explanation.what()), explanation.todo());
        }
        model.addAttribute("explanation", explanation);
        return "job";
    }

    /** What a failed or stopped execution says first, in words: what failed and what to do. */
    record Explanation(String what, String todo) {}

    /**
     * Whether a restart could succeed: an ingest whose archived copy is gone would fail again at once, so the page
     * says what to do instead of offering the button.
     */
    private boolean restartHelps(long id, JobQueries.Execution e) {
        if (!"fileIngestJob".equals(e.jobName())) {
            return true;
        }
        var execution = jobRepository.getJobExecution(id);
        String file = execution == null ? null : execution.getJobParameters().getString("file");
        return file == null || java.nio.file.Files.exists(java.nio.file.Path.of(file));
    }

    /**
     * The execution with the message of its last failed step when it has none of its own: Spring Batch keeps a failed
     * step's exception on the step, and the job's own exit message is often empty. The steps are read only then.
     */
    static JobQueries.Execution withStepMessage(
            JobQueries.Execution e, java.util.function.Supplier<List<JobQueries.Step>> stepsOf) {
        if (e.exitMessage() != null && !e.exitMessage().isBlank()) {
            return e;
        }
        List<JobQueries.Step> steps = stepsOf.get();
        for (int i = steps.size() - 1; i >= 0; i--) {
            JobQueries.Step s = steps.get(i);
            if ("FAILED".equals(s.status())
                    && s.exitMessage() != null
                    && !s.exitMessage().isBlank()) {
                return new JobQueries.Execution(
                        e.id(),
                        e.jobName(),
                        e.status(),
                        e.exitCode(),
                        s.exitMessage(),
                        e.startTime(),
                        e.endTime(),
                        e.parameters());
            }
        }
        return e;
    }

    static Explanation explain(JobQueries.Execution e, java.util.Locale locale) {
        return explain(e, locale, true);
    }

    static Explanation explain(JobQueries.Execution e, java.util.Locale locale, boolean restartHelps) {
        if (!"FAILED".equals(e.status()) && !"STOPPED".equals(e.status())) {
            return null;
        }
        ReportLanguage lang = ReportLanguage.of(locale);
        String message = e.exitMessage() == null ? "" : e.exitMessage().strip();
        // the exception's own sentence is the first line of the trace, after the exception's class name
        String first = message.lines().findFirst().orElse("");
        // a framework's wrapper ("Unable to process chunk") says nothing the reader can act on: its deepest cause
        // (a full disk, a refused connection) does; a sentence Lujing wrote itself stays first
        String deepest = message.lines()
                .filter(l -> l.startsWith("Caused by: "))
                .reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length()).strip())
                .orElse(null);
        if (deepest != null
                && !deepest.isBlank()
                && !first.contains(ReportLanguage.BILINGUAL)
                && !ReaderPaths.saidInChinese(first)) {
            first = deepest;
        }
        String cause = cause(first, lang);
        int colon = first.indexOf(": ");
        if (colon > 0 && first.substring(0, colon).matches("[\\w.$]+")) {
            first = first.substring(colon + 2);
        }
        String job = lang.jobName(e.jobName());
        String what = "STOPPED".equals(e.status())
                ? lang.pick(job + "被要求停止，已在一个提交点停下。", job + " was asked to stop and stopped at a commit.")
                : first.isBlank()
                        ? lang.pick(job + "失败，没有留下说明。", job + " failed without a message.")
                        : lang.pick(job + "失败：", job + " failed: ")
                                + (cause == null || first.contains(ReportLanguage.BILINGUAL)
                                        ? lang.oneLanguage(first)
                                        : cause + lang.pick("（系统原文：", " (") + first + lang.pick("）", ")"));
        String todo = !restartHelps
                ? lang.pick(
                        "入库读取的存档副本已不存在，现在重新运行无济于事：请把原文件（内容不变）放回任务参数 file 所指的存档位置，" + "然后点“重新运行”，文件会在自己的条目下完成。",
                        "The archived copy the ingest reads is gone, so a restart cannot help yet: put the original"
                                + " file back, unchanged, where the job's file parameter points, then press Restart; the"
                                + " file finishes under its own entry.")
                : "fileIngestJob".equals(e.jobName())
                        ? lang.pick(
                                "排除原因（如磁盘空间、数据库连接）后点“重新运行”：将从最后一次提交处继续，已写入的行不会重复。文件本身无法读取时不会失败，而是被隔离。",
                                "Fix the cause (disk space, the database) and press Restart: it continues after the last commit,"
                                        + " nothing is written twice. A file that cannot be read does not fail: it is quarantined.")
                        : lang.pick(
                                "排除原因后点“重新运行”；如果原因无法排除，请“放弃”该任务并记录原因。",
                                "Fix the cause and press Restart; if it cannot be fixed, Abandon the execution with a reason.");
        return new Explanation(what, todo);
    }

    /**
     * The usual causes of a failed job in words, told from the exception's first line (its class and its own
     * sentence, which stay English): null when the cause is none of them or the reader reads English.
     */
    static String cause(String firstLine, ReportLanguage lang) {
        if (lang == ReportLanguage.EN || ReaderPaths.saidInChinese(firstLine)) {
            // English, or a sentence Lujing wrote in Chinese already
            return null;
        }
        String l = firstLine.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("no space left on device") || l.contains("disk full")) {
            return "磁盘空间不足";
        }
        if (l.contains("outofmemoryerror") || l.contains("java heap space")) {
            return "内存不足";
        }
        if (l.contains("nosuchfileexception") || l.contains("no such file") || l.contains("filenotfoundexception")) {
            return "找不到文件";
        }
        if (l.contains("accessdeniedexception") || l.contains("permission denied")) {
            return "没有读写权限";
        }
        if (l.contains("connection") || l.contains("socketexception") || l.contains("communications link")) {
            return "数据库连接中断";
        }
        if (l.contains("timeout") || l.contains("timed out")) {
            return "操作超时";
        }
        return "出现了意外错误";
    }

    @PostMapping("/jobs/{id}/{action}")
    String act(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes flash) {
        JobAction wanted = JobAction.of(action);
        try {
            actions.apply(wanted, id, reason, user.getName());
            flash.addFlashAttribute("done", "job." + wanted.word() + ".done");
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
