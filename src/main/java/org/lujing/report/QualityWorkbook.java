package org.lujing.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.lujing.ingest.RejectedRow;
import org.lujing.ingest.RejectedRows;
import org.lujing.normalise.Masking;
import org.lujing.normalise.ReasonCode;
import org.lujing.read.ReadingNote;
import org.lujing.read.SheetHeader;
import org.lujing.read.SheetHeaders;
import org.lujing.report.ColumnSheet.Column;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;

/**
 * The data-quality workbook: every received file's accounting (文件汇总), its rejected rows with what to fix (拒收行)
 * and how the reader read what it accepted (读取说明); and the same as JSON for machines.
 */
@Component
class QualityWorkbook {

    private final FileRegistry files;
    private final RejectedRows rejects;
    private final ReportWords words;

    QualityWorkbook(FileRegistry files, RejectedRows rejects, ReportWords words) {
        this.files = files;
        this.rejects = rejects;
        this.words = words;
    }

    /** Value columns at most on 拒收行; a wider partner row keeps its first cells (all of them are in the JSON). */
    static final int MAX_VALUE_COLUMNS = 30;

    static String filesSheet(ReportLanguage lang) {
        return lang.pick("文件汇总", "Files");
    }

    static String rejectsSheet(ReportLanguage lang) {
        return lang.pick("拒收行", "Rejected rows");
    }

    static String notesSheet(ReportLanguage lang) {
        return lang.pick("读取说明", "Reading notes");
    }

    /**
     * A file's accounting, its reading notes and the header row of each of its sheets as the partner wrote it (by
     * sheet; empty for a file loaded before headers were kept). Its rejected rows are not held here: a file can have a
     * million of them, and they are read a page at a time as they are written ({@link RejectedRows}).
     */
    record FileQuality(IngestedFile file, List<ReadingNote> notes, SheetHeaders headers) {}

    /** A rejected row with its file and its values, one string per cell of the partner's row. */
    record Reject(IngestedFile file, RejectedRow row, List<String> values) {}

    /** A reading note with its file. */
    record Note(IngestedFile file, ReadingNote note) {}

    /**
     * Every registered file with its notes and headers, in the order received, read as it is iterated: a page of
     * files at a time ({@link FileRegistry#pagesInOrder()}), with those files' notes and headers in one query each.
     * Every file at once, with every file's notes, was the report's whole history on the heap.
     */
    Iterable<FileQuality> quality() {
        return () -> files.pagesInOrder()
                .flatMap(page -> {
                    long from = page.get(0).id();
                    long to = page.get(page.size() - 1).id();
                    Map<Long, List<ReadingNote>> notes = files.notes(from, to);
                    Map<Long, SheetHeaders> headers = files.sheetHeaders(from, to);
                    return page.stream()
                            .map(f -> new FileQuality(
                                    f,
                                    notes.getOrDefault(f.id(), List.of()),
                                    headers.getOrDefault(f.id(), SheetHeaders.NONE)));
                })
                .iterator();
    }

    /**
     * A file as the workbook names it: its name and its number ({@code 2025年11月法学院普法记录.csv（#4）}), so that a file
     * and its corrected copy under the same name read apart, and a duplicate's note (与文件 #4 内容相同) can be followed.
     */
    static String fileLabel(IngestedFile f, ReportLanguage lang) {
        return Masking.value(f.fileName()) + lang.pick("（#" + f.id() + "）", " (#" + f.id() + ")");
    }

    List<Column<IngestedFile>> fileColumns(ReportLanguage lang) {
        return List.of(
                Column.of("文件", "File", 40, f -> fileLabel(f, lang)),
                Column.of("来源", "Source", 22, f -> words.source(f.sourceId())),
                Column.of("处理结果", "Outcome", 24, f -> lang.fileOutcome(f.outcome())),
                Column.of("读取行", "Read", 8, f -> BigDecimal.valueOf(f.rowsRead())),
                Column.of("接受", "Accepted", 8, f -> BigDecimal.valueOf(f.accepted())),
                Column.of("合并", "Merged", 8, f -> BigDecimal.valueOf(f.merged())),
                Column.of("拒收", "Rejected", 8, f -> BigDecimal.valueOf(f.rejected())),
                Column.of("跳过", "Skipped", 8, f -> BigDecimal.valueOf(f.skipped())),
                Column.wrapped("说明", "Message", 40, f -> Masking.value(lang.oneLanguage(f.message()))),
                Column.code("结果代码", "Outcome code", 14, f -> f.outcome()));
    }

