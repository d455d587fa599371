package org.lujing.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.lujing.files.PrivateFiles;
import org.lujing.home.LujingProperties;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes reports for people (.xlsx) and, beside them, the same figures for machines (.json). */
@Service
public class ReportService {

    /** Indented; a generator it makes leaves its stream open, to whoever opened it (the quality report's). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(tools.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final StatisticsBreakdownQuery breakdown;
    private final AgencyDirectory agencies;
    private final LujingProperties properties;
    private final LedgerWorkbook ledger;
    private final FindingsWorkbook findings;
    private final QualityWorkbook quality;
    private final org.lujing.ingest.FileRegistry files;
    private final String community;
    private final String issuer;

    public ReportService(
            StatisticsBreakdownQuery breakdown,
            AgencyDirectory agencies,
            LujingProperties properties,
            LedgerWorkbook ledger,
            FindingsWorkbook findings,
            QualityWorkbook quality,
            org.lujing.ingest.FileRegistry files,
            @Value("${lujing.report.community:麓景社区}") String community,
            @Value("${lujing.report.issuer:麓景社区居民委员会}") String issuer) {
        this.breakdown = breakdown;
        this.agencies = agencies;
        this.properties = properties;
        this.ledger = ledger;
        this.findings = findings;
        this.quality = quality;
        this.files = files;
        this.community = community;
        this.issuer = issuer;
    }

    /** The folder a period's reports go to when none is given: {@code <home>/reports/<period>/}. */
    public Path defaultDirectory(Period period) {
        return properties.reports().resolve(period.label().replace("..", "_"));
    }

    /**
     * Writes {@code statistics-<period>.xlsx} and {@code statistics-<period>.json} into {@code outDir} (the default
     * folder when null) and returns their paths, workbook first.
     */
    public List<Path> writeStatistics(Period period, Path outDir, String lang) {
        ReportLanguage language = ReportLanguage.parse(lang);
        Path dir = outDir != null ? outDir : defaultDirectory(period);
        String base = "statistics-" + period.label().replace("..", "_");
        // not StatisticsQuery: its period-wide DISTINCT tables fill a small heap on a million-record year
        var content = breakdown.content(period, agencies::isPartner);
        Statistics s = content.statistics();
        Path xlsx = dir.resolve(base + ".xlsx");
        Path json = dir.resolve(base + ".json");
        try {
            long loading = files.inProgressCount();
            StatisticsWorkbookWriter.write(
                    content, language, new ReportHeading(community, issuer, LocalDate.now(), loading), xlsx);
            var document = StatisticsFormatter.json(content);
            document.put("loadingFiles", loading);
            PrivateFiles.writeString(json, JSON.writeValueAsString(document) + "\n");
            org.lujing.home.PrivateFolders.restrictFile(json);
        } catch (IOException e) {
            throw WriteFailure.of("统计报表", "the statistics report", dir, e);
        }
        return List.of(xlsx, json);
    }

    /**
     * Writes the per-person ledger {@code ledger-<period>.xlsx} (counted records by person, then the pending ones)
     * into {@code outDir} (the period's default folder when null) and returns its path. No JSON: the ledger is
     * streamed and can be large; machines read the ledger through the API.
     */
    public List<Path> writeLedger(Period period, Path outDir, String lang) {
        return writeLedger(period, null, outDir, lang);
    }

    /**
     * The same for one person of the roster ({@code person}: their number, as {@code subjects} lists it; null for
     * everyone): {@code ledger-<period>-person-<N>.xlsx}, their records and a summary by category.
     */
    public List<Path> writeLedger(Period period, Long person, Path outDir, String lang) {
        ReportLanguage language = ReportLanguage.parse(lang);
        Path dir = outDir != null ? outDir : defaultDirectory(period);
        String stem = "ledger-" + period.label().replace("..", "_");
        if (person == null) {
            Path xlsx = dir.resolve(stem + ".xlsx");
            ledger.write(period, language, xlsx);
            return List.of(xlsx);
        }
        Path xlsx = dir.resolve(stem + "-person-" + person + ".xlsx");
        ledger.writePerson(period, person, language, xlsx);
        return List.of(xlsx);
    }

    /**
     * Writes {@code findings-<date>.xlsx} and {@code .json}: the findings that held on {@code date} (null: those
     * holding now, {@code findings-current}), into {@code outDir} (default {@code <home>/reports/findings/}).
     */
    public List<Path> writeFindings(LocalDate date, Path outDir, String lang) {
        ReportLanguage language = ReportLanguage.parse(lang);
        Path dir = outDir != null ? outDir : properties.reports().resolve("findings");
        String base = "findings-" + (date == null ? "current" : date.toString());
        Path xlsx = dir.resolve(base + ".xlsx");
        findings.write(date, language, xlsx);
        // written as read, like the workbook: the findings of a wrong roster period can be one per record
        Path json = writeJson(dir, base, findings.json(date));
        return List.of(xlsx, json);
    }

    /**
     * Writes {@code quality.xlsx} and {@code quality.json}: every received file's accounting and its rejected rows
     * with what to fix, into {@code outDir} (default {@code <home>/reports/quality/}).
     */
    public List<Path> writeQuality(Path outDir, String lang) {
        ReportLanguage language = ReportLanguage.parse(lang);
        Path dir = outDir != null ? outDir : properties.reports().resolve("quality");
        Path xlsx = dir.resolve("quality.xlsx");
        // both read the files a thousand at a time: years of files, or a flood of them, are never held at once
        quality.write(language, xlsx);
        // streamed: the rejected rows of every file would not fit the heap as one document
        Path json = writeJson(dir, "quality", quality::writeJson);
        return List.of(xlsx, json);
    }

    private static Path writeJson(Path dir, String base, Object value) {
        return writeJson(dir, base, g -> JSON.writeValue(g, value));
    }

    /**
     * Writes {@code <base>.json} under {@code dir} as it is generated (never as one String), private to the service
     * user.
     */
    private static Path writeJson(
            Path dir, String base, java.util.function.Consumer<tools.jackson.core.JsonGenerator> content) {
        Path json = dir.resolve(base + ".json");
        try {
            PrivateFiles.write(json, out -> {
                try (tools.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
                    content.accept(g);
                    g.writeRaw('\n');
                }
            });
            org.lujing.home.PrivateFolders.restrictFile(json);
        } catch (IOException e) {
            throw WriteFailure.of("报表", "the report", json, e);
        }
        return json;
    }
}
