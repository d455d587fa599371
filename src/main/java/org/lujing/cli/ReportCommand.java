package org.lujing.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lujing.ledger.Period;
import org.lujing.report.ReportLanguage;
import org.lujing.report.ReportService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report --period P [--kind statistics] [--out DIR] [--lang zh|en]}: writes a report and prints its paths. */
@Command(name = "report", description = "Write a report for a period (.xlsx for people, .json for machines) and print the paths.")
class ReportCommand implements Callable<Integer> {

    static final List<String> NOT_YET = List.of("ledger", "findings", "quality");

    @Mixin
    HomeOptions options;

    @Option(names = "--period", required = true, paramLabel = "P", description = "2025, 2025-11, 2025-Q3 or 2025-03-01..2025-06-30.")
    String period;

    @Option(names = "--kind", defaultValue = "statistics", paramLabel = "KIND",
            description = "statistics (default); ledger, findings and quality are not yet available.")
    String kind;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write to (default: <home>/reports/<period>/).")
    Path out;

    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en", description = "Language of the workbook (default zh).")
    String lang;

    @Override
    public Integer call() {
        Period p = Period.parse(period);
        String k = kind.strip().toLowerCase(Locale.ROOT);
        if (NOT_YET.contains(k)) {
            throw new IllegalArgumentException("the " + k + " report is not yet available; use --kind statistics");
        }
        if (!k.equals("statistics")) {
            throw new IllegalArgumentException("not a report kind: '" + kind + "'; use statistics");
        }
        ReportLanguage.parse(lang); // a wrong --lang is refused before the application starts
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            List<Path> written = context.getBean(ReportService.class).writeStatistics(p, out, lang);
            written.forEach(path -> System.out.println(path.toAbsolutePath().normalize()));
        }
        return 0;
    }
}
