package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.IdentityValues;
import org.lujing.TestHomes;
import org.lujing.TestLedger;
import org.lujing.home.LujingProperties;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.normalise.IdNumberNormaliser;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity at rest and key rotation (domain.md, "Identity and confidentiality"): the database and the files under
 * the home, without the key, reveal no ID number or phone; {@code keys rotate} — interrupted, then resumed — leaves
 * every figure, every match and every admin decision as it was, under a new key, and the old key opens nothing.
 *
 * <p>Each test is a scenario of its own on an empty ledger ({@link TestLedger}): it loads the pilot year, takes the
 * admin's decisions and rotates as far as its "given" says, and leaves no rotation unfinished. The class keeps a
 * context of its own rather than {@link org.lujing.SharedLedgerContext}'s: a rotation changes the process's key, and
 * beans that took the key when they were made keep the old one — as a {@code serve} started before {@code keys
 * rotate} would until restarted — so other tests in that context would write under a key nobody reads.
 */
@SpringBootTest(properties = "camel.main.auto-startup=false")
class KeyRotationIntegrationTests {

    static final Path HOME = TestHomes.fresh("keys");

    static final Path SAMPLES = Path.of("sample-data");
    static final Path FIXTURES = Path.of("src/test/resources/org/lujing/identity/rotation");
    static final Period YEAR = Period.parse("2025");

    /** What must survive a rotation: figures, who each record belongs to, each person's values, the decisions. */
    record State(
            Statistics stats,
            Map<Long, String> records,
            Map<Long, List<String>> subjects,
            Set<String> recordKeys,
            Map<Long, String> decisions) {}

    @Autowired
    FileIngestService ingest;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    AgencyDirectory agencies;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeyRing ring;

    @Autowired
    KeyRotationService rotation;

    @Autowired
    IdentityMatcher matcher;

    @Autowired
    LujingProperties properties;

    @Autowired
    TransactionTemplate tx;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeEach
    void startFromAnEmptyLedger() {
        TestLedger.empty(jdbc);
    }

    /** A scenario that stopped half-way (or failed) must not leave the shared context unable to write. */
    @AfterEach
    void finishAnyRotationLeftUnfinished() {
        if (rotation.status().unfinished().isPresent()) {
            rotation.rotate();
        }
    }

