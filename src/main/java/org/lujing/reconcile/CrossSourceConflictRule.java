package org.lujing.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lujing.normalise.Masking;
import org.lujing.source.SourceDefinition;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * CROSS_SOURCE_CONFLICT: one record reported by two different sources ({@code record_source.source_id}) with
 * different hours, quantity or outcome, compared only where both sources give a value (a value one source leaves
 * empty is no conflict; numbers compare by value, so 2 = 2.00; outcomes after trimming). A record merged into
 * another once its person became known counts as that other record. One finding per (surviving) record. Read by
 * windows of record ids: grouping the whole ledger's provenance at once kept a row per record on the heap.
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
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        Merges merges = Merges.read(ctx);
        ctx.windows("support_record", (from, to) -> window(ctx, merges, from, to, found));
    }

    /**
     * The records merged into another (few: a pending record whose person turned out to have the same record), by the
     * record they were merged into; read once, so that a window finds the records merged into its own without an
     * index on {@code merged_into}.
     */
    private record Merges(NavigableMap<Long, List<Long>> byRecord) {

        static Merges read(ReconcileContext ctx) {
            NavigableMap<Long, List<Long>> byRecord = new TreeMap<>();
            ctx.jdbc()
                    .sql("SELECT merged_into, id FROM support_record WHERE merged_into IS NOT NULL")
                    .query((RowCallbackHandler) rs -> byRecord.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getLong(2)));
            return new Merges(byRecord);
        }

        /** The records merged into one whose id is in [from, to). */
        List<Long> into(long from, long to) {
            return byRecord.subMap(from, true, to, false).values().stream()
                    .flatMap(List::stream)
                    .toList();
        }
    }

    /** The records of one window of ids (with those merged into them) that two sources report differently. */
    private static void window(ReconcileContext ctx, Merges merges, long from, long to, Consumer<Finding> found) {
        // provenance id → link, so a record's links keep the order they were written in
        Map<Long, TreeMap<Long, Provenance>> byRecord = new TreeMap<>();
        RowCallbackHandler collect = rs -> byRecord.computeIfAbsent(rs.getLong("record_id"), k -> new TreeMap<>())
                .put(
                        rs.getLong("link_id"),
                        new Provenance(
                                rs.getLong("record_id"),
                                rs.getString("source_id"),
                                rs.getLong("file_id"),
                                rs.getBigDecimal("hours"),
                                rs.getBigDecimal("quantity"),
                                rs.getString("outcome")));
        ctx.jdbc().sql("""
                        SELECT r.id AS record_id, s.id AS link_id, s.source_id, s.file_id, s.hours, s.quantity, s.outcome
                        FROM support_record r JOIN record_source s ON s.record_id = r.id
                        WHERE r.id >= ? AND r.id < ? AND r.merged_into IS NULL""").params(from, to).query(collect);
        List<Long> merged = merges.into(from, to);
        for (int i = 0; i < merged.size(); i += 500) {
            List<Long> part = merged.subList(i, Math.min(i + 500, merged.size()));
            ctx.jdbc()
                    .sql("""
                            SELECT r.merged_into AS record_id, s.id AS link_id, s.source_id, s.file_id, s.hours, s.quantity,
                                   s.outcome
                            FROM support_record r JOIN record_source s ON s.record_id = r.id
                            WHERE r.id IN (%s)""".formatted(String.join(",", Collections.nCopies(part.size(), "?"))))
                    .params(new ArrayList<Object>(part))
                    .query(collect);
        }
        byRecord.forEach((recordId, linked) -> {
            List<Provenance> links = new ArrayList<>(linked.values());
            if (links.stream().map(Provenance::sourceId).distinct().count() < 2) {
                return;
            }
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
                found.accept(finding(
                        ctx,
                        recordId,
                        links,
                        String.join("；", conflicts.stream().map(c -> c[0]).toList()),
                        String.join("; ", conflicts.stream().map(c -> c[1]).toList())));
            }
        });
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
