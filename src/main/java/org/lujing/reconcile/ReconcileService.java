package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.source.SourceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles the whole ledger as of a date: runs every rule, opens findings not seen before, updates those seen
 * again, marks cleared those no longer true. Idempotent per date; a finding's status is never touched here.
 * Runs for dates out of order are safe: a run never moves first/last seen backwards, and never clears (or reopens)
 * a finding a later date has already judged.
 *
 * <p>Nothing is held whole. Rules hand their findings on as they read the ledger slice by slice; they are written
 * {@link #BATCH} at a time, each batch in a transaction of its own, and every finding written is marked with the
 * run's pass number. Clearing then walks the findings by id and clears those this run did not mark. A run killed
 * half-way has committed some batches and cleared nothing: the next run finishes the job, and since seeing a
 * finding again changes nothing on the same date, running again for a date still changes nothing.
 */
@Service
public class ReconcileService {

    private static final Logger log = LoggerFactory.getLogger(ReconcileService.class);

    /** domain.md's order, also the order of summaries. */
    static final List<String> RULE_ORDER = FindingWords.codes();

    /** Findings written per transaction. */
    static final int BATCH = 500;

    private record Existing(long id, LocalDate firstSeen, LocalDate lastSeen, LocalDate clearedOn, Long seenPass) {}

    private final List<ReconciliationRule> rules;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final SourceCatalog sources;
    private final ReconcileSettings settings;

    ReconcileService(
            List<ReconciliationRule> rules,
            JdbcClient jdbc,
            JdbcTemplate batch,
            PlatformTransactionManager transactions,
            SourceCatalog sources,
            ReconcileSettings settings) {
        List<ReconciliationRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(
                r -> RULE_ORDER.indexOf(r.name()) < 0 ? Integer.MAX_VALUE : RULE_ORDER.indexOf(r.name())));
        this.rules = List.copyOf(sorted);
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        // each batch commits on its own, even when a caller has a transaction open
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sources = sources;
        this.settings = settings;
    }

    public ReconcileSummary reconcile(LocalDate asOf) {
        return reconcile(asOf, ReconcileContext.SLICE, BATCH);
    }

    /** As {@link #reconcile(LocalDate)}, with the rules' slice of ids and the findings per transaction given. */
    ReconcileSummary reconcile(LocalDate asOf, int slice, int batchSize) {
        ReconcileContext ctx = new ReconcileContext(asOf, jdbc, sources, settings, slice);
        long pass = nextPass();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ReconciliationRule rule : rules) {
            Writer writer = new Writer(rule.name(), asOf, pass, batchSize);
            rule.evaluate(ctx, writer::add);
            writer.flush();
            counts.put(rule.name(), new int[] {writer.opened, writer.seen, 0});
        }
        clearUnseen(ctx, pass, counts);
        List<ReconcileSummary.RuleCounts> perRule = new ArrayList<>();
        counts.forEach((rule, n) -> perRule.add(new ReconcileSummary.RuleCounts(rule, n[0], n[1], n[2])));
        int active = jdbc.sql("SELECT COUNT(*) FROM finding WHERE cleared_on IS NULL")
                .query(Integer.class)
                .single();
        ReconcileSummary summary = new ReconcileSummary(asOf, List.copyOf(perRule), active);
        tx.executeWithoutResult(status -> recordRun(summary));
        log.info(
                "reconciled as of {} (pass {}): {} new, {} seen again, {} cleared, {} holding",
                asOf,
                pass,
                summary.opened(),
                summary.seenAgain(),
                summary.cleared(),
                active);
        return summary;
    }

    /** This run's pass number, one more than any run before it took, on every node. */
    private long nextPass() {
        return tx.execute(status -> {
            jdbc.sql("UPDATE reconcile_pass SET last_pass = last_pass + 1 WHERE id = 1")
                    .update();
            return jdbc.sql("SELECT last_pass FROM reconcile_pass WHERE id = 1")
                    .query(Long.class)
                    .single();
        });
    }

    /**
     * One rule's findings on their way to the table: kept until {@code size} are waiting, then looked up together
     * by key and written in one transaction.
     */
    private final class Writer {

        private final String rule;
        private final LocalDate asOf;
        private final long pass;
        private final int size;
        private final Map<String, Finding> waiting = new LinkedHashMap<>();
        int opened;
        int seen;

        Writer(String rule, LocalDate asOf, long pass, int size) {
            this.rule = rule;
            this.asOf = asOf;
            this.pass = pass;
            this.size = size;
        }

        void add(Finding f) {
            // a rule that names one thing twice still makes one finding
            waiting.putIfAbsent(f.key(), f);
            if (waiting.size() >= size) {
                flush();
            }
        }

        void flush() {
            if (waiting.isEmpty()) {
                return;
            }
            tx.executeWithoutResult(status -> write());
            waiting.clear();
        }

        private void write() {
            // one writer of findings at a time, on every node: a run beside another (a node's nightly chain and an
            // admin's command) looked its batch up, both found a new finding absent, and the second insert broke
            // the unique key and failed its whole run; now the second looks up after the first committed
            writeTurn();
            Map<String, Existing> known = existing(rule, waiting.keySet());
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> described = new ArrayList<>();
            List<Object[]> dated = new ArrayList<>();
            for (Finding f : waiting.values()) {
                Existing e = known.get(f.key());
                if (e == null) {
                    inserts.add(new Object[] {
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
                        FindingStatus.OPEN.name(),
                        pass
                    });
                    opened++;
                } else if (e.seenPass() == null || e.seenPass() != pass) {
                    seenAgain(e, f, described, dated);
                    seen++;
                }
                // else: an earlier batch of this run wrote it already (the rule named it twice)
            }
            batch.batchUpdate("""
                    INSERT INTO finding (rule, finding_key, severity, subject_id, person_masked, source_id, file_id, details,
                                         first_seen, last_seen, status, seen_pass)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
            // the mark only grows: a run that started later and saw it already keeps its own
            batch.batchUpdate("""
                    UPDATE finding SET severity = ?, subject_id = ?, person_masked = ?, source_id = ?, file_id = ?, details = ?,
                                       first_seen = ?, last_seen = ?, cleared_on = ?,
                                       seen_pass = CASE WHEN seen_pass IS NULL OR seen_pass < ? THEN ? ELSE seen_pass END
                    WHERE id = ?""", described);
            batch.batchUpdate("""
                    UPDATE finding SET first_seen = ?, last_seen = ?, cleared_on = ?,
                                       seen_pass = CASE WHEN seen_pass IS NULL OR seen_pass < ? THEN ? ELSE seen_pass END
                    WHERE id = ?""", dated);
        }

        private void seenAgain(Existing e, Finding f, List<Object[]> described, List<Object[]> dated) {
            LocalDate first = asOf.isBefore(e.firstSeen()) ? asOf : e.firstSeen();
            LocalDate last = asOf.isAfter(e.lastSeen()) ? asOf : e.lastSeen();
            // cleared on or before this date and true again: it reopens; cleared by a later date: that judgement stands
            boolean reopen = e.clearedOn() != null && !e.clearedOn().isAfter(asOf);
            LocalDate clearedOn = reopen ? null : e.clearedOn();
            if (!asOf.isBefore(e.lastSeen())) {
                // the newest run describes it (a record's person or a count may have changed)
                described.add(new Object[] {
                    f.severity().name(),
                    f.subjectId(),
                    f.personMasked(),
                    f.sourceId(),
                    f.fileId(),
                    clip(f.details()),
                    first,
                    last,
                    clearedOn,
                    pass,
                    pass,
                    e.id()
                });
            } else {
                dated.add(new Object[] {first, last, clearedOn, pass, pass, e.id()});
            }
        }
    }

    /** The stored findings of a rule among these keys, by key. */
    private Map<String, Existing> existing(String rule, Collection<String> keys) {
        Map<String, Existing> out = new HashMap<>();
        List<Object> params = new ArrayList<>();
        keys.forEach(key -> {
            params.add(rule);
            params.add(key);
        });
        // pairs, not "rule = ? AND finding_key IN (…)": HSQLDB then walks the unique index by both columns for each
        // key, where it had walked the rule's every finding for each batch (a run of 400,000 took nine minutes)
        jdbc.sql("SELECT id, finding_key, first_seen, last_seen, cleared_on, seen_pass FROM finding"
                        + " WHERE (rule, finding_key) IN ("
                        + String.join(",", Collections.nCopies(keys.size(), "(?, ?)")) + ")")
                .params(params)
                .query(rs -> {
                    long seenPass = rs.getLong("seen_pass");
                    // asked at once: wasNull speaks of the last column read
                    Long mark = rs.wasNull() ? null : seenPass;
                    out.put(
                            rs.getString("finding_key"),
                            new Existing(
                                    rs.getLong("id"),
                                    PersonDisplay.date(rs.getDate("first_seen")),
                                    PersonDisplay.date(rs.getDate("last_seen")),
                                    PersonDisplay.date(rs.getDate("cleared_on")),
                                    mark));
                });
        return out;
    }

    /**
     * Clears what this run's rules did not see: a holding finding of one of them, not marked by this pass (nor by a
     * later one), whose last sighting is not after this date (a later date's run has seen it: this older date has
     * no say on whether it holds now). The findings are walked by windows of ids, each window's clearing one
     * transaction; the update checks the mark again, so a run that marked one in between keeps it.
     */
    private void clearUnseen(ReconcileContext ctx, long pass, Map<String, int[]> counts) {
        LocalDate asOf = ctx.asOf();
        ctx.windows("finding", (from, to) -> {
            List<Object[]> clear = new ArrayList<>();
            List<String> ruleOf = new ArrayList<>();
            jdbc.sql(
                            "SELECT id, rule, last_seen, seen_pass FROM finding WHERE id >= ? AND id < ? AND cleared_on IS NULL")
                    .params(from, to)
                    .query(rs -> {
                        String rule = rs.getString("rule");
                        long seenPass = rs.getLong("seen_pass");
                        boolean seen = !rs.wasNull() && seenPass >= pass;
                        LocalDate lastSeen = PersonDisplay.date(rs.getDate("last_seen"));
                        if (counts.containsKey(rule) && !seen && !lastSeen.isAfter(asOf)) {
                            clear.add(new Object[] {asOf, rs.getLong("id"), pass});
                            ruleOf.add(rule);
                        }
                    });
            if (clear.isEmpty()) {
                return;
            }
            int[] done = tx.execute(status -> batch.batchUpdate("""
                    UPDATE finding SET cleared_on = ?
                    WHERE id = ? AND cleared_on IS NULL AND (seen_pass IS NULL OR seen_pass < ?)""", clear));
            for (int i = 0; i < done.length; i++) {
                // a driver that cannot say how many rows one statement of a batch changed answers -2
                if (done[i] > 0 || done[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    counts.get(ruleOf.get(i))[2]++;
                }
            }
        });
    }

    /** The reconciliation's write turn: the pass row locked until the caller's transaction ends. */
    private void writeTurn() {
        jdbc.sql("UPDATE reconcile_pass SET last_pass = last_pass WHERE id = 1").update();
    }

    private void recordRun(ReconcileSummary s) {
        // two runs for one date would both find no row and both insert it
        writeTurn();
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
