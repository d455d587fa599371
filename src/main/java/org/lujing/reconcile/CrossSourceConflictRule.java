package org.lujing.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.lujing.normalise.Masking;
import org.lujing.source.SourceDefinition;
import org.springframework.stereotype.Component;

/**
 * CROSS_SOURCE_CONFLICT: one record reported by two different sources ({@code record_source.source_id}) with
 * different hours, quantity or outcome, compared only where both sources give a value (a value one source leaves
 * empty is no conflict; numbers compare by value, so 2 = 2.00; outcomes after trimming). A record merged into
 * another once its person became known counts as that other record. One finding per (surviving) record.
 */
@Component
class CrossSourceConflictRule implements ReconciliationRule {

    static final String NAME = "CROSS_SOURCE_CONFLICT";

    private record Provenance(
            long recordId, String sourceId, long fileId, BigDecimal hours, BigDecimal quantity, String outcome) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> evaluate(ReconcileContext ctx) {
        List<Provenance> rows = ctx.jdbc()
                .sql("""
                        SELECT COALESCE(r.merged_into, r.id) AS record_id, s.source_id, s.file_id, s.hours, s.quantity, s.outcome
                        FROM record_source s JOIN support_record r ON r.id = s.record_id
                        WHERE COALESCE(r.merged_into, r.id) IN (
                          SELECT COALESCE(r2.merged_into, r2.id) FROM record_source s2 JOIN support_record r2 ON r2.id = s2.record_id
                          GROUP BY COALESCE(r2.merged_into, r2.id) HAVING COUNT(DISTINCT s2.source_id) > 1)
                        ORDER BY COALESCE(r.merged_into, r.id), s.id""")
                .query((rs, i) -> new Provenance(
                        rs.getLong("record_id"),
                        rs.getString("source_id"),
                        rs.getLong("file_id"),
                        rs.getBigDecimal("hours"),
                        rs.getBigDecimal("quantity"),
                        rs.getString("outcome")))
                .list();
        Map<Long, List<Provenance>> byRecord = new LinkedHashMap<>();
        rows.forEach(p ->
                byRecord.computeIfAbsent(p.recordId(), k -> new ArrayList<>()).add(p));
        List<Finding> out = new ArrayList<>();
        byRecord.forEach((recordId, links) -> {
            List<String[]> conflicts = new ArrayList<>();
            conflict(ctx, "hours", links, Provenance::hours, conflicts);
            conflict(ctx, "quantity", links, Provenance::quantity, conflicts);
            conflict(
                    ctx,
                    "outcome",
                    links,
                    p -> p.outcome() == null || p.outcome().isBlank()
                            ? null
                            : p.outcome().strip(),
                    conflicts);
            if (!conflicts.isEmpty()) {
                out.add(finding(
                        ctx,
                        recordId,
                        links,
                        String.join("；", conflicts.stream().map(c -> c[0]).toList()),
                        String.join("; ", conflicts.stream().map(c -> c[1]).toList())));
            }
        });
        return out;
    }

    /**
     * Adds {"时长：麓景社区居委会 2，湖南工商大学 3", "hours: community 2, university 3"} when two sources give different
     * non-empty values: in Chinese each source by its agency's name, in English by its id.
     */
    private static <T> void conflict(
            ReconcileContext ctx,
            String field,
            List<Provenance> links,
            Function<Provenance, T> value,
            List<String[]> out) {
        boolean differs = false;
        for (Provenance a : links) {
            for (Provenance b : links) {
                T va = value.apply(a);
                T vb = value.apply(b);
                if (!a.sourceId().equals(b.sourceId()) && va != null && vb != null && !same(va, vb)) {
                    differs = true;
                }
            }
        }
        if (differs) {
            TreeSet<String> zh = new TreeSet<>();
            TreeSet<String> en = new TreeSet<>();
            links.stream().filter(p -> value.apply(p) != null).forEach(p -> {
                String v = display(value.apply(p));
                zh.add(ctx.sources()
                                .find(p.sourceId())
                                .map(SourceDefinition::agency)
                                .filter(a -> a != null && !a.isBlank())
                                .orElse(p.sourceId())
                        + " " + v);
                en.add(p.sourceId() + " " + v);
            });
            out.add(new String[] {
                FindingDetails.fieldZh(field) + "：" + String.join("，", zh), field + ": " + String.join(", ", en)
            });
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String display(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : Masking.value(String.valueOf(v));
    }

    private static Finding finding(
            ReconcileContext ctx, long recordId, List<Provenance> links, String conflictsZh, String conflictsEn) {
        Map<String, Object> r = ctx.jdbc()
                .sql("""
                        SELECT r.subject_id, r.person_name, r.id_masked, r.category, r.activity_date, r.agency, s.name, s.id_masked AS subject_masked
                        FROM support_record r LEFT JOIN subject s ON s.id = r.subject_id WHERE r.id = ?""")
                .param(recordId)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("subjectId", rs.getObject("subject_id") == null ? null : rs.getLong("subject_id"));
                    m.put(
                            "person",
                            rs.getString("name") != null
                                    ? PersonDisplay.of(rs.getString("name"), rs.getString("subject_masked"))
                                    : PersonDisplay.of(rs.getString("person_name"), rs.getString("id_masked")));
                    m.put("category", rs.getString("category"));
                    m.put("date", String.valueOf(rs.getDate("activity_date")));
                    m.put("agency", rs.getString("agency"));
                    return m;
                })
                .single();
        Provenance first = links.get(0);
        return new Finding(
                NAME,
                "record:" + recordId,
                Severity.MEDIUM,
                (Long) r.get("subjectId"),
                (String) r.get("person"),
                first.sourceId(),
                first.fileId(),
                FindingDetails.crossSourceConflict(
                        (String) r.get("category"),
                        (String) r.get("date"),
                        (String) r.get("agency"),
                        conflictsZh,
                        conflictsEn));
    }
}