    @Test
    void withoutTheKeyTheDatabaseAndFilesRevealNoIdNumber() throws IOException {
        // given what partners sent, every file loaded, and records without an ID number matched by pair keys
        thePilotYearIsLoaded();
        IdentityValues identity = IdentityValues.in(SAMPLES);
        assertThat(identity.needles()).hasSizeGreaterThan(20);

        // then no table, column or file outside the evidence folders holds any of it in clear
        assertThat(leaks(identity)).isEmpty();

        // and without the key file, a restart gets a fresh key that opens nothing
        Path keyFile = properties.keyFile();
        Path away = keyFile.resolveSibling("moved-away");
        Files.move(keyFile, away);
        try {
            IdentityCipher fresh = new IdentityCipher(KeyConfiguration.loadOrCreate(keyFile));
            assertThat(fresh.keyId()).isNotEqualTo(ring.current().keyId());
            assertOpensNothing(fresh);
        } finally {
            Files.move(away, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void anAdminLinksThePersonNotOnTheRosterAndSeparatesAPairKey() {
        // given
        thePilotYearIsLoaded();

        // when
        theAdminHasDecided();

        // then
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_record WHERE match_method = 'MANUAL'", Long.class))
                .isPositive();
        assertThat(jdbc.queryForList("SELECT kind FROM identity_decision WHERE active", String.class))
                .containsExactlyInAnyOrder("LINK", "DIFFERENT");
    }

    @Test
    void anInterruptedRotationLeavesBothKeysAndEverythingReadable() {
        // given
        thePilotYearIsLoaded();
        theAdminHasDecided();
        State before = snapshot();
        byte[] firstKey = currentKeyOnDisk();
        long recordCount = records();
        String oldKeyId = ring.current().keyId();

        // when the process dies after three batches of ten (all 14 people, then 10 records)
        KeyRotationService.Result r = rotation.rotate(3, 10);

        // then
        assertThat(r.outcome()).isEqualTo(KeyRotationService.Outcome.UNFINISHED);
        assertThat(new long[] {r.subjects(), r.records()}).containsExactly(14, 10);
        assertThat(r.oldKeyId()).isEqualTo(oldKeyId);
        assertThat(r.newKeyId()).isEqualTo(ring.current().keyId()).isNotEqualTo(oldKeyId);
        // the key file holds the new key first and the old one after it; a restart reads the same ring
        List<byte[]> onDisk = KeyConfiguration.readAll(properties.keyFile());
        assertThat(onDisk).hasSize(2);
        assertThat(onDisk.get(1)).isEqualTo(firstKey);
        assertThat(new KeyRing(onDisk, properties.keyFile()).keyIds()).containsExactly(r.newKeyId(), oldKeyId);
        KeyRotationService.Status status = rotation.status();
        assertThat(status.unfinished()).isPresent();
        assertThat(new long[] {status.subjectsLeft(), status.recordsLeft()}).containsExactly(0, recordCount - 10);
        // reads keep working: statistics need no key, and the ring decrypts under either key
        assertThat(stats()).isEqualTo(before.stats());
        assertThat(snapshot().subjects()).isEqualTo(before.subjects());
        assertThat(jdbc.queryForList("SELECT subject_ref_enc FROM support_record", String.class))
                .allSatisfy(enc -> assertThat(ring.decrypt(label(enc), enc)).isNotBlank());
        // and nothing may be written until it is finished
        assertThatThrownBy(rotation::requireNoRotationInProgress)
                .isInstanceOf(KeyRotationUnfinishedException.class)
                .hasMessageContaining("keys rotate");
    }

    @Test
    void runningItAgainFinishesAndTheOldKeyOpensNothing() {
        // given a rotation interrupted after three batches of ten
        thePilotYearIsLoaded();
        theAdminHasDecided();
        State before = snapshot();
        byte[] firstKey = currentKeyOnDisk();
        long recordCount = records();
        long decisionsMovedWhenInterrupted = rotation.rotate(3, 10).decisions();

        // when
        KeyRotationService.Result r = rotation.rotate();

        // then
        assertThat(r.outcome()).isEqualTo(KeyRotationService.Outcome.DONE);
        assertThat(new long[] {r.subjects(), r.records(), decisionsMovedWhenInterrupted + r.decisions()})
                .containsExactly(0, recordCount - 10, 2);
        assertThat(r.oldKeyDropped()).isTrue();
        assertThat(r.toString()).doesNotContain(Arrays.toString(firstKey));
        assertRotated(before, firstKey);
        assertThat(jdbc.queryForList("SELECT state FROM key_rotation", String.class))
                .containsExactly("DONE");
        rotation.requireNoRotationInProgress();
    }

    @Test
    void identityStillWorksUnderTheNewKey() {
        // given a rotation interrupted, then finished
        thePilotYearIsLoaded();
        theAdminHasDecided();
        theKeysWereRotatedWithAnInterruption();

        // when a partner file arrives for known people: by ID number, by (name, phone), by (name, birth date)
        FileIngestService.Result result = ingest.ingest(FIXTURES.resolve("after/fair.csv"), "employer");

        // then each record finds its person
        assertThat(result.outcome()).isEqualTo("LOADED");
        assertThat(result.file().orElseThrow().accepted()).isEqualTo(3);
        Map<String, String> matched = new TreeMap<>();
        jdbc.query(
                """
                        SELECT s.name, r.match_method, r.index_key_id FROM support_record r JOIN subject s ON s.id = r.subject_id
                        WHERE r.first_file_id = ?""",
                rs -> {
                    assertThat(rs.getString("index_key_id"))
                            .isEqualTo(ring.current().keyId());
                    matched.put(rs.getString("name"), rs.getString("match_method"));
                },
                result.file().orElseThrow().id());
        assertThat(matched)
                .containsOnly(
                        Map.entry("王志强", "ID_NUMBER"),
                        Map.entry("张建国", "NAME_PHONE"),
                        Map.entry("李秀英", "NAME_BIRTH_DATE"));
    }

    @Test
    void aRotationRunThroughInOneGoLeavesTheSameLedger() throws IOException {
        // given an earlier rotation (interrupted, then finished) and a file loaded since
        thePilotYearIsLoaded();
        theAdminHasDecided();
        byte[] firstKey = currentKeyOnDisk();
        theKeysWereRotatedWithAnInterruption();
        assertThat(ingest.ingest(FIXTURES.resolve("after/fair.csv"), "employer").outcome())
                .isEqualTo("LOADED");
        State beforeSecond = snapshot();
        byte[] secondKey = currentKeyOnDisk();
        long records = records();

        // when
        KeyRotationService.Result r = rotation.rotate();

        // then
        assertThat(r.outcome()).isEqualTo(KeyRotationService.Outcome.DONE);
        assertThat(new long[] {r.subjects(), r.records(), r.decisions()}).containsExactly(14, records, 2);
        assertRotated(beforeSecond, secondKey);
        assertOpensNothing(new IdentityCipher(firstKey));
        assertThat(leaks(IdentityValues.in(SAMPLES))).isEmpty();
    }

    @Test
    void keysFromTheEnvironmentAreIssuedOnceThenRotatedToWhenPutFirst() {
        // given the pilot year under the key LUJING_KEY holds
        thePilotYearIsLoaded();
        theAdminHasDecided();
        byte[] current = currentKeyOnDisk();
        String currentId = new IdentityCipher(current).keyId();
        long rotations = jdbc.queryForObject("SELECT COUNT(*) FROM key_rotation", Long.class);

        // when LUJING_KEY holds one key: a new key is issued and nothing else changes
        KeyRotationService.Result issued =
                new KeyRotationService(new KeyRing(List.of(current), null), new KeyRotationRows(jdbc), tx).rotate();

        assertThat(issued.outcome()).isEqualTo(KeyRotationService.Outcome.NEW_KEY_ISSUED);
        assertThat(issued.toString()).doesNotContain(issued.issuedKey());
        byte[] next = java.util.Base64.getDecoder().decode(issued.issuedKey());
        assertThat(new IdentityCipher(next).keyId())
                .isEqualTo(issued.newKeyId())
                .isNotEqualTo(currentId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM key_rotation", Long.class))
                .isEqualTo(rotations);
        assertThat(rotation.status().subjectsLeft()).isZero();

        // when the admin sets LUJING_KEY="new,old" and runs it again: everything moves to the new key
        KeyRing environment = new KeyRing(List.of(next, current), null);
        KeyRotationService.Result done = new KeyRotationService(environment, new KeyRotationRows(jdbc), tx).rotate();

        assertThat(done.outcome()).isEqualTo(KeyRotationService.Outcome.DONE);
        assertThat(done.oldKeyId()).isEqualTo(currentId);
        // the old key stays in LUJING_KEY until the admin removes it, but nothing needs it any more
        assertThat(done.oldKeyDropped()).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM support_record WHERE index_key_id <> ?", Long.class, done.newKeyId()))
                .isZero();
        assertOpensNothing(new IdentityCipher(current));
    }

    // --- givens

    /** Every sample file loaded, and records without an ID number matched by (name, phone) and (name, birth date). */
    private void thePilotYearIsLoaded() {
        try (Stream<Path> sources = Files.list(SAMPLES)) {
            for (Path source : sources.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(source)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        assertThat(ingest.ingest(f, source.getFileName().toString())
                                        .outcome())
                                .as(f.toString())
                                .startsWith("LOADED");
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // records without an ID number, matched by (name, phone) and (name, birth date): their keys rotate too
        assertThat(ingest.ingest(FIXTURES.resolve("before/pairs.csv"), "employer")
                        .outcome())
                .isEqualTo("LOADED");
        assertThat(jdbc.queryForList(
                        "SELECT match_method FROM support_record WHERE key_kind <> 'ID_NUMBER'", String.class))
                .containsExactlyInAnyOrder("NAME_PHONE", "NAME_BIRTH_DATE");
    }

    /** The admin links the one person not on the roster, and marks a (name, birth date) key as another person. */
    private void theAdminHasDecided() {
        List<String> pending = jdbc.queryForList(
                "SELECT DISTINCT subject_key FROM support_record WHERE subject_id IS NULL", String.class);
        assertThat(pending).hasSize(1);
        matcher.decide("LINK", pending.get(0), subjectNamed("朱小红"), "test-admin", "same person, confirmed by phone");
        String pairKey = jdbc.queryForObject(
                "SELECT subject_key FROM support_record WHERE key_kind = 'NAME_BIRTH_DATE'", String.class);
        matcher.decide("DIFFERENT", pairKey, subjectNamed("张建国"), "test-admin", "different person");
    }

    private void theKeysWereRotatedWithAnInterruption() {
        assertThat(rotation.rotate(3, 10).outcome()).isEqualTo(KeyRotationService.Outcome.UNFINISHED);
        assertThat(rotation.rotate().outcome()).isEqualTo(KeyRotationService.Outcome.DONE);
    }

    private byte[] currentKeyOnDisk() {
        return KeyConfiguration.readAll(properties.keyFile()).get(0);
    }

    private long records() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_record", Long.class);
    }

    // --- what a rotation must leave behind

    private void assertRotated(State was, byte[] oldKey) {
        IdentityCipher old = new IdentityCipher(oldKey);
        IdentityCipher now = ring.current();
        assertThat(now.keyId()).isNotEqualTo(old.keyId());
        KeyRotationService.Status status = rotation.status();
        assertThat(status.unfinished()).isEmpty();
        assertThat(new long[] {status.subjectsLeft(), status.recordsLeft()}).containsExactly(0, 0);

        // the same figures, the same person behind every record, the same values behind every person
        State after = snapshot();
        assertThat(after.stats()).isEqualTo(was.stats());
        assertThat(after.records()).isEqualTo(was.records());
        assertThat(after.subjects()).isEqualTo(was.subjects());
        assertThat(after.decisions()).isEqualTo(was.decisions());

        // every blind index is the new key's index of the value behind it
        jdbc.query(
                "SELECT name, id_number_enc, id_number_idx, phone_enc, phone_idx, name_phone_idx, name_birth_idx, index_key_id FROM subject",
                rs -> {
                    String id = ring.decrypt(IdentityKeys.ID_NUMBER, rs.getString("id_number_enc"));
                    String phone = ring.decrypt(IdentityKeys.PHONE, rs.getString("phone_enc"));
                    String name = rs.getString("name");
                    assertThat(rs.getString("id_number_idx")).isEqualTo(now.blindIndex(IdentityKeys.ID_NUMBER, id));
                    assertThat(rs.getString("phone_idx")).isEqualTo(now.blindIndex(IdentityKeys.PHONE, phone));
                    assertThat(rs.getString("name_phone_idx"))
                            .isEqualTo(
                                    phone == null
                                            ? null
                                            : now.blindIndex(
                                                    IdentityKeys.NAME_PHONE, IdentityKeys.namePhone(name, phone)));
                    assertThat(rs.getString("name_birth_idx"))
                            .isEqualTo(now.blindIndex(
                                    IdentityKeys.NAME_BIRTH,
                                    IdentityKeys.nameBirth(name, IdNumberNormaliser.birthDate(id))));
                    assertThat(rs.getString("index_key_id")).isEqualTo(now.keyId());
                });
        Set<String> keys = new HashSet<>();
        jdbc.query("SELECT subject_key, subject_ref_enc, index_key_id FROM support_record", rs -> {
            String enc = rs.getString("subject_ref_enc");
            assertThat(rs.getString("subject_key"))
                    .isEqualTo(now.blindIndex(label(enc), IdentityKeys.behindKey(ring.decrypt(label(enc), enc))));
            assertThat(rs.getString("index_key_id")).isEqualTo(now.keyId());
            keys.add(rs.getString("subject_key"));
        });
        assertThat(keys).doesNotContainAnyElementsOf(was.recordKeys());
        assertThat(jdbc.queryForList("SELECT subject_key FROM identity_decision", String.class))
                .hasSize(2)
                .allSatisfy(k -> assertThat(keys).contains(k));

        // no value refers to the old key, and the old key decrypts none of them, not even re-labelled as its own
        assertThat(jdbc.queryForObject("""
                        SELECT COUNT(*) FROM subject WHERE index_key_id = ? OR id_number_enc LIKE ? OR phone_enc LIKE ?""", Long.class, old.keyId(), old.keyId() + ":%", old.keyId() + ":%"))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM support_record WHERE index_key_id = ? OR subject_ref_enc LIKE ?",
                        Long.class,
                        old.keyId(),
                        old.keyId() + ":%"))
                .isZero();
        assertOpensNothing(old);

        // the key file holds the new key alone, readable by the service user only
        assertThat(KeyConfiguration.readAll(properties.keyFile()))
                .singleElement()
                .satisfies(k -> assertThat(new IdentityCipher(k).keyId()).isEqualTo(now.keyId()));
        assertThat(ring.keyIds()).containsExactly(now.keyId());
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties.keyFile())))
                    .isEqualTo("rw-------");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // matching again from nothing, under the new key and the moved decisions, ties every record to the same person
        jdbc.update("UPDATE support_record SET subject_id = NULL, match_method = NULL, merged_into = NULL");
        matcher.rematch();
        assertThat(snapshot().records()).isEqualTo(was.records());
    }

