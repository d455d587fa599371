package org.lujing.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.lujing.ledger.Period;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.report.StatisticsFormatter;
import org.lujing.source.AgencyDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: a period's statistics, the shape of {@code stats --json}. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "lujing")
class StatsApiController implements ApiResource {

    private final StatisticsQuery statistics;
    private final AgencyDirectory agencies;

    private final org.lujing.ingest.FileRegistry files;

    StatsApiController(StatisticsQuery statistics, AgencyDirectory agencies, org.lujing.ingest.FileRegistry files) {
        this.files = files;
        this.statistics = statistics;
        this.agencies = agencies;
    }

    @Operation(
            summary =
                    "A period's statistics (the shape of `stats --json`): 2025, 2025-Q3, 2025-11 or 2025-03-01..2025-06-30;"
                            + " `loadingFiles` files are being loaded, their rows so far counted")
    @GetMapping(path = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> stats(@RequestParam String period) {
        return StatisticsFormatter.json(
                statistics.compute(Period.parse(period), agencies::isPartner), files.inProgressCount());
    }
}
