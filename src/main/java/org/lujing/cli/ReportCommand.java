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
            description =
                    "2025, 2025-11, 2025-Q3, 2025-03..2025-06 or 2025-03-01..2025-06-30 (or 2025年3月至6月) (required for statistics and ledger).")
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
            names = "--person",
            paramLabel = "N",
            description = "ledger only: one person's ledger (their number, as `subjects` lists it: 3 or #3), with a"
                    + " summary by category — the pages to hand to a supervisor.")
    String person;

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
        Long personNumber = PersonNumber.parse("--person", person);
        if (personNumber != null && !k.equals("ledger")) {
            throw new IllegalArgumentException("--person 只用于 ledger 报表（个人台账） ‖ --person is for the ledger report only");
        }
        LocalDate asOf;
        try {
            asOf = date == null ? null : LocalDate.parse(date.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "不是日期：“" + date + "”；请写成 2026-01-31 的样子 ‖ not a date: '" + date + "'; write it like 2026-01-31");
        }
        ReportLanguage.parse(lang); // a wrong --lang is refused before the application starts
        if (out != null && java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " 是一个文件，不是文件夹：请给出报表要写入的文件夹 ‖ --out " + out
                    + " is a file, not a folder: give the folder to write the report into");
        }
        // accepted as before (scripts pass them), but said: a worker would otherwise take the report for that period
        for (String unused : ignored(k)) {
            System.err.println(CliWords.lang().oneLanguage(unused));
        }
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            ReportService reports = context.getBean(ReportService.class);
            List<Path> written = switch (k) {
                case "ledger" -> reports.writeLedger(p, personNumber, out, lang);
                case "findings" -> reports.writeFindings(asOf, out, lang);
                case "quality" -> reports.writeQuality(out, lang);
                default -> reports.writeStatistics(p, out, lang);
            };
            written.forEach(path -> System.out.println(path.toAbsolutePath().normalize()));
        }
        return 0;
    }

    /** The options given that this kind of report does not use, each as a sentence in both languages. */
    List<String> ignored(String k) {
        List<String> notes = new java.util.ArrayList<>();
        if (period != null && (k.equals("findings") || k.equals("quality"))) {
            notes.add(
                    k.equals("findings")
                            ? "注意：findings 报表不按期间，--period 未使用：它列出某一天（--date，默认今天）仍在的核查发现"
                                    + " ‖ note: the findings report has no period; --period is not used: it lists the findings"
                                    + " holding on one day (--date, default today)"
                            : "注意：quality 报表不按期间，--period 未使用：它列出每个文件的核算和待处理的拒收行"
                                    + " ‖ note: the quality report has no period; --period is not used: it lists every file's"
                                    + " accounting and its rejected rows still to fix");
        }
        if (date != null && !k.equals("findings")) {
            notes.add("注意：--date 只用于 findings 报表，这里未使用 ‖ note: --date is for the findings report only; not"
                    + " used here");
        }
        return notes;
    }
}
