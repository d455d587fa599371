package org.lujing.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lujing.identity.match.MatchExamples;
import org.lujing.identity.match.MatchOutcome;
import org.lujing.identity.match.RecordLinker;
import org.lujing.identity.match.RosterPerson;
import org.lujing.identity.match.RowTraits;
import org.lujing.identity.match.ScoredCandidate;
import org.lujing.ledger.KeyKind;
import org.lujing.ledger.KeyRange;
import org.lujing.ledger.PendingRanges;
import org.lujing.ledger.RecordIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database side of scored matching: reads the pending keys that carry what their rows said (decrypted in memory
 * only), decrypts the roster in memory, runs {@link RecordLinker}, refreshes the review queue and returns the keys
 * to link. Called by {@link IdentityMatcher#rematch()} a range of keys at a time ({@link Run}), each range in a
 * transaction; adds no blind index, so key rotation has nothing new to rebuild.
 *
 * <p>Why one class of this length: the scored pass reads the pending keys and the roster, blocks, scores and decides,
 * and writes the review queue in one pass over the same decrypted roster; its parts are small methods that share that
 * roster and the model in use.
 */
@Component
public class ScoredMatching {

    private static final Logger log = LoggerFactory.getLogger(ScoredMatching.class);

    /** A key to link to a person, with the evidence to record. */
    public record Link(String subjectKey, long subjectId, MatchOutcome outcome, double prior) {}

    private final JdbcClient jdbc;
    private final KeyRing ring;
    private final IdentityMatchProperties properties;
    private final JdbcTemplate batch;
    private final RecordIds ids;

    public ScoredMatching(
            JdbcClient jdbc, KeyRing ring, IdentityMatchProperties properties, JdbcTemplate batch, RecordIds ids) {
        this.ids = ids;
        this.batch = batch;
        this.jdbc = jdbc;
        this.ring = ring;
        this.properties = properties;
    }

    /** Pending records without a clean ID number that one range of keys holds, about (a range is read at once). */
    static final int RANGE_RECORDS = 20_000;

    /**
     * Starts a matching run: the pending records without a clean ID number are scored a range of keys at a time
     * ({@link Run#pass}), so that what a range's rows said is all that is held, however many are pending.
     */
    Run start(int rangeRecords, Map<String, Set<Long>> different) {
        if (!properties.enabled()) {
            return new Run(new PendingRanges(List.of(), false), different);
        }
        long pending = jdbc.sql("SELECT COUNT(*) FROM support_record r WHERE " + PENDING)
                .query(Long.class)
                .single();
        return new Run(PendingRanges.of(jdbc, pending, rangeRecords), different);
    }

    /** What makes a record one scored matching reads: pending, keyed by something other than a clean ID number. */
    private static final String PENDING =
            "r.subject_id IS NULL AND r.key_kind <> 'ID_NUMBER' AND r.subject_ref_enc IS NOT NULL";

    /** The same, with "no person yet" written for the index the ranges are read through. */
    private static String pending(PendingRanges plan) {
        return PENDING.replace("r.subject_id IS NULL", plan.noPerson("r.subject_id"));
    }

    /**
     * One matching run over the ranges of keys, with the admins' DIFFERENT decisions its caller read: the roster and
     * the model are read once, when a range first has something to score.
     */
    final class Run {

        private final PendingRanges plan;
        private final Map<String, Set<Long>> different;
        private RecordLinker linker;
        private long keys;
        private long linked;
        private long reviewed;
        private long nanos;

        private Run(PendingRanges plan, Map<String, Set<Long>> different) {
            this.plan = plan;
            this.different = different;
        }

        /** The ranges to pass over, in order; none when scored matching is off. */
        List<KeyRange> ranges() {
            return plan.ranges();
        }

        /**
         * Scores the pending keys of one range; refreshes the range's review queue (an entry that still stands keeps
         * its number, so an admin's {@code identity review accept N} means what was shown; one that no longer does —
         * the key linked since, the roster changed — goes); returns the keys to link.
         */
        List<Link> pass(KeyRange range) {
            long started = System.nanoTime();
            Map<String, Set<RowTraits>> pending = pendingTraits(range, plan);
            List<Link> links = new ArrayList<>();
            List<Object[]> reviews = new ArrayList<>();
            if (!pending.isEmpty()) {
                score(pending, links, reviews);
            }
            // the range's queue is rewritten under the ledger's write turn (held until the pass's transaction ends):
            // two nodes matching at once never both add the same entry, the second finds the first's and updates it
            ids.takeWriteTurn();
            Map<String, Long> queued = new HashMap<>();
            jdbc.sql("SELECT id, subject_key, subject_id FROM identity_match WHERE " + range.condition("subject_key")
                            + "outcome = 'REVIEW'")
                    .params(range.params())
                    .query((RowCallbackHandler)
                            rs -> queued.put(rs.getString(2).strip() + '/' + rs.getLong(3), rs.getLong(1)));
            List<Object[]> fresh = new ArrayList<>();
            List<Object[]> standing = new ArrayList<>();
            for (Object[] review : reviews) {
                Long id = queued.remove(review[0] + "/" + review[1]);
                if (id == null) {
                    fresh.add(review);
                } else {
                    standing.add(new Object[] {review[3], review[4], review[5], review[6], review[7], review[8], id});
                }
            }
            // a pass runs after every file: the queue's rows are written in batches, not one statement each
            if (!standing.isEmpty()) {
                batch.batchUpdate("""
                        UPDATE identity_match SET score = ?, evidence = ?, second_subject_id = ?, second_score = ?,
                          second_evidence = ?, why = ? WHERE id = ?""", standing);
            }
            insert(fresh);
            deleteQueued(queued.values());
            keys += pending.size();
            linked += links.size();
            reviewed += reviews.size();
            nanos += System.nanoTime() - started;
            return links;
        }

        /** Scores the keys against the roster (read the first time): the links to make, the rows to queue. */
        private void score(Map<String, Set<RowTraits>> pending, List<Link> links, List<Object[]> reviews) {
            if (linker == null) {
                List<RosterPerson> roster = roster();
                linker = new RecordLinker(roster, examples(roster), properties.settings());
            }
            Timestamp now = Timestamp.from(Instant.now());
            double prior = linker.model().prior();
            // the linker is read-only once built: keys are scored on every core (100,000 keys took 13 s on one)
            List<Map.Entry<String, Set<RowTraits>>> entries = new ArrayList<>(pending.entrySet());
            List<MatchOutcome> outcomes = entries.parallelStream()
                    .map(e -> decide(linker, e.getValue(), different.getOrDefault(e.getKey(), Set.of())))
                    .toList();
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, Set<RowTraits>> e = entries.get(i);
                MatchOutcome outcome = outcomes.get(i);
                switch (outcome.kind()) {
                    case LINK -> links.add(new Link(e.getKey(), outcome.best().subjectId(), outcome, prior));
                    case REVIEW -> reviews.add(row(e.getKey(), "REVIEW", outcome, prior, now));
                    case NONE -> {}
                }
            }
        }

        /** Logs what the run scored, when it scored anything. */
        void finish() {
            if (linker != null) {
                log.info(
                        "scored matching: {} pending key(s) in {} range(s) against {} people: {} to link, {} for"
                                + " review ({} ms)",
                        keys,
                        plan.ranges().size(),
                        linker.rosterSize(),
                        linked,
                        reviewed,
                        nanos / 1_000_000);
            }
        }
    }

    /** Removes review entries that no longer stand. */
    private void deleteQueued(java.util.Collection<Long> ids) {
        if (!ids.isEmpty()) {
            batch.batchUpdate(
                    "DELETE FROM identity_match WHERE id = ?",
                    ids.stream().map(id -> new Object[] {id}).toList());
        }
    }

    /** Records the automatic links' evidence. */
    void recordLinks(List<Link> links) {
        Timestamp now = Timestamp.from(Instant.now());
        insert(links.stream()
                .map(l -> row(l.subjectKey(), "LINKED", l.outcome(), l.prior(), now))
                .toList());
    }

    private static final String INSERT = """
            INSERT INTO identity_match (subject_key, subject_id, outcome, score, evidence, second_subject_id, second_score,
              second_evidence, why, matched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate(INSERT, rows);
        }
    }

    private static Object[] row(String key, String outcome, MatchOutcome o, double prior, Timestamp at) {
        ScoredCandidate best = o.best();
        ScoredCandidate second = o.second();
        return new Object[] {
            key,
            best.subjectId(),
            outcome,
            round(best.score()),
            best.evidenceJson(prior),
            second == null ? null : second.subjectId(),
            second == null ? null : round(second.score()),
            second == null ? null : second.evidenceJson(prior),
            o.why(),
            at
        };
    }

    private static java.math.BigDecimal round(double bits) {
        return java.math.BigDecimal.valueOf(bits).setScale(1, java.math.RoundingMode.HALF_UP);
    }

    /**
     * One key may stand for several rows that said different things (one typed the ID, another the phone): each is
     * scored; the strongest decides, and rows that point at different people send the key to review.
     */
    private static MatchOutcome decide(RecordLinker linker, Set<RowTraits> rows, Set<Long> notThese) {
        MatchOutcome chosen = null;
        Set<Long> pointedAt = new HashSet<>();
        for (RowTraits row : rows) {
            MatchOutcome o = linker.match(row, notThese);
            if (o.kind() != MatchOutcome.Kind.NONE) {
                pointedAt.add(o.best().subjectId());
            }
            if (chosen == null
                    || (o.best() != null
                            && (chosen.best() == null
                                    || o.best().score() > chosen.best().score()))) {
                chosen = o;
            }
        }
        if (chosen.kind() == MatchOutcome.Kind.LINK && pointedAt.size() > 1) {
            return new MatchOutcome(
                    MatchOutcome.Kind.REVIEW,
                    chosen.best(),
                    chosen.second(),
                    "rows of this key point at different people");
        }
        return chosen;
    }

    /**
     * The range's pending keys without a clean ID number, each with the distinct things its rows said (name from the
     * record), read through the index the plan chose.
     */
    private Map<String, Set<RowTraits>> pendingTraits(KeyRange range, PendingRanges plan) {
        record Said(String key, KeyKind kind, String name, String reference) {}
        List<Said> rows = new ArrayList<>();
        jdbc.sql("SELECT DISTINCT r.subject_key, r.key_kind, r.person_name, r.subject_ref_enc FROM support_record r"
                        + " WHERE " + range.condition("r.subject_key") + pending(plan))
                .params(range.params())
                .query((RowCallbackHandler) rs -> rows.add(new Said(
                        rs.getString(1).strip(),
                        KeyKind.valueOf(rs.getString(2).strip()),
                        rs.getString(3),
                        rs.getString(4))));
        // decrypting is most of reading: done on every core, each distinct reference once
        Map<String, RowTraits> decoded = new java.util.concurrent.ConcurrentHashMap<>();
        rows.parallelStream()
                .forEach(r -> decoded.computeIfAbsent(
                        r.reference() + '\u0000' + r.name(), k -> traits(r.kind(), r.name(), r.reference())));
        Map<String, Set<RowTraits>> said = new LinkedHashMap<>();
        for (Said r : rows) {
            said.computeIfAbsent(r.key(), k -> new LinkedHashSet<>())
                    .add(decoded.get(r.reference() + '\u0000' + r.name()));
        }
        return said;
    }

    /** What a record's reference says: the traits after the value behind the key, else the pair itself. */
    private RowTraits traits(KeyKind kind, String name, String reference) {
        String label = switch (kind) {
            case NAME_PHONE -> IdentityKeys.NAME_PHONE;
            case NAME_BIRTH_DATE -> IdentityKeys.NAME_BIRTH;
            case NAME_TYPED_ID -> IdentityKeys.NAME_TYPED_ID;
            case ID_NUMBER -> IdentityKeys.ID_NUMBER;
        };
        String plain = ring.decrypt(label, reference);
        String traits = IdentityKeys.traits(plain);
        if (traits != null) {
            RowTraits t = RowTraits.decode(traits);
            return new RowTraits(name, t.typedId(), t.phone(), t.birth());
        }
        // written before scored matching: the pair is all the row kept
        String behind = IdentityKeys.behindKey(plain);
        String value = behind.substring(behind.indexOf('\u001f') + 1);
        return switch (kind) {
            case NAME_PHONE -> new RowTraits(name, null, value, null);
            case NAME_BIRTH_DATE -> new RowTraits(name, null, null, java.time.LocalDate.parse(value));
            default -> new RowTraits(name, value, null, null);
        };
    }

    /** Records the examples of true matches are read from: the newest of the ledger, so a pass stays bounded. */
    static final int EXAMPLE_WINDOW = 100_000;

    /**
     * Pairs known to be one person, for estimating m: among the newest {@link #EXAMPLE_WINDOW} records, those tied by
     * a valid ID number, what each said (its name; the phone and birth date it carried, kept encrypted beside the ID
     * number since issue 13's second part) beside its person on the roster. Each distinct (person, name, reference)
     * counts once — a person's rows in one file say the same thing many times.
     */
    MatchExamples examples(List<RosterPerson> roster) {
        Map<Long, RosterPerson> byId = new HashMap<>();
        roster.forEach(p -> byId.put(p.id(), p));
        record Said(long subjectId, String name, String reference) {}
        Set<Said> said = new HashSet<>();
        jdbc.sql("""
                        SELECT r.subject_id, r.person_name, r.subject_ref_enc FROM support_record r
                        WHERE r.id > (SELECT COALESCE(MAX(id), 0) FROM support_record) - ?
                          AND r.match_method = 'ID_NUMBER' AND r.person_name IS NOT NULL""").param(EXAMPLE_WINDOW).query((RowCallbackHandler)
                rs -> said.add(new Said(rs.getLong(1), rs.getString(2), rs.getString(3))));
        List<Said> distinct = new ArrayList<>(said);
        MatchExamples examples = new MatchExamples();
        List<RowTraits> rows = distinct.parallelStream()
                .map(s -> {
                    RowTraits carried = s.reference() == null ? null : carried(s.reference());
                    return carried == null
                            ? new RowTraits(s.name(), null, null, null)
                            : new RowTraits(s.name(), null, carried.phone(), carried.birth());
                })
                .toList();
        int i = 0;
        for (Said s : distinct) {
            RosterPerson person = byId.get(s.subjectId());
            RowTraits row = rows.get(i++);
            if (person != null) {
                examples.add(row, person);
            }
        }
        return examples;
    }

    /** The phone and birth date a record tied by its ID number carried, if its reference kept them. */
    private RowTraits carried(String reference) {
        String traits = IdentityKeys.traits(ring.decrypt(IdentityKeys.ID_NUMBER, reference));
        return traits == null ? null : RowTraits.decode(traits);
    }

    /** The weights scored matching would use now, and where each came from ({@code identity model}). */
    public record Explanation(
            int rosterSize,
            double prior,
            org.lujing.identity.match.MatchSettings settings,
            int enoughExamples,
            List<org.lujing.identity.match.MatchModel.LevelWeight> levels) {}

    /** Builds the model as a matching pass would — roster decrypted in memory, examples from the ledger — and explains it. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public Explanation explain() {
        List<RosterPerson> roster = roster();
        org.lujing.identity.match.MatchModel model =
                org.lujing.identity.match.MatchModel.estimate(roster, examples(roster));
        return new Explanation(
                model.rosterSize(),
                model.prior(),
                properties.settings(),
                org.lujing.identity.match.MatchModel.ENOUGH_EXAMPLES,
                model.explain());
    }

    /** The roster, decrypted in memory for this pass only. */
    private List<RosterPerson> roster() {
        return jdbc.sql("SELECT id, name, id_number_enc, phone_enc FROM subject ORDER BY id")
                .query((rs, n) -> RosterPerson.of(
                        rs.getLong(1),
                        rs.getString(2),
                        ring.decrypt(IdentityKeys.ID_NUMBER, rs.getString(3)),
                        rs.getString(4) == null ? null : ring.decrypt(IdentityKeys.PHONE, rs.getString(4))))
                .list();
    }
}