    /** Every ciphertext stored, tried with a key that must not open it: as stored, and with its own key id put in front. */
    private void assertOpensNothing(IdentityCipher cipher) {
        List<String> stored = new ArrayList<>();
        stored.addAll(jdbc.queryForList("SELECT id_number_enc FROM subject", String.class));
        stored.addAll(jdbc.queryForList("SELECT phone_enc FROM subject WHERE phone_enc IS NOT NULL", String.class));
        stored.addAll(jdbc.queryForList("SELECT subject_ref_enc FROM support_record", String.class));
        assertThat(stored).hasSizeGreaterThan(500);
        for (String enc : stored) {
            String label = label(enc);
            String relabelled = cipher.keyId() + enc.substring(enc.indexOf(':'));
            assertThatThrownBy(() -> cipher.decrypt(label, enc)).isInstanceOf(WrongKeyException.class);
            assertThatThrownBy(() -> cipher.decrypt(label, relabelled)).isInstanceOf(WrongKeyException.class);
        }
    }

    /** The label a stored value was encrypted under, found from where it is stored. */
    private String label(String enc) {
        List<String> kinds =
                jdbc.queryForList("SELECT key_kind FROM support_record WHERE subject_ref_enc = ?", String.class, enc);
        if (!kinds.isEmpty()) {
            return switch (kinds.get(0)) {
                case "NAME_PHONE" -> IdentityKeys.NAME_PHONE;
                case "NAME_BIRTH_DATE" -> IdentityKeys.NAME_BIRTH;
                case "NAME_TYPED_ID" -> IdentityKeys.NAME_TYPED_ID;
                default -> IdentityKeys.ID_NUMBER;
            };
        }
        Long phones = jdbc.queryForObject("SELECT COUNT(*) FROM subject WHERE phone_enc = ?", Long.class, enc);
        return phones != null && phones > 0 ? IdentityKeys.PHONE : IdentityKeys.ID_NUMBER;
    }

