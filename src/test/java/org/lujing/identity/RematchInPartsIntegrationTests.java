package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lujing.TestHomes;
import org.lujing.TestLedger;
import org.lujing.identity.match.LabelledRows;
import org.lujing.identity.match.RosterPerson;
import org.lujing.identity.match.RowTraits;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.PersonBitsRows;
import org.lujing.ledger.RollupRows;
import org.lujing.ledger.StatisticsRollup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rematch reads the pending records without a clean ID number a range of keys at a time and ties persons a chunk at
 * a time, each chunk committed with its rollups and evidence: a roster that ties a hundred thousand pending records no
 * longer holds them all on the heap, in one transaction. Cut into many ranges and chunks it must decide exactly what
 * one range and big chunks decide; cut short, it must leave what it committed whole and be finished by the next run.
 *
 * <p>The ledger: a generated roster of 300 people and 200 labelled rows of every case scored matching knows (typos,
 * homophones, siblings, strangers), loaded through ingest; before each run every record is made pending again and
 * the rollups rebuilt, so each run starts from the same state.
 */
@SpringBootTest(properties = {"camel.main.auto-startup=false", "lujing.identity.match.keep-damaged-ids=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RematchInPartsIntegrationTests {

    static final Path HOME = TestHomes.fresh("rematch-in-parts");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    IdentityMatcher matcher;

    @Autowired
    StatisticsRollup rollup;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @BeforeAll
    void theRosterAndTheLabelledRowsAreLoaded() throws IOException {
        TestLedger.empty(jdbcTemplate);
        LabelledRows set = LabelledRows.generate(11, 300, 10);
        Path dir = TestHomes.fresh("rematch-in-parts-files");
        List<String> roster = new ArrayList<>(List.of("姓名,身份证号码,联系电话"));
        for (RosterPerson p : set.roster()) {
            roster.add(p.name() + "," + p.idNumber() + "," + p.phone());
        }
        List<String> rows = new ArrayList<>(List.of("日期,姓名,身份证号,联系电话,出生日期,活动类型"));
        LocalDate day = LocalDate.of(2025, 1, 1);
        for (LabelledRows.Row row : set.rows()) {
            RowTraits t = row.traits();
            rows.add(day.plusDays(rows.size() % 300) + "," + t.name() + "," + text(t.typedId()) + "," + text(t.phone())
                    + "," + text(t.birth()) + ",公益活动");
        }
        Files.write(dir.resolve("roster.csv"), roster);
        Files.write(dir.resolve("rows.csv"), rows);
        ingest.ingest(dir.resolve("roster.csv"), "roster");
        ingest.ingest(dir.resolve("rows.csv"), "community");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @Test
    void manyRangesAndSmallChunksDecideWhatOneRangeDecides() {
        // given an admin's LINK of a key no rule ties and DIFFERENT of one the (name, phone) rule would tie
        String typed = jdbc.sql("SELECT MIN(subject_key) FROM support_record WHERE key_kind = 'NAME_TYPED_ID'")
                .query(String.class)
                .single();
        long someone = count("SELECT MIN(id) FROM subject");
        String phone = jdbc.sql("""
                        SELECT MAX(r.subject_key) FROM support_record r WHERE r.key_kind = 'NAME_PHONE'
                          AND EXISTS (SELECT 1 FROM subject s WHERE s.name_phone_idx = r.subject_key)""").query(String.class).single();
        long notThem = jdbc.sql("SELECT id FROM subject WHERE name_phone_idx = ?")
                .param(phone)
                .query(Long.class)
                .single();
        matcher.record("LINK", typed, someone, "admin", "电话核实为同一人");
        matcher.record("DIFFERENT", phone, notThem, "admin", "同名同电话，不是同一人");
        // and the decisions of one range and chunks of a thousand persons
        everyRecordPendingAgain();
        matcher.rematch();
        Map<String, Object> whole = state();
        assertThat(jdbc.sql("SELECT DISTINCT subject_id, match_method FROM support_record WHERE subject_key = ?")
                        .param(typed)
                        .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2))
                        .list())
                .containsExactly(someone + " MANUAL");
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_id = " + notThem + " AND subject_key = '"
                        + phone + "'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE match_method = 'SCORED'"))
                .as("scored links")
                .isGreaterThan(10);
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE match_method IN ('NAME_PHONE', 'ID_NUMBER')"))
                .as("exact links")
                .isGreaterThan(10);
        assertThat(count("SELECT COUNT(*) FROM identity_match WHERE outcome = 'REVIEW'"))
                .as("queued for review")
                .isGreaterThan(5);
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL"))
                .as("left pending")
                .isGreaterThan(5);

        // when ranges of 7 pending records (dozens of ranges) and chunks of 3 persons
        everyRecordPendingAgain();
        long pending = count(
                "SELECT COUNT(*) FROM support_record WHERE key_kind <> 'ID_NUMBER' AND subject_ref_enc IS NOT NULL");
        assertThat(pending / 7).as("ranges").isGreaterThan(10);
        matcher.rematch(7, 3);

        // then
        assertThat(state()).isEqualTo(whole);
        assertThat(PersonBitsRows.stored(jdbc)).isEqualTo(PersonBitsRows.expected(jdbc));
        // and again with the review queue already there, in ranges of 20 (few enough of the records pending now that
        // each range is read through the person's index): entries that still stand keep their numbers
        List<Long> queue = jdbc.sql("SELECT id FROM identity_match WHERE outcome = 'REVIEW' ORDER BY id")
                .query(Long.class)
                .list();
        matcher.rematch(20, 3);
        assertThat(state()).isEqualTo(whole);
        assertThat(jdbc.sql("SELECT id FROM identity_match WHERE outcome = 'REVIEW' ORDER BY id")
                        .query(Long.class)
                        .list())
                .isEqualTo(queue);
    }

    @Test
    void aRematchCutShortKeepsWhatItCommittedWholeAndTheNextFinishesIt() {
        // given what a whole run decides
        everyRecordPendingAgain();
        matcher.rematch();
        Map<String, Object> whole = state();
        // a person that only scored matching ties: the database refuses to tie them. Only scored matching: the exact
        // rules run first over every key, so a person one of their records also ties would stop the run before any
        // scored chunk (CI saw 1 exact link of 27). The one whose keys come last: keys are keyed hashes (a fresh key
        // each run), ranges and chunks go in key order, so the people scored before it are committed first
        long refused = jdbc.sql("SELECT subject_id FROM support_record WHERE subject_id IS NOT NULL GROUP BY subject_id"
                        + " HAVING MIN(match_method) = 'SCORED' AND MAX(match_method) = 'SCORED'"
                        + " ORDER BY MIN(subject_key) DESC LIMIT 1")
                .query(Long.class)
                .single();
        everyRecordPendingAgain();
        refuseToTie(refused);
        try {
            // when
            assertThatThrownBy(() -> matcher.rematch(7, 3)).hasMessageContaining("45000");
        } finally {
            jdbcTemplate.execute("DROP TRIGGER refuse_one" + (postgres() ? " ON support_record" : ""));
        }

        // then the exact rules' links and the scored chunks before the refusal stand, each with its rollups and
        // evidence; the refused person's records are still pending
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE match_method IN ('NAME_PHONE', 'ID_NUMBER')"))
                .isEqualTo(((Number) whole.get("exact")).longValue());
        long scored = count("SELECT COUNT(*) FROM support_record WHERE match_method = 'SCORED'");
        assertThat(scored).isPositive().isLessThan(((Number) whole.get("scored")).longValue());
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_id = " + refused))
                .isZero();
        assertThat(count("SELECT COUNT(DISTINCT subject_key) FROM support_record WHERE match_method = 'SCORED'"))
                .as("a scored link's evidence is committed with it")
                .isEqualTo(count("SELECT COUNT(*) FROM identity_match WHERE outcome = 'LINKED'"));
        List<List<Map<String, Object>>> kept = rollups();
        rollup.rebuild();
        assertThat(rollups()).as("the rollups of what was committed").isEqualTo(kept);
        assertThat(PersonBitsRows.stored(jdbc)).isEqualTo(PersonBitsRows.expected(jdbc));

        // when the next run comes
        matcher.rematch(7, 3);

        // then
        assertThat(state()).isEqualTo(whole);
    }

    @Test
    void twoRematchesAtOnceDecideWhatOneDecides() throws Exception {
        // given what one run decides
        everyRecordPendingAgain();
        matcher.rematch();
        Map<String, Object> whole = state();

        // when two run at once (two nodes after their files), in many ranges and small chunks
        everyRecordPendingAgain();
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Integer> first = two.submit(() -> matcher.rematch(7, 3));
            java.util.concurrent.Future<Integer> second = two.submit(() -> matcher.rematch(7, 3));

            // then every record is tied once between them, and the queue and the evidence hold each entry once
            assertThat(first.get() + second.get())
                    .isEqualTo(count("SELECT COUNT(*) FROM support_record WHERE subject_id IS NOT NULL"));
        } finally {
            two.shutdown();
        }
        assertThat(state()).isEqualTo(whole);
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    org.lujing.ledger.RecordIds ids;

    /** A pending key the (name, phone) rule ties to one person, and that person. */
    private Map.Entry<String, Long> aKeyTheExactRuleTies() {
        return jdbc.sql("""
                        SELECT MIN(r.subject_key), MIN(s.id) FROM support_record r
                          JOIN subject s ON s.name_phone_idx = r.subject_key
                        WHERE r.key_kind = 'NAME_PHONE'
                          AND NOT EXISTS (SELECT 1 FROM identity_decision d WHERE d.subject_key = r.subject_key)
                        GROUP BY r.subject_key HAVING COUNT(DISTINCT s.id) = 1 ORDER BY MIN(r.subject_key)""")
                .query((rs, n) -> Map.entry(rs.getString(1).strip(), rs.getLong(2)))
                .list()
                .get(0);
    }

    /**
     * Runs {@code inside} in a transaction on another thread that takes the ledger's write turn first, holds it until
     * {@code release} opens, then commits; returns once the turn is held.
     */
    private java.util.concurrent.Future<?> holdingTheTurn(
            java.util.concurrent.ExecutorService pool, java.util.concurrent.CountDownLatch release, Runnable inside)
            throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Future<?> holder = pool.submit(() -> transactions.executeWithoutResult(t -> {
            ids.takeWriteTurn();
            held.countDown();
            try {
                assertThat(release.await(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            inside.run();
        }));
        assertThat(held.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    @Test
    void aDecisionMadeWhileAChunkIsTiedItsKeyTakesThatChunkIntoAccount() throws Exception {
        // given a key the exact rule ties, being tied to its person by a rematch's chunk that has not committed yet
        everyRecordPendingAgain();
        Map.Entry<String, Long> key = aKeyTheExactRuleTies();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<?> chunk = holdingTheTurn(pool, release, () -> {
                rollup.remove("r.subject_id = ?", key.getValue());
                jdbc.sql("UPDATE support_record SET subject_id = ?, match_method = 'NAME_PHONE' WHERE subject_key = ?")
                        .params(key.getValue(), key.getKey())
                        .update();
                rollup.add("r.subject_id = ?", key.getValue());
            });

            // when an admin says the key is not that person meanwhile (their decision reaches the database first)
            java.util.concurrent.Future<?> decision = pool.submit(
                    () -> matcher.decide("DIFFERENT", key.getKey(), key.getValue(), "admin", "同名同电话，不是同一人", () -> {}));
            Thread.sleep(1_500);
            release.countDown();
            chunk.get(60, java.util.concurrent.TimeUnit.SECONDS);
            decision.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then the key is not that person's, and no rollup still counts its records for them
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_key = '" + key.getKey()
                        + "' AND subject_id = " + key.getValue()))
                .isZero();
        List<List<Map<String, Object>>> kept = rollups();
        rollup.rebuild();
        assertThat(kept).as("the rollups equal a recount").isEqualTo(rollups());
        jdbc.sql("DELETE FROM identity_decision WHERE subject_key = ?")
                .param(key.getKey())
                .update();
    }

    @Test
    void aRematchDoesNotTieAKeyAnAdminDecidedAgainstAfterItWasWorkedOut() throws Exception {
        // given a rematch that has worked out its assignments and waits for the write turn
        everyRecordPendingAgain();
        Map.Entry<String, Long> key = aKeyTheExactRuleTies();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            // when an admin's DIFFERENT for that key and person commits while it waits
            java.util.concurrent.Future<?> decision = holdingTheTurn(
                    pool,
                    release,
                    () -> matcher.record("DIFFERENT", key.getKey(), key.getValue(), "admin", "同名同电话，不是同一人"));
            java.util.concurrent.Future<Integer> rematch = pool.submit(() -> matcher.rematch());
            Thread.sleep(1_500);
            release.countDown();
            decision.get(60, java.util.concurrent.TimeUnit.SECONDS);
            rematch.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then the rematch leaves that key alone and ties everything else it would
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_key = '" + key.getKey()
                        + "' AND subject_id = " + key.getValue()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE match_method = 'NAME_PHONE'"))
                .isPositive();
        jdbc.sql("DELETE FROM identity_decision WHERE subject_key = ?")
                .param(key.getKey())
                .update();
    }

    @Autowired
    IdentityQueries queries;

    @Test
    void thePendingKeysListedARangeAtATimeAreThoseListedAtOnce() {
        // given every record pending
        everyRecordPendingAgain();

        // when they are listed in one range and in ranges of 7 records
        List<IdentityQueries.PendingKey> once = new ArrayList<>();
        queries.pending(1_000_000).forEach(once::add);
        List<IdentityQueries.PendingKey> ranged = new ArrayList<>();
        queries.pending(7).forEach(ranged::add);

        // then each key once, with all its records, and as many candidates as the roster's three indexes name
        assertThat(ranged).hasSameSizeAs(once).hasSameElementsAs(once);
        assertThat(once.stream().map(IdentityQueries.PendingKey::subjectKey).distinct())
                .hasSameSizeAs(once);
        assertThat(once.stream().mapToLong(IdentityQueries.PendingKey::records).sum())
                .isEqualTo(count("SELECT COUNT(*) FROM support_record"));
        for (IdentityQueries.PendingKey key : once) {
            assertThat(key.candidates())
                    .as(key.subjectKey())
                    .isEqualTo(jdbc.sql("""
                                    SELECT COUNT(*) FROM subject WHERE name_phone_idx = ? OR name_birth_idx = ?
                                      OR id_number_idx = ?""")
                            .params(key.subjectKey(), key.subjectKey(), key.subjectKey())
                            .query(Long.class)
                            .single());
        }
        assertThat(once).anySatisfy(k -> assertThat(k.candidates()).isPositive());
    }

    private boolean postgres() {
        return jdbcTemplate.execute((java.sql.Connection c) ->
                c.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
    }

    /** A trigger that refuses any update tying a record to the person (SQLSTATE 45000). */
    private void refuseToTie(long person) {
        if (postgres()) {
            jdbcTemplate.execute(
                    "CREATE OR REPLACE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW.subject_id = " + person
                            + " THEN RAISE EXCEPTION 'refused (45000)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            jdbcTemplate.execute("CREATE TRIGGER refuse_one BEFORE UPDATE ON support_record FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_one()");
        } else {
            jdbcTemplate.execute("CREATE TRIGGER refuse_one BEFORE UPDATE ON support_record REFERENCING NEW ROW AS n"
                    + " FOR EACH ROW WHEN (n.subject_id = " + person + ") SIGNAL SQLSTATE '45000'");
        }
    }

    /** Every record pending, no match evidence or review entry, rollups of what is left counted. */
    private void everyRecordPendingAgain() {
        jdbcTemplate.update("UPDATE support_record SET subject_id = NULL, match_method = NULL, merged_into = NULL");
        jdbcTemplate.update("DELETE FROM identity_match");
        rollup.rebuild();
    }

    /** Who each record belongs to and how, the evidence and queue (without their numbers), the rollups. */
    private Map<String, Object> state() {
        return Map.of(
                "records",
                jdbc.sql("SELECT id, subject_id, match_method, merged_into FROM support_record ORDER BY id")
                        .query()
                        .listOfRows(),
                "matches",
                jdbc.sql("""
                                SELECT subject_key, subject_id, outcome, score, second_subject_id, second_score, why
                                FROM identity_match ORDER BY subject_key, outcome, subject_id""").query().listOfRows(),
                "rollups",
                rollups(),
                "exact",
                count("SELECT COUNT(*) FROM support_record WHERE match_method IN ('NAME_PHONE', 'ID_NUMBER')"),
                "scored",
                count("SELECT COUNT(*) FROM support_record WHERE match_method = 'SCORED'"));
    }

    private List<List<Map<String, Object>>> rollups() {
        return RollupRows.all(jdbc);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
