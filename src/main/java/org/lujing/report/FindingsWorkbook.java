package org.lujing.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.normalise.Masking;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.StoredFinding;
import org.lujing.report.ColumnSheet.Column;
import org.springframework.stereotype.Component;

/** The findings workbook (核查发现) holding on a date, and the same findings as JSON for machines. */
@Component
class FindingsWorkbook {

    private final FindingsService findings;
    private final FileRegistry files;
    private final ReportWords words;

    FindingsWorkbook(FindingsService findings, FileRegistry files, ReportWords words) {
        this.findings = findings;
        this.files = files;
        this.words = words;
    }

    static String findingsSheet(ReportLanguage lang) {
        return lang.pick("核查发现", "Findings");
    }

    List<Column<StoredFinding>> columns(ReportLanguage lang, Map<Long, String> names) {
        return List.of(
                Column.of("规则", "Rule", 20, f -> lang.ruleName(f.rule())),
                Column.of("严重程度", "Severity", 10, f -> lang.severity(f.severity())),
                Column.of("人员（脱敏）", "Person (masked)", 28, f -> Masking.value(f.personMasked())),
                Column.of("来源", "Source", 20, f -> words.source(f.sourceId())),
                Column.of("文件", "File", 36, f -> fileName(f, names)),
                Column.wrapped("详情", "Details", 50, f -> Masking.value(lang.oneLanguage(f.details()))),
                Column.of(
                        "首次发现",
                        "First seen",
                        12,
                        f -> f.firstSeen() == null ? "" : f.firstSeen().toString()),
                Column.of(
                        "最近发现",
                        "Last seen",
                        12,
                        f -> f.lastSeen() == null ? "" : f.lastSeen().toString()),
                Column.of("状态", "Status", 14, f -> lang.findingStatus(f.status())),
                Column.of("备注", "Note", 30, f -> Masking.value(f.statusNote())),
                // the rule's code for admins (findings --rule), in its own narrow column at the end
                Column.code("规则代码", "Rule code", 14, f -> f.rule()));
    }

    /** Writes the findings holding on {@code date} (null: holding now), read a page at a time as the sheet is written. */
    public void write(LocalDate date, ReportLanguage lang, Path file) {
        Map<Long, String> names = new HashMap<>();
        ReportWorkbook.write(file, lang.pick("核查发现", "Findings"), lang, (wb, cells) -> {
            ColumnSheet<StoredFinding> sheet =
                    ColumnSheet.create(wb, cells, findingsSheet(lang), lang, 0, columns(lang, names));
            findings.inOrder(date, null, null).forEach(sheet::add);
        });
    }

    /**
     * The findings for the JSON beside the workbook, read again a page at a time as the JSON is written: the one
     * shape of {@code findings --json} and {@code /api/findings} ({@link StoredFinding#asJson()}), its free texts
     * masked once more, plus {@code file} (the file's masked name) and {@code note} (the status note under the name
     * this JSON had before it shared that shape).
     */
    Iterable<Map<String, Object>> json(LocalDate date) {
        Map<Long, String> names = new HashMap<>();
        Iterable<StoredFinding> all = findings.inOrder(date, null, null);
        return () -> java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .map(f -> {
                    Map<String, Object> m = f.asJson();
                    m.replaceAll((k, v) -> v instanceof String text && MASKED.contains(k) ? Masking.value(text) : v);
                    m.put("file", f.fileId() == null ? null : fileName(f, names));
                    m.put("note", m.get("statusNote"));
                    return m;
                })
                .iterator();
    }

    /** Fields that carry partners' or admins' free text. */
    private static final java.util.Set<String> MASKED = java.util.Set.of("person", "details", "statusNote");

    /**
     * The file's masked name, looked up once per file a finding names ({@code names} keeps them for the one output):
     * not every file ever received.
     */
    private String fileName(StoredFinding f, Map<Long, String> names) {
        if (f.fileId() == null) {
            return "";
        }
        String name = names.computeIfAbsent(
                f.fileId(), id -> files.find(id).map(IngestedFile::fileName).orElse("#" + id));
        return Masking.value(name);
    }
}