    /**
     * The rejected rows: where, why and what to fix in words, the reason's code in a narrow column, then the row's
     * masked values one column per cell of the partner's row ({@code values} columns), whole numbers without
     * {@code .0}.
     */
    List<Column<Reject>> rejectColumns(ReportLanguage lang, int values) {
        List<Column<Reject>> c = new ArrayList<>(List.of(
                Column.of("文件", "File", 34, x -> fileLabel(x.file(), lang)),
                Column.of("工作表", "Sheet", 10, x -> Masking.value(x.row().sheet())),
                Column.of("行号", "Row", 6, x -> BigDecimal.valueOf(x.row().rowNo())),
                Column.of("列", "Column", 10, x -> Masking.value(x.row().columnName())),
                Column.of("原因", "Reason", 16, x -> lang.reasonName(x.row().reason())),
                Column.wrapped(
                        "说明",
                        "Message",
                        30,
                        x -> Masking.value(
                                words.rejectMessage(x.row().message(), x.row().sourceId(), lang))),
                Column.wrapped(
                        "如何修改",
                        "What to fix",
                        30,
                        x -> "RESOLVED".equals(x.row().status())
                                ? lang.pick("已在重新处理时计入台账，无需修改", "Taken in by a retry: nothing to fix")
                                : "CLOSED".equals(x.row().status())
                                        ? lang.pick(
                                                "已另行处理（如已重新交来更正后的文件），无需修改",
                                                "Handled otherwise (e.g. sent again corrected): nothing to fix")
                                        : "WITHDRAWN".equals(x.row().status())
                                                ? lang.pick("所在文件已撤回，无需修改", "Its file was withdrawn: nothing to fix")
                                                : advice(x.row().reason(), lang)),
                Column.of("状态", "Status", 8, x -> lang.rejectStatus(x.row().status())),
                Column.code("原因代码", "Reason code", 14, x -> x.row().reason())));
        for (int i = 0; i < values; i++) {
            int n = i;
            c.add(Column.of(
                    cellLabel(i, ReportLanguage.ZH),
                    cellLabel(i, ReportLanguage.EN),
                    10,
                    x -> n < x.values().size() ? Masking.value(x.values().get(n)) : null));
        }
        return c;
    }

    /** A value column's title when the partner's header is not known: 原表第3列 (Cell 3). */
    static String cellLabel(int index, ReportLanguage lang) {
        return lang.pick("原表第" + (index + 1) + "列", "Cell " + (index + 1));
    }

    /** Where 拒收行's value columns start: after the fixed columns of {@link #rejectColumns}. */
    static final int FIRST_VALUE_COLUMN = 9;

    /**
     * The heading of a block of rejected rows of one file and sheet: the file, the sheet, where its header stands, and
     * over the value columns the partner's own titles, 原表第N列 where a title cell is empty, nothing beyond the header.
     */
    static List<String> blockHeading(IngestedFile file, SheetHeader header, int values, ReportLanguage lang) {
        List<String> cells = new ArrayList<>();
        cells.add(fileLabel(file, lang));
        cells.add(Masking.value(header.sheet()));
        cells.add(null);
        cells.add(null);
        cells.add(null);
        cells.add(lang.pick(
                "原表表头（第 " + header.rowNumber() + " 行），以下各行的取值按此列出",
                "The partner's header (row " + header.rowNumber() + "); the values below stand under it"));
        while (cells.size() < FIRST_VALUE_COLUMN) {
            cells.add(null);
        }
        // beyond the partner's header the sheet has no column: left empty (the top row still says 原表第N列)
        for (int i = 0; i < Math.min(values, header.cells().size()); i++) {
            String title = header.cells().get(i);
            cells.add(title == null || title.isBlank() ? cellLabel(i, lang) : Masking.value(title));
        }
        return cells;
    }

    static List<Column<Note>> noteColumns(ReportLanguage lang) {
        return List.of(
                Column.of("文件", "File", 40, n -> fileLabel(n.file(), lang)),
                Column.of("工作表", "Sheet", 14, n -> Masking.value(n.note().sheet())),
                Column.of(
                        "涉及行",
                        "Rows",
                        24,
                        n -> lang.pick(n.note().rowsText(), n.note().rowsTextEn())),
                // the code stays where scripts and PartnerLayoutsIntegrationTests read it, before the words
                Column.code("代码", "Code", 20, n -> n.note().kind()),
                Column.wrapped(
                        "说明",
                        "What was decided",
                        70,
                        n -> Masking.value(lang.pick(n.note().zh(), n.note().en()))));
    }

