package org.lujing.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lujing.ledger.KeyKind;
import org.lujing.ledger.KeyRange;
import org.lujing.ledger.MatchMethod;
import org.lujing.ledger.PendingRanges;
import org.lujing.ledger.RecordIds;
import org.lujing.ledger.StatisticsRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ties pending records to people on the roster. In order: an admin's LINK decision; the ID number's blind index;
 * an exact (name, phone) or (name, birth date) pair that points to exactly one person not marked DIFFERENT by an
 * admin. Anything weaker stays pending. A record that turns out to repeat another record of the same person
 * (same category, date and agency, reported once with an ID and once without) is marked merged into it — kept,
 * reversibly, and not counted. Then scored matching ({@link ScoredMatching}) links, queues for review or leaves the
 * keys no exact rule tied. Runs after every file and every night; running it again changes nothing, and a run cut
 * short is finished by the next. Every change to who a record belongs to or whether it is merged is mirrored in the
 * statistics rollups, in the same transaction: a chunk of persons each, under the ledger's write turn.
 *
 * <p>Why one class of this length: a rematch is one sequence — the exact rules, their linking, the scored pass, its
 * linking and evidence — whose steps share the chunk of persons being tied and the rollup change they feed; split,
 * each part would need that state handed across.
 */
@Component
public class IdentityMatcher {

    private static final Logger log = LoggerFactory.getLogger(IdentityMatcher.class);

    private static final String OF_SUBJECT = "r.subject_id = ?";

    private final JdbcClient jdbc;
    private final StatisticsRollup rollup;
    private final ScoredMatching scored;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final RecordIds ids;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    public IdentityMatcher(
            JdbcClient jdbc,
            StatisticsRollup rollup,
            ScoredMatching scored,
            org.springframework.jdbc.core.JdbcTemplate batch,
            RecordIds ids,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.ids = ids;
        this.batch = batch;
        this.rollup = rollup;
        this.scored = scored;
        this.postgres = org.lujing.ledger.SqlDialect.of(batch).postgres();
    }

    /**
     * Matches what can be matched; returns how many records were tied to a person. Runs in transactions of its own,
     * a chunk of persons each (see {@link #assignAll}): called inside a caller's transaction it joins it and holds
     * every change until that one ends, so callers call it after committing what they wrote.
     */
    public int rematch() {
        return rematch(ScoredMatching.RANGE_RECORDS, ASSIGN_CHUNK);
    }

    /** As {@link #rematch()}, with the pending records a scored range reads and the persons a chunk ties given. */
    int rematch(int rangeRecords, int chunkPersons) {
        // the exact rules, a range of keys at a time (one range while no more than rangeRecords records are pending):
        // a roster that names a million pending keys is never held as one list of assignments
        PendingRanges plan = PendingRanges.ofAll(jdbc, rangeRecords);
        // the admins' DIFFERENT decisions, for the exact rules and scored matching alike
        Map<String, java.util.Set<Long>> notThese = new java.util.HashMap<>();
        jdbc.sql("SELECT subject_key, subject_id FROM identity_decision WHERE kind = 'DIFFERENT' AND active = TRUE")
                .query((RowCallbackHandler)
                        rs -> notThese.computeIfAbsent(rs.getString(1).strip(), k -> new java.util.HashSet<>())
                                .add(rs.getLong(2)));
        int matched = 0;
        long exactKeys = 0;
        long exactReading = 0;
        long exactLinking = 0;
        for (KeyRange range : plan.ranges()) {
            long r = System.nanoTime();
            List<Assignment> exact = exactAssignments(range, plan, notThese);
            long l = System.nanoTime();
            exactReading += l - r;
            matched += java.util.stream.IntStream.of(assignAll(exact, chunkPersons, tied -> {}))
                    .sum();
            exactLinking += System.nanoTime() - l;
            exactKeys += exact.size();
        }
        // what exact keys could not tie: scored matching over what the rows said (issue 13), a range of keys at a
        // time; each range's links are tied, with their evidence, before the next range is read
        ScoredMatching.Run run = scored.start(rangeRecords, notThese);
        long scoring = 0;
        long linking = 0;
        for (KeyRange range : run.ranges()) {
            long s = System.nanoTime();
            List<ScoredMatching.Link> links = transactions.execute(t -> run.pass(range));
            long l = System.nanoTime();
            scoring += l - s;
            int[] linked = assignAll(
                    links.stream()
                            .map(k -> new Assignment(k.subjectKey(), k.subjectId(), MatchMethod.SCORED))
                            .toList(),
                    chunkPersons,
                    tied -> scored.recordLinks(tied.stream().map(links::get).toList()));
            matched += java.util.stream.IntStream.of(linked).sum();
            linking += System.nanoTime() - l;
        }
        run.finish();
        if (matched > 0) {
            // where a big night's time goes (bench/match.sh reads it): the exact rules, scored matching, linking
            log.info(
                    "{} pending record(s) matched to people on the roster: exact rules {} ms ({} keys, {} ms linking),"
                            + " scored pass {} ms, linking with evidence {} ms",
                    matched,
                    exactReading / 1_000_000,
                    exactKeys,
                    exactLinking / 1_000_000,
                    scoring / 1_000_000,
                    linking / 1_000_000);
        }
        return matched;
    }

