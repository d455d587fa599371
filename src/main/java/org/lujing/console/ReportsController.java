package org.lujing.console;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The reports written under reports/ (by the nightly chain or `report`), to download. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportsController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ConsoleQueries queries;

    ReportsController(ConsoleQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/reports")
    String list(Model model) {
        model.addAttribute("reports", queries.reports());
        return "reports";
    }

    @GetMapping("/reports/download")
    ResponseEntity<Resource> download(@RequestParam String path) {
        Path report = queries.report(path).orElseThrow(() -> NotFoundException.report(path));
        return FilesController.download(report, path.endsWith(".json") ? MediaType.APPLICATION_JSON : XLSX);
    }
}