    private State snapshot() {
        Map<Long, String> records = new TreeMap<>();
        Set<String> keys = new HashSet<>();
        jdbc.query("SELECT id, subject_id, match_method, merged_into, subject_key FROM support_record", rs -> {
            records.put(
                    rs.getLong("id"),
                    rs.getObject("subject_id") + "|" + rs.getString("match_method") + "|"
                            + rs.getObject("merged_into"));
            keys.add(rs.getString("subject_key"));
        });
        Map<Long, List<String>> subjects = new TreeMap<>();
        jdbc.query("SELECT id, id_number_enc, phone_enc FROM subject", rs -> {
            subjects.put(
                    rs.getLong("id"),
                    Arrays.asList(
                            ring.decrypt(IdentityKeys.ID_NUMBER, rs.getString("id_number_enc")),
                            ring.decrypt(IdentityKeys.PHONE, rs.getString("phone_enc"))));
        });
        Map<Long, String> decisions = new TreeMap<>();
        jdbc.query("SELECT id, kind, subject_id, active FROM identity_decision", rs -> {
            decisions.put(
                    rs.getLong("id"),
                    rs.getString("kind") + "|" + rs.getLong("subject_id") + "|" + rs.getBoolean("active"));
        });
        return new State(stats(), records, subjects, keys, decisions);
    }