    /**
     * Writes the workbook in three passes over the files as {@link #quality()} reads them: the summary with the
     * widest partner row, then the rejected rows under their sheets' headers, then the reading notes.
     */
    public void write(ReportLanguage lang, Path file) {
        ReportWorkbook.write(file, lang.pick("数据质量报告", "Data quality report"), lang, (wb, cells) -> {
            ColumnSheet<IngestedFile> summary =
                    ColumnSheet.create(wb, cells, filesSheet(lang), lang, 1, fileColumns(lang));
            // the widest partner row decides the value columns: a first pass that keeps nothing, as the summary is
            // written
            int[] widest = {0};
            for (FileQuality q : quality()) {
                IngestedFile f = q.file();
                summary.add(f);
                q.headers()
                        .all()
                        .forEach(h -> widest[0] = Math.max(widest[0], h.cells().size()));
                rejects.forEach(
                        f.id(),
                        false,
                        x -> widest[0] = Math.max(
                                widest[0], ReportWords.values(x.maskedValues()).size()));
            }
            int values = Math.min(widest[0], MAX_VALUE_COLUMNS);
            ColumnSheet<Reject> sheet =
                    ColumnSheet.create(wb, cells, rejectsSheet(lang), lang, 0, rejectColumns(lang, values));
            // a file's rejected rows come sheet by sheet, top to bottom; a block of rows read under one known header
            // (a sheet's, or each table's of a sheet holding several) is headed with it
            for (FileQuality q : quality()) {
                IngestedFile f = q.file();
                SheetHeaders headers = q.headers();
                String[] block = {null};
                SheetHeader[] under = {null};
                rejects.forEach(f.id(), false, x -> {
                    SheetHeader h = headers.forRow(x.sheet(), x.rowNo());
                    if (!x.sheet().equals(block[0]) || h != under[0]) {
                        block[0] = x.sheet();
                        under[0] = h;
                        if (h != null) {
                            sheet.addHeading(blockHeading(f, h, values, lang));
                        }
                    }
                    sheet.add(new Reject(f, x, ReportWords.values(x.maskedValues())));
                });
            }
            // how the reader read what it accepted: sheets passed over, merged cells, years and categories supplied
            ColumnSheet<Note> notes = ColumnSheet.create(wb, cells, notesSheet(lang), lang, 0, noteColumns(lang));
            for (FileQuality q : quality()) {
                q.notes().forEach(n -> notes.add(new Note(q.file(), n)));
            }
        });
    }

    /** The reason's advice in the report's language (the advice holds Chinese, then English, split by " / "). */
    static String advice(String reason, ReportLanguage lang) {
        try {
            String both = ReasonCode.valueOf(reason).advice();
            int slash = both.indexOf(" / ");
            if (slash < 0) {
                return both;
            }
            return lang.pick(both.substring(0, slash), both.substring(slash + 3));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * The same as JSON for machines, written as it is read: each file's accounting, its rejected rows (a page at a
     * time, never all held), its reading notes and its sheets' headers.
     */
    void writeJson(JsonGenerator json) {
        json.writeStartArray();
        for (FileQuality q : quality()) {
            IngestedFile f = q.file();
            json.writeStartObject();
            json.writeStringProperty("file", Masking.value(f.fileName()));
            json.writeStringProperty("source", f.sourceId());
            json.writeStringProperty("outcome", f.outcome());
            json.writeNumberProperty("read", f.rowsRead());
            json.writeNumberProperty("accepted", f.accepted());
            json.writeNumberProperty("merged", f.merged());
            json.writeNumberProperty("rejected", f.rejected());
            json.writeNumberProperty("skipped", f.skipped());
            json.writeName("rejects");
            json.writeStartArray();
            rejects.forEach(f.id(), false, x -> {
                Map<String, Object> rr = new LinkedHashMap<>();
                rr.put("sheet", Masking.value(x.sheet()));
                rr.put("row", x.rowNo());
                rr.put("column", x.columnName() == null ? null : Masking.value(x.columnName()));
                rr.put("reason", x.reason());
                rr.put("message", Masking.value(x.message()));
                rr.put("values", x.maskedValues() == null ? null : Masking.value(x.maskedValues()));
                // the same values as an array of cells, as the workbook shows them (13, not "13.0"); "values" keeps
                // the stored JSON text for the scripts that read it
                rr.put(
                        "cells",
                        ReportWords.values(x.maskedValues()).stream()
                                .map(Masking::value)
                                .toList());
                rr.put("status", x.status());
                json.writePOJO(rr);
            });
            json.writeEndArray();
            List<Map<String, Object>> notes = new ArrayList<>();
            for (ReadingNote n : q.notes()) {
                Map<String, Object> nn = new LinkedHashMap<>();
                nn.put("sheet", Masking.value(n.sheet()));
                nn.put("kind", n.kind());
                nn.put("message", Masking.value(n.message()));
                nn.put("rows", n.rows());
                nn.put("firstRow", n.firstRow());
                nn.put("lastRow", n.lastRow());
                notes.add(nn);
            }
            json.writePOJOProperty("notes", notes);
            // each sheet's header as the partner wrote it (masked), the titles over a reject's "values"
            List<Map<String, Object>> headers = new ArrayList<>();
            for (SheetHeader h : q.headers().all()) {
                Map<String, Object> hh = new LinkedHashMap<>();
                hh.put("sheet", Masking.value(h.sheet()));
                hh.put("row", h.rowNumber());
                hh.put("headers", h.cells().stream().map(Masking::value).toList());
                headers.add(hh);
            }
            json.writePOJOProperty("headers", headers);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
