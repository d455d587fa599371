package org.lujing.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lujing.identity.match.EvidenceWords;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.normalise.Masking;
import org.lujing.report.ColumnSheet.Column;
import org.lujing.report.LedgerSlices.LedgerRow;
import org.lujing.report.LedgerSlices.Provenance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-person ledger (个人台账): every counted record of a period by person, then the records pending
 * identification (待识别), each with its provenance. Identity shows only as the stored masked form (first 4, last 2)
 * and never beside a birth date; partner text is masked again ({@link Masking#value}) in case a number slipped into a
 * free-text field; every text cell is a quote-prefixed string ({@link SafeCells}).
 */
@Component
class LedgerWorkbook {

    private final LedgerSlices slices;
    private final ReportWords words;

    LedgerWorkbook(LedgerSlices slices, ReportWords words) {
        this.slices = slices;
        this.words = words;
    }

    static String ledgerSheet(ReportLanguage lang) {
        return lang.pick("个人台账", "Ledger");
    }

    static String pendingSheet(ReportLanguage lang) {
        return lang.pick("待识别", "Pending");
    }

    /** The counted records' columns: name and masked ID first (frozen, repeated on every printed page). */
    List<Column<LedgerRow>> ledgerColumns(ReportLanguage lang) {
        List<Column<LedgerRow>> c = new ArrayList<>();
        c.add(Column.of("姓名", "Name", 12, r -> r.name));
        c.add(Column.of("身份证号（脱敏）", "ID number (masked)", 22, r -> r.idMasked));
        c.add(Column.of("矫正类别", "Correction type", 14, r -> r.correctionType));
        c.addAll(recordColumns(lang));
        c.add(Column.of("匹配方式", "Matched by", 12, r -> lang.matchMethod(r.matchMethod)));
        c.add(Column.wrapped("匹配依据", "Match evidence", 40, r -> scoredEvidence(r.matchEvidence, lang)));
        c.add(Column.wrapped("来源", "Provenance", 58, r -> provenance(r.provenance, lang)));
        return c;
    }

    /** The pending records' columns: the name and masked ID as the partner gave them, and what keys them. */
    List<Column<LedgerRow>> pendingColumns(ReportLanguage lang) {
        List<Column<LedgerRow>> c = new ArrayList<>();
        c.add(Column.of("姓名", "Name", 12, r -> r.name));
        c.add(Column.of(
                "身份证号（脱敏）", "ID number (masked)", 22, r -> r.idMasked == null ? "" : Masking.value(r.idMasked)));
        c.add(Column.of("识别依据", "Keyed by", 14, r -> lang.matchMethod(r.keyKind)));
        c.addAll(recordColumns(lang));
        c.add(Column.wrapped("来源", "Provenance", 58, r -> provenance(r.provenance, lang)));
        return c;
    }

    /** What both sheets show of a record. */
    private static List<Column<LedgerRow>> recordColumns(ReportLanguage lang) {
        return List.of(
                Column.of("日期", "Date", 12, r -> r.date.toString()),
                Column.of("类别", "Category", 16, r -> category(r.category, lang)),
                Column.of("活动名称", "Activity", 30, r -> Masking.value(r.activityName)),
                Column.of("承办单位", "Agency", 30, r -> Masking.value(r.agency)),
                Column.of("时长（小时）", "Hours", 10, r -> r.hours),
                Column.of("数量", "Quantity", 8, r -> r.quantity),
                Column.of("结果", "Outcome", 24, r -> Masking.value(r.outcome)));
    }

    /** Writes the ledger of a period; returns the number of counted records written. */
    @Transactional(readOnly = true)
    public long write(Period period, ReportLanguage lang, Path file) {
        return write(period, lang, file, LedgerSlices.CHUNK_RECORDS);
    }

    /** The same, reading at most about {@code chunkRecords} records per query. */
    @Transactional(readOnly = true)
    long write(Period period, ReportLanguage lang, Path file, int chunkRecords) {
        long[] written = {0};
        ReportWorkbook.write(file, lang.pick("帮扶台账", "Support ledger"), lang, (wb, cells) -> {
            ColumnSheet<LedgerRow> ledger =
                    ColumnSheet.create(wb, cells, ledgerSheet(lang), lang, 2, ledgerColumns(lang));
            written[0] = slices.stream(period, true, chunkRecords, ledger::add);
            ColumnSheet<LedgerRow> pending =
                    ColumnSheet.create(wb, cells, pendingSheet(lang), lang, 2, pendingColumns(lang));
            slices.stream(period, false, chunkRecords, pending::add);
        });
        return written[0];
    }

    private static String category(String code, ReportLanguage lang) {
        try {
            return lang.category(Category.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** A scored match's evidence in words (levels and weights, never a value), in a column of its own (issue 13). */
    static String scoredEvidence(String evidenceJson, ReportLanguage lang) {
        return evidenceJson == null ? "" : EvidenceWords.of(evidenceJson, lang == ReportLanguage.ZH);
    }

    private String provenance(List<Provenance> links, ReportLanguage lang) {
        List<String> out = new ArrayList<>(links.size());
        for (Provenance p : links) {
            out.add(provenance(words.source(p.source()), p.fileName(), p.sheet(), p.row(), lang));
        }
        return String.join(lang.pick("；", "; "), out);
    }

    /**
     * Where a record was read, by the source's agency: {@code 麓景社区居委会：2025年麓景社区工作台账.xlsx「台账」第12行}
     * ({@code …: file.xlsx, sheet 台账, row 12}); a CSV or JSON file has no sheet to name.
     */
    static String provenance(String agency, String fileName, String sheet, int row, ReportLanguage lang) {
        StringBuilder b = new StringBuilder(agency).append(lang.pick("：", ": "));
        if (fileName != null) {
            b.append(Masking.value(fileName));
        }
        if (sheet != null && !sheet.isBlank() && !sheet.equals(fileName)) {
            b.append(lang.pick("「" + Masking.value(sheet) + "」", ", sheet " + Masking.value(sheet) + ", "));
        } else {
            b.append(lang.pick("", ", "));
        }
        return b.append(lang.pick("第" + row + "行", "row " + row)).toString();
    }
}
