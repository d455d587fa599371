package org.lujing.cli;

import java.nio.file.Path;
import java.time.LocalDate;
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

/**
 * {@code report [--period P] [--kind statistics|ledger|findings|quality] [--date D] [--out DIR] [--lang zh|en]}: writes
 * a report and prints its paths. Statistics and the ledger need a period; findings take an optional as-of date;
 * the data-quality report covers every received file.
 */
@Command(
        name = "report",
        description = "Write a report for a period (.xlsx for people, .json for machines) and print the paths.")
class ReportCommand implements Callable<Integer> {

    static final List<String> KINDS = List.of("statistics", "ledger", "findings", "quality");

    @Mixin
    HomeOptions options;

    @Option(
            names = "--period",
            paramLabel = "P",
            description = "2025, 2025-11, 2025-Q3 or 2025-03-01..2025-06-30 (required for statistics and ledger).")
    String period;

    @Option(
            names = "--kind",
            defaultValue = "statistics",
            paramLabel = "KIND",
            description = "statistics (default), ledger (个人台账), findings, or quality (rejected rows per file).")
    String kind;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "findings only: the findings that held on this date (default: those holding now).")
    String date;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder to write to (default: <home>/reports/<period>/).")
    Path out;

    @Option(
            names = "--lang",
            defaultValue = "zh",
            paramLabel = "zh|en",
            description = "Language of the workbook (default zh).")
    String lang;

    @Override
    public Integer call() {
        String k = kind.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new IllegalArgumentException("没有“" + kind + "”这种报表；可选 " + String.join("、", KINDS)
                    + " ‖ not a report kind: '" + kind + "'; use " + String.join(", ", KINDS));
        }
        boolean periodic = k.equals("statistics") || k.equals("ledger");
        if (periodic && period == null) {
            throw new IllegalArgumentException(
                    k + " 报表需要 --period（如 2025、2025-Q3、2025-11） ‖ the " + k + " report needs --period");
        }
        Period p = period == null ? null : Period.parse(period);
        LocalDate asOf;
        try {
            asOf = date == null ? null : LocalDate.parse(date.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "不是日期：“" + date + "”；请写成 2026-01-31 的样子 ‖ not a date: '" + date + "'; write it like 2026-01-31");
        }
        ReportLanguage.parse(lang); // a wrong --lang is refused before the application starts
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            ReportService reports = context.getBean(ReportService.class);
            List<Path> written = switch (k) {
                case "ledger" -> reports.writeLedger(p, out, lang);
                case "findings" -> reports.writeFindings(asOf, out, lang);
                case "quality" -> reports.writeQuality(out, lang);
                default -> reports.writeStatistics(p, out, lang);
            };
            written.forEach(path -> System.out.println(path.toAbsolutePath().normalize()));
        }
        return 0;
    }
}
