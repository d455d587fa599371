package org.lujing.cli;

import java.util.concurrent.Callable;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.report.StatisticsFormatter;
import org.lujing.source.AgencyDirectory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stats --period P [--json]}: the period's figures per category, counted over people on the roster. */
@Command(
        name = "stats",
        description =
                "Statistics for a period: 2025, 2025-11, 2025-Q3, 2025-03..2025-06 or 2025-03-01..2025-06-30 (or 2025年3月至6月).")
class StatsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--period",
            required = true,
            paramLabel = "P",
            description =
                    "The period: 2025, 2025-11, 2025-Q3, 2025-03..2025-06 or 2025-03-01..2025-06-30 (or 2025年3月至6月).")
    String period;

    @Option(names = "--json", description = "Print one JSON object and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        Period p = Period.parse(period);
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            System.out.print(render(context, p, json));
        }
        return 0;
    }

    static String render(ConfigurableApplicationContext context, Period p, boolean json) {
        AgencyDirectory agencies = context.getBean(AgencyDirectory.class);
        Statistics s = context.getBean(StatisticsQuery.class).compute(p, agencies::isPartner);
        long loading = context.getBean(org.lujing.ingest.FileRegistry.class).inProgressCount();
        return json
                ? Json.write(StatisticsFormatter.json(s, loading)) + "\n"
                : StatisticsFormatter.table(s, CliWords.lang())
                        + StatisticsFormatter.loadingLine(loading, CliWords.lang());
    }
}
