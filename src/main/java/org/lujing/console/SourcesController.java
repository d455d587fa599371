package org.lujing.console;

import org.lujing.audit.AuditLog;
import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each source's mapping (headers, vocabulary) and the words seen but not mapped, with the YAML to add them. Admins
 * edit jobs/sources/<id>.yaml and reload here; then an operator retries the file's rejected rows.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SourcesController {

    private final SourceCatalog sources;
    private final ConsoleQueries queries;
    private final AuditLog audit;
    private final String jobsDir;

    SourcesController(
            SourceCatalog sources,
            ConsoleQueries queries,
            AuditLog audit,
            @Value("${lujing.jobs-dir}") String jobsDir,
            @Value("${lujing.install-dir:${user.dir}}") String installDir) {
        this.sources = sources;
        this.queries = queries;
        this.audit = audit;
        this.jobsDir = shown(jobsDir, installDir);
    }

    /**
     * The jobs folder as the page names it: relative to the installation ({@code jobs}) when it lies inside it, so the
     * page tells an admin which file to edit without showing the server's layout; as configured otherwise.
     */
    static String shown(String jobsDir, String installDir) {
        try {
            java.nio.file.Path jobs =
                    java.nio.file.Path.of(jobsDir).toAbsolutePath().normalize();
            java.nio.file.Path install =
                    java.nio.file.Path.of(installDir).toAbsolutePath().normalize();
            return jobs.startsWith(install) && !jobs.equals(install)
                    ? install.relativize(jobs).toString().replace('\\', '/')
                    : jobsDir;
        } catch (RuntimeException e) {
            return jobsDir;
        }
    }

    @GetMapping("/sources")
    String list(Model model) {
        model.addAttribute("sources", sources.all());
        model.addAttribute("unmapped", queries.unmappedWords());
        model.addAttribute("maxUnmapped", org.lujing.ingest.FileRegistry.MAX_UNMAPPED_WORDS);
        model.addAttribute("jobsDir", jobsDir);
        return "sources";
    }

    @PostMapping("/sources/reload")
    String reload(Authentication user, RedirectAttributes flash) {
        try {
            sources.reload();
            audit.record(
                    user.getName(),
                    "SOURCES_RELOAD",
                    jobsDir + "/sources",
                    null,
                    sources.all().size() + " sources");
            flash.addFlashAttribute("done", "sources.reload.done");
        } catch (RuntimeException e) {
            flash.addFlashAttribute(
                    "refused",
                    ReportLanguage.of(org.springframework.context.i18n.LocaleContextHolder.getLocale())
                            .oneLanguage(String.valueOf(e.getMessage())));
        }
        return "redirect:/sources";
    }
}
