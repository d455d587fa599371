package org.lujing.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.KeyKind;
import org.lujing.ledger.MatchMethod;
import org.lujing.ledger.StatisticsRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ties pending records to people on the roster. In order: an admin's LINK decision; the ID number's blind index;
 * an exact (name, phone) or (name, birth date) pair that points to exactly one person not marked DIFFERENT by an
 * admin. Anything weaker stays pending. A record that turns out to repeat another record of the same person
 * (same category, date and agency, reported once with an ID and once without) is marked merged into it — kept,
 * reversibly, and not counted. Then scored matching ({@link ScoredMatching}) links, queues for review or leaves the
 * keys no exact rule tied. Runs after every file and every night; running it again changes nothing. Every change
 * to who a record belongs to or whether it is merged is mirrored in the statistics rollups, in the same transaction.
 */
@Component
public class IdentityMatcher {

    private static final Logger log = LoggerFactory.getLogger(IdentityMatcher.class);

    private static final String OF_SUBJECT = "r.subject_id = ?";

    private final JdbcClient jdbc;
    private final StatisticsRollup rollup;
    private final ScoredMatching scored;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    public IdentityMatcher(
            JdbcClient jdbc,
            StatisticsRollup rollup,
            ScoredMatching scored,
            org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.rollup = rollup;
        this.scored = scored;
    }

    /** Matches what can be matched; returns how many records were tied to a person. */
    @Transactional
    public int rematch() {
        // only keys that something could match: a person by any of the three indexes, or an admin's link — a large
        // ledger of records for people not (yet) on the roster must not be walked key by key every time
        List<Map<String, Object>> keys = jdbc.sql("""
                        SELECT r.subject_key, r.key_kind FROM support_record r
                          JOIN subject s ON s.id_number_idx = r.subject_key WHERE r.subject_id IS NULL
                        UNION SELECT r.subject_key, r.key_kind FROM support_record r
                          JOIN subject s ON s.name_phone_idx = r.subject_key WHERE r.subject_id IS NULL
                        UNION SELECT r.subject_key, r.key_kind FROM support_record r
                          JOIN subject s ON s.name_birth_idx = r.subject_key WHERE r.subject_id IS NULL
                        UNION SELECT r.subject_key, r.key_kind FROM support_record r
                          JOIN identity_decision d ON d.subject_key = r.subject_key AND d.kind = 'LINK' AND d.active = TRUE
                          WHERE r.subject_id IS NULL""").query().listOfRows();
        int matched = 0;
        List<Assignment> exact = new java.util.ArrayList<>();
        for (Map<String, Object> k : keys) {
            String key = (String) value(k, "subject_key");
            KeyKind kind = KeyKind.valueOf((String) value(k, "key_kind"));
            Optional<Long> linked = decision("LINK", key);
            if (linked.isPresent()) {
                exact.add(new Assignment(key, linked.get(), MatchMethod.MANUAL));
                continue;
            }
            String column = switch (kind) {
                case ID_NUMBER -> "id_number_idx";
                case NAME_PHONE -> "name_phone_idx";
                case NAME_BIRTH_DATE -> "name_birth_idx";
                case NAME_TYPED_ID -> null; // no roster index: scored matching only
            };
            if (column == null) {
                continue;
            }
            List<Long> candidates = jdbc.sql("""
                            SELECT id FROM subject WHERE %s = ?
                              AND id NOT IN (SELECT subject_id FROM identity_decision
                                             WHERE kind = 'DIFFERENT' AND active = TRUE AND subject_key = ?)""".formatted(column))
                    .params(key, key)
                    .query(Long.class)
                    .list();
            if (candidates.size() == 1) {
                MatchMethod method = switch (kind) {
                    case ID_NUMBER -> MatchMethod.ID_NUMBER;
                    case NAME_PHONE -> MatchMethod.NAME_PHONE;
                    case NAME_BIRTH_DATE -> MatchMethod.NAME_BIRTH_DATE;
                    case NAME_TYPED_ID -> MatchMethod.SCORED;
                };
                exact.add(new Assignment(key, candidates.get(0), method));
            }
        }
        for (int n : assignAll(exact)) {
            matched += n;
        }
        // what exact keys could not tie: scored matching over what the rows said (issue 13)
        List<ScoredMatching.Link> links = scored.pass();
        int[] linked = assignAll(links.stream()
                .map(l -> new Assignment(l.subjectKey(), l.subjectId(), MatchMethod.SCORED))
                .toList());
        List<ScoredMatching.Link> made = new java.util.ArrayList<>();
        for (int i = 0; i < linked.length; i++) {
            if (linked[i] > 0) {
                made.add(links.get(i));
            }
            matched += linked[i];
        }
        scored.recordLinks(made);
        if (matched > 0) {
            log.info("{} pending record(s) matched to people on the roster", matched);
        }
        return matched;
    }

