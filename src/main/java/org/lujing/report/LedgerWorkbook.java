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
        c.add(Column.of("矫正类别", "Correction type", 14, r -> correctionType(r.correctionType, lang)));
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
                Column.of("日期", "Date", 12, r -> r.date),
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
        // the period in the report's name: the file's title and every printed page's footer say which days it covers
        String name = lang.pick(
                "帮扶台账 " + ReportHeading.periodWords(period) + "（" + period.from() + "至" + period.to() + "）",
                "Support ledger, " + period.from() + " to " + period.to());
        ReportWorkbook.write(file, name, lang, (wb, cells) -> {
            ColumnSheet<LedgerRow> ledger =
                    ColumnSheet.create(wb, cells, ledgerSheet(lang), lang, 2, ledgerColumns(lang));
            written[0] = slices.stream(period, true, chunkRecords, ledger::add);
            if (written[0] == 0) {
                ledger.addLine(lang.pick(
                        "本期间（" + period.from() + "至" + period.to() + "）没有计入名册上人员的记录",
                        "No record of a person on the roster from " + period.from() + " to " + period.to()));
            }
            ColumnSheet<LedgerRow> pending =
                    ColumnSheet.create(wb, cells, pendingSheet(lang), lang, 2, pendingColumns(lang));
            if (slices.stream(period, false, chunkRecords, pending::add) == 0) {
                pending.addLine(lang.pick("本期间没有待识别的记录", "No record pending identification in this period"));
            }
        });
        return written[0];
    }

    /**
     * Writes one person's ledger of a period — the pages a clerk hands to a supervisor: the person's counted records
     * with their provenance, then 汇总, their records, hours and quantities by category. No pending sheet: records
     * pending identification are nobody's yet. Returns the number of records written; refused for a number the
     * roster does not have.
     */
    @Transactional(readOnly = true)
    public long writePerson(Period period, long person, ReportLanguage lang, Path file) {
        String name = slices.personName(person)
                .orElseThrow(() -> new IllegalArgumentException("名册上没有编号为 #" + person + " 的人（`subjects` 列出名册）"
                        + org.lujing.ledger.Bilingual.SEPARATOR + "there is no person #" + person
                        + " on the roster (see `subjects`)"));
        long[] written = {0};
        String title = lang.pick(
                "帮扶台账 " + ReportHeading.periodWords(period) + "（" + period.from() + "至" + period.to() + "） · "
                        + Masking.value(name),
                "Support ledger of " + Masking.value(name) + ", " + period.from() + " to " + period.to());
        java.util.Map<String, PersonTotal> totals = new java.util.TreeMap<>();
        ReportWorkbook.write(file, title, lang, (wb, cells) -> {
            ColumnSheet<LedgerRow> ledger =
                    ColumnSheet.create(wb, cells, ledgerSheet(lang), lang, 2, ledgerColumns(lang));
            written[0] = slices.streamCounted(period, person, LedgerSlices.CHUNK_RECORDS, row -> {
                ledger.add(row);
                totals.computeIfAbsent(row.category, c -> new PersonTotal(c)).add(row);
            });
            if (written[0] == 0) {
                ledger.addLine(lang.pick(
                        "本期间（" + period.from() + "至" + period.to() + "）没有此人计入的记录",
                        "No record of this person from " + period.from() + " to " + period.to()));
            }
            ColumnSheet<PersonTotal> summary =
                    ColumnSheet.create(wb, cells, lang.pick("汇总", "Summary"), lang, 1, totalColumns(lang));
            // in the categories' own order, as the statistics list them; a code no category has last
            java.util.Set<String> known = new java.util.HashSet<>();
            for (Category c : Category.values()) {
                known.add(c.name());
                if (totals.containsKey(c.name())) {
                    summary.add(totals.get(c.name()));
                }
            }
            totals.forEach((code, total) -> {
                if (!known.contains(code)) {
                    summary.add(total);
                }
            });
            if (totals.isEmpty()) {
                summary.addLine(lang.pick("本期间没有此人计入的记录", "No record of this person in this period"));
            } else {
                // a page for a supervisor ends with its total
                PersonTotal all = new PersonTotal(null);
                totals.values().forEach(t -> {
                    all.records += t.records;
                    all.hours = sum(all.hours, t.hours);
                    all.quantity = sum(all.quantity, t.quantity);
                });
                summary.add(all);
            }
        });
        return written[0];
    }

    /** One category's share of a person's ledger. */
    static final class PersonTotal {
        final String category;
        long records;
        java.math.BigDecimal hours;
        java.math.BigDecimal quantity;

        PersonTotal(String category) {
            this.category = category;
        }

        void add(LedgerRow row) {
            records++;
            if (row.hours != null) {
                hours = hours == null ? row.hours : hours.add(row.hours);
            }
            if (row.quantity != null) {
                quantity = quantity == null ? row.quantity : quantity.add(row.quantity);
            }
        }
    }

    private static java.math.BigDecimal sum(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    private static List<Column<PersonTotal>> totalColumns(ReportLanguage lang) {
        return List.of(
                Column.of(
                        "类别",
                        "Category",
                        16,
                        t -> t.category == null ? lang.pick("合计", "Total") : category(t.category, lang)),
                Column.of("记录数", "Records", 10, t -> t.records),
                Column.of("时长合计（小时）", "Hours", 14, t -> t.hours),
                Column.of("数量合计", "Quantity", 10, t -> t.quantity));
    }

    /**
     * The roster's 矫正类别 in the report's language: the four kinds the law knows have English names; anything else
     * a roster wrote stays as written.
     */
    static String correctionType(String stored, ReportLanguage lang) {
        if (stored == null || lang == ReportLanguage.ZH) {
            return stored;
        }
        return switch (stored) {
            case "管制" -> "Public surveillance";
            case "缓刑" -> "Probation";
            case "假释" -> "Parole";
            case "暂予监外执行" -> "Temporary service outside prison";
            default -> stored;
        };
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
            out.add(provenance(words.source(p.source()), p.fileId(), p.fileName(), p.sheet(), p.row(), lang));
        }
        return String.join(lang.pick("；", "; "), out);
    }

    /**
     * Where a record was read, by the source's agency and the file's number:
     * {@code 麓景社区居委会：2025年麓景社区工作台账.xlsx（#3）「台账」第12行} ({@code …: file.xlsx (#3), sheet 台账, row 12}); a
     * CSV or JSON file has no sheet to name. The number tells apart a file and its corrected copy sent under the same
     * name, which read as one row listed twice.
     */
    static String provenance(String agency, long fileId, String fileName, String sheet, int row, ReportLanguage lang) {
        StringBuilder b = new StringBuilder(agency).append(lang.pick("：", ": "));
        if (fileName != null) {
            b.append(Masking.value(fileName));
        }
        b.append(lang.pick("（#" + fileId + "）", " (#" + fileId + ")"));
        if (sheet != null && !sheet.isBlank() && !sheet.equals(fileName)) {
            b.append(lang.pick("「" + Masking.value(sheet) + "」", ", sheet " + Masking.value(sheet) + ", "));
        } else {
            b.append(lang.pick("", ", "));
        }
        return b.append(lang.pick("第" + row + "行", "row " + row)).toString();
    }
}