    /**
     * What the exact rules tie among the pending keys of a range, read set-based: an admin's LINK for a pending key
     * wins; else the one person whose index of the key's kind equals the key, unless an admin said the key is not that
     * person ({@code notThese}). A handful of queries whatever the number of keys (a query or two per key took seconds
     * for a night of 10,000 pending keys). Only keys that something could match are read: a large ledger of records
     * for people not (yet) on the roster is never walked key by key.
     */
    private List<Assignment> exactAssignments(
            KeyRange range, PendingRanges plan, Map<String, java.util.Set<Long>> notThese) {
        Map<String, Long> linkedByAdmin = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT d.subject_key, d.subject_id FROM identity_decision d
                        WHERE %sd.kind = 'LINK' AND d.active = TRUE
                          AND EXISTS (SELECT 1 FROM support_record r WHERE r.subject_key = d.subject_key AND r.subject_id IS NULL)
                        ORDER BY d.id""".formatted(range.condition("d.subject_key")))
                .params(range.params())
                .query((RowCallbackHandler)
                        rs -> linkedByAdmin.put(rs.getString(1).strip(), rs.getLong(2)));
        // each kind of key against its own index of the roster; UNION leaves one row per (key, person)
        Map<String, java.util.Set<Long>> candidates = new java.util.LinkedHashMap<>();
        Map<String, KeyKind> kinds = new java.util.HashMap<>();
        String where = range.condition("r.subject_key") + plan.noPerson("r.subject_id");
        List<Object> params = new java.util.ArrayList<>();
        for (int branch = 0; branch < 3; branch++) {
            params.addAll(range.params());
        }
        jdbc.sql("""
                        SELECT r.subject_key, r.key_kind, s.id FROM support_record r
                          JOIN subject s ON s.id_number_idx = r.subject_key
                          WHERE %1$s AND r.key_kind = 'ID_NUMBER'
                        UNION SELECT r.subject_key, r.key_kind, s.id FROM support_record r
                          JOIN subject s ON s.name_phone_idx = r.subject_key
                          WHERE %1$s AND r.key_kind = 'NAME_PHONE'
                        UNION SELECT r.subject_key, r.key_kind, s.id FROM support_record r
                          JOIN subject s ON s.name_birth_idx = r.subject_key
                          WHERE %1$s AND r.key_kind = 'NAME_BIRTH_DATE'""".formatted(where)).params(params).query((RowCallbackHandler) rs -> {
            String key = rs.getString(1).strip();
            kinds.put(key, KeyKind.valueOf(rs.getString(2).strip()));
            candidates.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(rs.getLong(3));
        });
        List<Assignment> exact = new java.util.ArrayList<>();
        linkedByAdmin.forEach((key, person) -> exact.add(new Assignment(key, person, MatchMethod.MANUAL)));
        candidates.forEach((key, people) -> {
            if (linkedByAdmin.containsKey(key)) {
                return;
            }
            java.util.Set<Long> left = new java.util.TreeSet<>(people);
            left.removeAll(notThese.getOrDefault(key, java.util.Set.of()));
            if (left.size() == 1) {
                MatchMethod method = switch (kinds.get(key)) {
                    case ID_NUMBER -> MatchMethod.ID_NUMBER;
                    case NAME_PHONE -> MatchMethod.NAME_PHONE;
                    case NAME_BIRTH_DATE -> MatchMethod.NAME_BIRTH_DATE;
                    case NAME_TYPED_ID -> MatchMethod.SCORED; // never read above: no roster index
                };
                exact.add(new Assignment(key, left.iterator().next(), method));
            }
        });
        return exact;
    }

    /**
     * An admin's decision: records keyed {@code subjectKey} belong to ({@code LINK}) or never belong to
     * ({@code DIFFERENT}) the person; applied now and honoured by every later match. The decision is committed, then
     * the ledger matched again ({@link #rematch()}).
     */
    public void decide(String kind, String subjectKey, long subjectId, String actor, String reason) {
        decide(kind, subjectKey, subjectId, actor, reason, () -> {});
    }

    /** As {@link #decide}, with {@code alongside} (the decision's audit entry) written in the decision's transaction. */
    public void decide(
            String kind, String subjectKey, long subjectId, String actor, String reason, Runnable alongside) {
        transactions.executeWithoutResult(t -> {
            record(kind, subjectKey, subjectId, actor, reason);
            alongside.run();
        });
        rematch();
    }

    /** Records an admin's decision and undoes what earlier matching did for the key, in the caller's transaction. */
    void record(String kind, String subjectKey, long subjectId, String actor, String reason) {
        if (!kind.equals("LINK") && !kind.equals("DIFFERENT")) {
            throw new IllegalArgumentException("身份决定只能是 LINK 或 DIFFERENT，而不是 " + kind
                    + org.lujing.ledger.Bilingual.SEPARATOR + "a decision is LINK or DIFFERENT, not " + kind);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "身份决定需要写明原因" + org.lujing.ledger.Bilingual.SEPARATOR + "an identity decision needs a reason");
        }
        // the ledger's write turn before anything is read: a rematch on another thread or node that tied this key
        // between the read of its persons below and the untying would leave that person's rollups counting records
        // no longer theirs
        ids.takeWriteTurn();
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
    }

    /** A key to tie to a person, and how. */
    private record Assignment(String key, long subjectId, MatchMethod method) {}

    /** Persons whose records a set-based assignment reads and ties at once. */
    private static final int ASSIGN_CHUNK = 1_000;

    /**
     * Records of the persons of one chunk that are read at once: a chunk ends at {@link #ASSIGN_CHUNK} persons or this
     * many records of theirs, whichever comes first (a person is never split). A thousand persons of a few hundred
     * records each — a province's ledger, or years of weekly lessons — were read whole into one chunk: a helper's
     * probe ran rematch out of a 256 MB heap at 800 records a person.
     */
    static final long CHUNK_RECORDS = 20_000;

    /** A record of a person (or about to be), as linking and merging see it. */
    private record Held(
            long id,
            boolean counted,
            Long mergedInto,
            long subjectId,
            String category,
            java.time.LocalDate date,
            String agency,
            String activityName,
            java.math.BigDecimal quantity) {

        String group() {
            return subjectId + "\u0000" + category + "\u0000" + date + "\u0000" + agency;
        }
    }

    private static final String HELD = """
            SELECT r.id, r.subject_id, r.merged_into, r.category, r.activity_date, r.agency, r.activity_name, r.quantity,
              r.subject_key FROM support_record r WHERE """;

    /**
     * Ties keys to persons, set-based, a chunk of persons at a time, each chunk in a transaction of its own under the
     * ledger's write turn: the persons' records and the pending records of their keys are read once, the keys tied in
     * one batch, later repeats of a (person, category, date, agency) merged into the first in another, and what starts
     * or stops counting goes into one rollup change applied before the chunk commits — never a remove and an add over
     * each person's records (that, per chunk, was most of a night's linking of 60,000 records). Linking everything in
     * one transaction held every changed row's versions on HSQLDB's heap: a roster that tied 61,000 pending records
     * ran out of 256 MB. {@code tiedInChunk} is told, inside the chunk's transaction, which assignments tied records.
     * Returns the records tied per assignment, in order.
     */
    private int[] assignAll(
            List<Assignment> all, int chunkPersons, java.util.function.Consumer<List<Integer>> tiedInChunk) {
        int[] tied = new int[all.size()];
        if (all.isEmpty()) {
            return tied;
        }
        Map<Long, List<Integer>> bySubject = new java.util.LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            bySubject
                    .computeIfAbsent(all.get(i).subjectId(), s -> new java.util.ArrayList<>())
                    .add(i);
        }
        List<Long> subjects = new java.util.ArrayList<>(bySubject.keySet());
        for (List<Long> chunk : chunks(subjects, recordsOf(subjects), chunkPersons, CHUNK_RECORDS)) {
            transactions.executeWithoutResult(t -> assignChunk(all, bySubject, chunk, tied, tiedInChunk));
        }
        return tied;
    }

    private void assignChunk(
            List<Assignment> all,
            Map<Long, List<Integer>> bySubject,
            List<Long> chunk,
            int[] tied,
            java.util.function.Consumer<List<Integer>> tiedInChunk) {
        // nobody else writes records or rollups until this transaction ends: what is read here is what is tied
        ids.takeWriteTurn();
        List<Integer> candidates = new java.util.ArrayList<>();
        for (Long subject : chunk) {
            candidates.addAll(bySubject.get(subject));
        }
        java.util.Set<Integer> overruled = overruled(all, candidates);
        Map<String, Long> personOfKey = new java.util.HashMap<>();
        List<Integer> indexes = new java.util.ArrayList<>();
        List<Object[]> updates = new java.util.ArrayList<>();
        for (Long subject : chunk) {
            for (int i : bySubject.get(subject)) {
                if (overruled.contains(i)) {
                    continue;
                }
                Assignment a = all.get(i);
                indexes.add(i);
                updates.add(new Object[] {a.subjectId(), a.method().name(), a.key()});
                personOfKey.put(a.key().strip(), a.subjectId());
            }
        }
        List<Held> held = new java.util.ArrayList<>();
        // the persons' own records (counted unless merged) and the pending ones about to be theirs (not counted);
        // "no person yet" is written so that no index serves it: the key's index must
        read(held, "r.subject_id IN (" + marks(chunk.size()) + ")", chunk, null);
        List<String> keys = new java.util.ArrayList<>(personOfKey.keySet());
        read(
                held,
                "r.subject_key IN (" + marks(keys.size()) + ") AND COALESCE(r.subject_id, 0) = 0",
                keys,
                personOfKey);
        int[] counts = postgres ? tieAsSet(updates) : batch.batchUpdate(TIE, updates);
        List<Integer> tiedHere = new java.util.ArrayList<>();
        for (int j = 0; j < counts.length; j++) {
            tied[indexes.get(j)] = Math.max(counts[j], 0);
            if (counts[j] > 0) {
                tiedHere.add(indexes.get(j));
            }
        }
        StatisticsRollup.Change change = rollup.change();
        mergeRepeats(held, change);
        change.apply();
        tiedInChunk.accept(tiedHere);
    }

    private static final String TIE =
            "UPDATE support_record SET subject_id = ?, match_method = ? WHERE subject_key = ? AND subject_id IS NULL";

    /**
     * PostgreSQL's way of {@link #TIE}: the chunk's keys bound as arrays and tied in one statement. A batch is still a
     * round of the protocol per key there: 10,000 records of 9,053 keys took 13 s to tie, a key at a time. Returns
     * the records tied per key, in the keys' order.
     */
    private int[] tieAsSet(List<Object[]> updates) {
        int n = updates.size();
        Object[] persons = new Object[n];
        Object[] methods = new Object[n];
        Object[] keys = new Object[n];
        for (int i = 0; i < n; i++) {
            persons[i] = updates.get(i)[0];
            methods[i] = updates.get(i)[1];
            keys[i] = updates.get(i)[2];
        }
        int[] counts = new int[n];
        // the key as the column's own type (char), so the key's index serves the join
        batch.execute("""
                        UPDATE support_record r SET subject_id = d.subject_id, match_method = d.method
                        FROM unnest(?::int8[], ?::varchar[], ?::bpchar[]) WITH ORDINALITY AS d(subject_id, method, subject_key, ord)
                        WHERE r.subject_key = d.subject_key AND r.subject_id IS NULL
                        RETURNING d.ord""", (org.springframework.jdbc.core.PreparedStatementCallback<Void>) ps -> {
            java.sql.Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("int8", persons));
            ps.setArray(2, c.createArrayOf("varchar", methods));
            ps.setArray(3, c.createArrayOf("bpchar", keys));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts[(int) rs.getLong(1) - 1]++;
                }
            }
            return null;
        });
        return counts;
    }

    /**
     * The assignments an admin's decision committed since they were worked out now contradicts, read under the write
     * turn (a decision takes it too): a DIFFERENT for the key and person, a LINK of the key to someone else, or, for
     * a manual assignment, its LINK withdrawn. They are left alone; the decision's own rematch follows it.
     */
    private java.util.Set<Integer> overruled(List<Assignment> all, List<Integer> candidates) {
        Map<String, List<Integer>> byKey = new java.util.HashMap<>();
        candidates.forEach(i -> byKey.computeIfAbsent(all.get(i).key().strip(), k -> new java.util.ArrayList<>())
                .add(i));
        Map<String, Long> links = new java.util.HashMap<>();
        java.util.Set<String> different = new java.util.HashSet<>();
        List<String> keys = List.copyOf(byKey.keySet());
        for (int from = 0; from < keys.size(); from += ASSIGN_CHUNK) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + ASSIGN_CHUNK));
            jdbc.sql(
                            "SELECT subject_key, kind, subject_id FROM identity_decision WHERE active = TRUE AND subject_key IN ("
                                    + marks(part.size()) + ")")
                    .params(List.copyOf(part))
                    .query((RowCallbackHandler) rs -> {
                        String key = rs.getString(1).strip();
                        if (rs.getString(2).strip().equals("LINK")) {
                            links.put(key, rs.getLong(3));
                        } else {
                            different.add(key + '/' + rs.getLong(3));
                        }
                    });
        }
        java.util.Set<Integer> overruled = new java.util.HashSet<>();
        byKey.forEach((key, indexes) -> {
            for (int i : indexes) {
                Assignment a = all.get(i);
                Long linked = links.get(key);
                if (different.contains(key + '/' + a.subjectId())
                        || (linked != null && linked != a.subjectId())
                        || (a.method() == MatchMethod.MANUAL && linked == null)) {
                    overruled.add(i);
                }
            }
        });
        return overruled;
    }

    private void read(List<Held> into, String where, List<?> params, Map<String, Long> personOfKey) {
        jdbc.sql(HELD + " " + where).params(List.copyOf(params)).query((RowCallbackHandler) rs -> {
            long merged = rs.getLong(3);
            Long mergedInto = rs.wasNull() ? null : merged;
            boolean pending = personOfKey != null;
            into.add(new Held(
                    rs.getLong(1),
                    !pending && mergedInto == null,
                    mergedInto,
                    pending ? personOfKey.get(rs.getString(9).strip()) : rs.getLong(2),
                    rs.getString(4),
                    rs.getDate(5).toLocalDate(),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getBigDecimal(8)));
        });
    }

    /** How many records each person has now, counted through the person's index a thousand persons at a time. */
    private Map<Long, Long> recordsOf(List<Long> subjects) {
        Map<Long, Long> records = new java.util.HashMap<>();
        for (int from = 0; from < subjects.size(); from += ASSIGN_CHUNK) {
            List<Long> part = subjects.subList(from, Math.min(subjects.size(), from + ASSIGN_CHUNK));
            jdbc.sql("SELECT subject_id, COUNT(*) FROM support_record WHERE subject_id IN (" + marks(part.size())
                            + ") GROUP BY subject_id")
                    .params(List.copyOf(part))
                    .query((RowCallbackHandler) rs -> records.put(rs.getLong(1), rs.getLong(2)));
        }
        return records;
    }

    /**
     * The persons in order, cut into chunks of at most {@code maxPersons} persons and {@code maxRecords} of their
     * records (a person with more is a chunk of their own).
     */
    static List<List<Long>> chunks(List<Long> subjects, Map<Long, Long> records, int maxPersons, long maxRecords) {
        List<List<Long>> chunks = new java.util.ArrayList<>();
        List<Long> chunk = new java.util.ArrayList<>();
        long held = 0;
        for (Long s : subjects) {
            long n = records.getOrDefault(s, 0L);
            if (!chunk.isEmpty() && (chunk.size() >= maxPersons || held + n > maxRecords)) {
                chunks.add(chunk);
                chunk = new java.util.ArrayList<>();
                held = 0;
            }
            chunk.add(s);
            held += n;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * Marks later repeats of (person, category, date, agency) as merged into the first record (the lowest id), and
     * tells the rollup change which records start counting (newly tied, not merged) and which stop (counted, now
     * merged).
     */
    private void mergeRepeats(List<Held> held, StatisticsRollup.Change change) {
        held.sort(java.util.Comparator.comparingLong(Held::id));
        Map<String, Long> first = new java.util.HashMap<>();
        List<Object[]> repeats = new java.util.ArrayList<>();
        for (Held r : held) {
            Long firstId = first.putIfAbsent(r.group(), r.id());
            boolean mergedNow = firstId != null && r.mergedInto() == null;
            if (mergedNow) {
                repeats.add(new Object[] {firstId, r.id()});
            }
            boolean countsAfter = r.mergedInto() == null && !mergedNow;
            if (countsAfter && !r.counted()) {
                change.starts(r.date(), r.category(), r.agency(), r.activityName(), r.subjectId(), r.quantity());
            } else if (r.counted() && !countsAfter) {
                change.stops(r.date(), r.category(), r.agency(), r.activityName(), r.subjectId(), r.quantity());
            }
        }
        if (!repeats.isEmpty()) {
            batch.batchUpdate("UPDATE support_record SET merged_into = ? WHERE id = ?", repeats);
        }
    }
}