    /**
     * An admin's decision: records keyed {@code subjectKey} belong to ({@code LINK}) or never belong to
     * ({@code DIFFERENT}) the person; applied now and honoured by every later match.
     */
    @Transactional
    public void decide(String kind, String subjectKey, long subjectId, String actor, String reason) {
        if (!kind.equals("LINK") && !kind.equals("DIFFERENT")) {
            throw new IllegalArgumentException("a decision is LINK or DIFFERENT, not " + kind);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an identity decision needs a reason");
        }
        jdbc.sql(
                        "UPDATE identity_decision SET active = FALSE WHERE subject_key = ? AND subject_id = ? AND active = TRUE")
                .params(subjectKey, subjectId)
                .update();
        if (kind.equals("LINK")) {
            jdbc.sql(
                            "UPDATE identity_decision SET active = FALSE WHERE subject_key = ? AND kind = 'LINK' AND active = TRUE")
                    .param(subjectKey)
                    .update();
        }
        jdbc.sql("""
                        INSERT INTO identity_decision (kind, subject_key, subject_id, decided_by, decided_at, reason, active)
                        VALUES (?, ?, ?, ?, ?, ?, TRUE)""")
                .params(kind, subjectKey, subjectId, actor, Timestamp.from(Instant.now()), reason)
                .update();
        // undo what an earlier match (or an earlier manual link) did for this key, then match again under the decision;
        // all the records this touches belong to the key's current person(s) (merges stay within a person), whose
        // rollup contributions are taken out before and put back after
        List<Long> persons = jdbc.sql(
                        "SELECT DISTINCT subject_id FROM support_record WHERE subject_key = ? AND subject_id IS NOT NULL")
                .param(subjectKey)
                .query(Long.class)
                .list();
        persons.forEach(p -> rollup.remove(OF_SUBJECT, p));
        jdbc.sql(
                        "UPDATE support_record SET merged_into = NULL WHERE merged_into IN (SELECT id FROM support_record WHERE subject_key = ?)")
                .param(subjectKey)
                .update();
        jdbc.sql(
                        "UPDATE support_record SET subject_id = NULL, match_method = NULL, merged_into = NULL WHERE subject_key = ?")
                .param(subjectKey)
                .update();
        persons.forEach(p -> rollup.add(OF_SUBJECT, p));
        // an automatic link's evidence, or the key's place in the review queue, no longer stands: the decision does
        jdbc.sql("DELETE FROM identity_match WHERE subject_key = ?")
                .param(subjectKey)
                .update();
        rematch();
    }

    private Optional<Long> decision(String kind, String key) {
        return jdbc.sql("""
                        SELECT subject_id FROM identity_decision WHERE kind = ? AND subject_key = ? AND active = TRUE
                        ORDER BY id DESC""").params(kind, key).query(Long.class).list().stream().findFirst();
    }

    /** A key to tie to a person, and how. */
    private record Assignment(String key, long subjectId, MatchMethod method) {}

    /** Persons a set-based assignment handles at once: their rollups are taken out and put back together. */
    private static final int ASSIGN_CHUNK = 500;

    /**
     * Ties keys to persons: the keys' records count from now on, and merging repeats may stop an earlier record of the
     * person counting. Per chunk of persons, their rollup contributions are removed once, the keys tied in one batch,
     * repeats merged and the contributions added back (a key at a time, with six statements each, a night with
     * 60,000 keys to tie took many minutes). Returns the records tied per assignment, in order.
     */
    private int[] assignAll(List<Assignment> all) {
        int[] tied = new int[all.size()];
        Map<Long, List<Integer>> bySubject = new java.util.LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            bySubject
                    .computeIfAbsent(all.get(i).subjectId(), s -> new java.util.ArrayList<>())
                    .add(i);
        }
        List<Long> subjects = new java.util.ArrayList<>(bySubject.keySet());
        for (int from = 0; from < subjects.size(); from += ASSIGN_CHUNK) {
            List<Long> chunk = subjects.subList(from, Math.min(subjects.size(), from + ASSIGN_CHUNK));
            String in = "r.subject_id IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            Object[] ids = chunk.toArray();
            rollup.remove(in, ids);
            List<Integer> indexes = new java.util.ArrayList<>();
            List<Object[]> updates = new java.util.ArrayList<>();
            for (Long subject : chunk) {
                for (int i : bySubject.get(subject)) {
                    Assignment a = all.get(i);
                    indexes.add(i);
                    updates.add(new Object[] {a.subjectId(), a.method().name(), a.key()});
                }
            }
            int[] counts = batch.batchUpdate(
                    "UPDATE support_record SET subject_id = ?, match_method = ? WHERE subject_key = ? AND subject_id IS NULL",
                    updates);
            for (int j = 0; j < counts.length; j++) {
                tied[indexes.get(j)] = Math.max(counts[j], 0);
            }
            mergeRepeats(chunk);
            rollup.add(in, ids);
        }
        return tied;
    }

    /**
     * Marks later repeats of (person, category, date, agency) as merged into the first record, for many persons: their
     * records are read once through the subject_id index and grouped here (a correlated UPDATE over an IN list took
     * HSQLDB a scan of the ledger per chunk).
     */
    private void mergeRepeats(List<Long> subjectIds) {
        Map<String, Long> first = new java.util.HashMap<>();
        List<long[]> repeats = new java.util.ArrayList<>();
        jdbc.sql("""
                        SELECT id, subject_id, category, activity_date, agency, merged_into FROM support_record
                        WHERE subject_id IN (%s) ORDER BY id""".formatted(String.join(", ", java.util.Collections.nCopies(subjectIds.size(), "?"))))
                .params(List.copyOf(subjectIds))
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    String group = rs.getLong(2) + "\u0000" + rs.getString(3) + "\u0000" + rs.getDate(4) + "\u0000"
                            + rs.getString(5);
                    Long firstId = first.putIfAbsent(group, id);
                    rs.getLong(6);
                    if (firstId != null && rs.wasNull()) {
                        repeats.add(new long[] {firstId, id});
                    }
                    return null;
                })
                .list();
        if (!repeats.isEmpty()) {
            batch.batchUpdate(
                    "UPDATE support_record SET merged_into = ? WHERE id = ?",
                    repeats.stream().map(r -> new Object[] {r[0], r[1]}).toList());
        }
    }

    private static Object value(Map<String, Object> row, String key) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
