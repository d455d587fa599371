package org.lujing.console;

import java.io.IOException;
import java.nio.file.Path;
import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An operator drops a file into a source's inbox from the browser; the inbox route takes it from there. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadController {

    private final SourceCatalog sources;
    private final InboxUpload upload;

    UploadController(SourceCatalog sources, InboxUpload upload) {
        this.sources = sources;
        this.upload = upload;
    }

    @GetMapping("/upload")
    String form(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String refused,
            @org.springframework.beans.factory.annotation.Value("${lujing.ingest.max-file-bytes}") long limit,
            Model model) {
        model.addAttribute("sources", sources.all());
        if (refused != null && !model.containsAttribute("refused")) {
            // a form the container could not read, sent back here by MultipartGuard
            for (MultipartGuard.Refusal r : MultipartGuard.Refusal.values()) {
                if (r.name().equalsIgnoreCase(refused.strip())) {
                    model.addAttribute(
                            "refused",
                            MultipartGuard.message(r, limit, ReportLanguage.of(LocaleContextHolder.getLocale())));
                }
            }
        }
        return "upload";
    }

    @PostMapping("/upload")
    String upload(
            @RequestParam String source,
            @RequestParam("file") MultipartFile file,
            Authentication user,
            RedirectAttributes flash)
            throws IOException {
        try {
            Path stored = upload.store(
                    source, file.getOriginalFilename(), file.getSize(), file.getInputStream(), user.getName());
            String where = "inbox/" + source + "/" + stored.getFileName();
            flash.addFlashAttribute(
                    "doneText",
                    ReportLanguage.of(LocaleContextHolder.getLocale())
                            .pick(
                                    "已放入 " + where + "，稍后自动入库；结果见“文件”页。",
                                    where + ": received, to be ingested shortly; see Files."));
        } catch (InboxUpload.UploadRefusedException e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/upload";
    }
}