    private Statistics stats() {
        return statistics.compute(YEAR, agencies::isPartner);
    }

    private long subjectNamed(String name) {
        return jdbc.queryForObject("SELECT id FROM subject WHERE name = ?", Long.class, name);
    }

    /**
     * Identity values found in clear in any column of any table, or in any file under the home except the evidence
     * (archive/, quarantine/: the partners' files as received) and the key itself.
     */
    private List<String> leaks(IdentityValues identity) throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('INFORMATION_SCHEMA', 'SYSTEM_LOBS')""");
        assertThat(tables)
                .extracting(t -> t.get("TABLE_NAME"))
                .contains(
                        "SUBJECT", "SUPPORT_RECORD", "ROW_REJECT", "IDENTITY_DECISION", "BATCH_JOB_EXECUTION_CONTEXT");
        for (Map<String, Object> t : tables) {
            String table = "\"" + t.get("TABLE_SCHEMA") + "\".\"" + t.get("TABLE_NAME") + "\"";
            jdbc.query("SELECT * FROM " + table, rs -> {
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    String text = switch (md.getColumnType(c)) {
                        case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                            byte[] bytes = rs.getBytes(c);
                            yield bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
                        }
                        default -> rs.getString(c);
                    };
                    String column = md.getColumnName(c);
                    identity.foundIn(text)
                            .forEach(hit -> leaks.add(table + "." + column + " holds " + hit.substring(0, 4) + "…"));
                }
            });
        }
        Set<Path> skipped = Set.of(HOME.resolve("archive"), HOME.resolve("quarantine"), HOME.resolve("keys"));
        int scanned = 0;
        try (Stream<Path> files = Files.walk(HOME)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> skipped.stream().noneMatch(f::startsWith))
                    .toList()) {
                byte[] bytes = Files.readAllBytes(f);
                scanned++;
                for (Charset cs :
                        List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                    identity.foundIn(new String(bytes, cs))
                            .forEach(hit ->
                                    leaks.add(HOME.relativize(f) + " (" + cs + ") holds " + hit.substring(0, 4) + "…"));
                }
            }
        }
        assertThat(scanned).as("files scanned under the home").isPositive();
        return leaks;
    }
}
