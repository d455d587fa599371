package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.source.SourceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconciles the whole ledger as of a date: runs every rule, opens findings not seen before, updates those seen
 * again, marks cleared those no longer true. Idempotent per date; a finding's status is never touched here.
 * Runs for dates out of order are safe: a run never moves first/last seen backwards, and never clears (or reopens)
 * a finding a later date has already judged.
 */
@Service
public class ReconcileService {

    private static final Logger log = LoggerFactory.getLogger(ReconcileService.class);

    /** domain.md's order, also the order of summaries. */
    static final List<String> RULE_ORDER = List.of(
            UnmatchedSubjectRule.NAME,
            OutsideSupervisionRule.NAME,
            MissingFeedRule.NAME,
            ControlTotalMismatchRule.NAME,
            CrossSourceConflictRule.NAME,
            NoRecentSupportRule.NAME);

    private record Existing(long id, LocalDate firstSeen, LocalDate lastSeen, LocalDate clearedOn) {}

    private final List<ReconciliationRule> rules;
    private final JdbcClient jdbc;
    private final SourceCatalog sources;
    private final ReconcileSettings settings;

    ReconcileService(
            List<ReconciliationRule> rules, JdbcClient jdbc, SourceCatalog sources, ReconcileSettings settings) {
        List<ReconciliationRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(
                r -> RULE_ORDER.indexOf(r.name()) < 0 ? Integer.MAX_VALUE : RULE_ORDER.indexOf(r.name())));
        this.rules = List.copyOf(sorted);
        this.jdbc = jdbc;
        this.sources = sources;
        this.settings = settings;
    }

    @Transactional
    public ReconcileSummary reconcile(LocalDate asOf) {
        ReconcileContext ctx = new ReconcileContext(asOf, jdbc, sources, settings);
        Map<String, Map<String, Existing>> existing = existing();
        List<ReconcileSummary.RuleCounts> counts = new ArrayList<>();
        for (ReconciliationRule rule : rules) {
            Map<String, Finding> found = new LinkedHashMap<>();
            // a rule that names one thing twice still makes one finding
            rule.evaluate(ctx).forEach(f -> found.putIfAbsent(f.key(), f));
            Map<String, Existing> known = existing.getOrDefault(rule.name(), Map.of());
            int opened = 0;
            int seen = 0;
            int cleared = 0;
            for (Finding f : found.values()) {
                Existing e = known.get(f.key());
                if (e == null) {
                    insert(f, asOf);
                    opened++;
                } else {
                    seenAgain(e, f, asOf);
                    seen++;
                }
            }
            for (Map.Entry<String, Existing> k : known.entrySet()) {
                Existing e = k.getValue();
                // a later date's run has seen it: this (older) date has no say on whether it holds now
                if (!found.containsKey(k.getKey())
                        && e.clearedOn() == null
                        && !e.lastSeen().isAfter(asOf)) {
                    jdbc.sql("UPDATE finding SET cleared_on = ? WHERE id = ?")
                            .params(asOf, e.id())
                            .update();
                    cleared++;
                }
            }
            counts.add(new ReconcileSummary.RuleCounts(rule.name(), opened, seen, cleared));
        }
        int active = jdbc.sql("SELECT COUNT(*) FROM finding WHERE cleared_on IS NULL")
                .query(Integer.class)
                .single();
        ReconcileSummary summary = new ReconcileSummary(asOf, List.copyOf(counts), active);
        recordRun(summary);
        log.info(
                "reconciled as of {}: {} new, {} seen again, {} cleared, {} holding",
                asOf,
                summary.opened(),
                summary.seenAgain(),
                summary.cleared(),
                active);
        return summary;
    }

    private Map<String, Map<String, Existing>> existing() {
        Map<String, Map<String, Existing>> out = new HashMap<>();
        jdbc.sql("SELECT id, rule, finding_key, first_seen, last_seen, cleared_on FROM finding")
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("rule"), k -> new HashMap<>())
                            .put(
                                    rs.getString("finding_key"),
                                    new Existing(
                                            rs.getLong("id"),
                                            PersonDisplay.date(rs.getDate("first_seen")),
                                            PersonDisplay.date(rs.getDate("last_seen")),
                                            PersonDisplay.date(rs.getDate("cleared_on"))));
                });
        return out;
    }

    private void insert(Finding f, LocalDate asOf) {
        jdbc.sql("""
                        INSERT INTO finding (rule, finding_key, severity, subject_id, person_masked, source_id, file_id, details,
                                             first_seen, last_seen, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        f.rule(),
                        f.key(),
                        f.severity().name(),
                        f.subjectId(),
                        f.personMasked(),
                        f.sourceId(),
                        f.fileId(),
                        clip(f.details()),
                        asOf,
                        asOf,
                        FindingStatus.OPEN.name())
                .update();
    }

    private void seenAgain(Existing e, Finding f, LocalDate asOf) {
        LocalDate first = asOf.isBefore(e.firstSeen()) ? asOf : e.firstSeen();
        LocalDate last = asOf.isAfter(e.lastSeen()) ? asOf : e.lastSeen();
        // cleared on or before this date and true again: it reopens; cleared by a later date: that judgement stands
        boolean reopen = e.clearedOn() != null && !e.clearedOn().isAfter(asOf);
        LocalDate clearedOn = reopen ? null : e.clearedOn();
        if (!asOf.isBefore(e.lastSeen())) {
            // the newest run describes it (a record's person or a count may have changed)
            jdbc.sql("""
                            UPDATE finding SET severity = ?, subject_id = ?, person_masked = ?, source_id = ?, file_id = ?, details = ?,
                                               first_seen = ?, last_seen = ?, cleared_on = ?
                            WHERE id = ?""")
                    .params(
                            f.severity().name(),
                            f.subjectId(),
                            f.personMasked(),
                            f.sourceId(),
                            f.fileId(),
                            clip(f.details()),
                            first,
                            last,
                            clearedOn,
                            e.id())
                    .update();
        } else {
            jdbc.sql("UPDATE finding SET first_seen = ?, last_seen = ?, cleared_on = ? WHERE id = ?")
                    .params(first, last, clearedOn, e.id())
                    .update();
        }
    }

    private void recordRun(ReconcileSummary s) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("""
                        UPDATE reconcile_run SET ran_at = ?, findings_new = ?, findings_seen = ?, findings_cleared = ?, findings_active = ?
                        WHERE as_of = ?""")
                .params(now, s.opened(), s.seenAgain(), s.cleared(), s.active(), s.asOf())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO reconcile_run (as_of, ran_at, findings_new, findings_seen, findings_cleared, findings_active)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(s.asOf(), now, s.opened(), s.seenAgain(), s.cleared(), s.active())
                    .update();
        }
    }

    private static String clip(String details) {
        return details == null || details.length() <= 2000 ? details : details.substring(0, 1999) + "…";
    }
}
