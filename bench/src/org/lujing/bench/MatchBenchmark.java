package org.lujing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.lujing.LujingApplication;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityKeys;
import org.lujing.identity.IdentityMatcher;
import org.lujing.identity.KeyRing;
import org.lujing.identity.match.Comparisons;
import org.lujing.identity.match.LabelledRows;
import org.lujing.identity.match.MatchOutcome;
import org.lujing.identity.match.MatchSettings;
import org.lujing.identity.match.RecordLinker;
import org.lujing.identity.match.RosterPerson;
import org.lujing.identity.match.RowTraits;
import org.lujing.normalise.IdNumberNormaliser;
import org.lujing.normalise.Masking;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scored matching at scale (issue 13): ROWS pending rows without a clean ID number (default 100,000) against a roster
 * of PEOPLE (default 50,000), from the labelled generator of the tests (every case of the issue, both kinds). First
 * the matching core alone — blocking, scoring, deciding, with the false- and missed-link rates — then, unless
 * {@code core} is given, the whole thing in a fresh embedded home: the roster and the pending records stored
 * encrypted as ingest stores them, and {@link IdentityMatcher#rematch()} timed (decrypting, matching, linking with
 * the rollups, writing evidence and the review queue).
 */
public final class MatchBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path home =
                Path.of(args.length > 2 ? args[2] : "target/bench/match-home").toAbsolutePath();
        String mode = args.length > 3 ? args[3] : "all";
        if (mode.equals("rematch")) {
            // the stored home alone, in a JVM of its own: what a night's rematch holds at the heap it is given
            try (ConfigurableApplicationContext ctx = open(home)) {
                rematch(ctx);
            }
            return;
        }

        long t = System.nanoTime();
        // 20 rows per round of the generator's cases
        LabelledRows set = LabelledRows.generate(2026, people, (rows + 19) / 20);
        List<LabelledRows.Row> labelled =
                set.rows().subList(0, Math.min(rows, set.rows().size()));
        System.out.printf(
                Locale.ROOT,
                "generated %,d people and %,d labelled rows in %.1f s%n",
                set.roster().size(),
                labelled.size(),
                (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        MatchSettings settings = System.getProperty("upper") == null
                ? MatchSettings.DEFAULTS
                : new MatchSettings(
                        Double.parseDouble(System.getProperty("upper")),
                        MatchSettings.DEFAULTS.lower(),
                        MatchSettings.DEFAULTS.margin());
        RecordLinker linker = new RecordLinker(set.roster(), settings);
        double built = (System.nanoTime() - t) / 1e9;
        int linked = 0;
        int wrong = 0;
        int review = 0;
        int certain = 0;
        int missed = 0;
        java.util.Map<String, Integer> missedByKind = new java.util.TreeMap<>();
        java.util.Map<String, String> example = new java.util.TreeMap<>();
        for (LabelledRows.Row row : labelled) {
            MatchOutcome o = linker.match(row.traits(), Set.of());
            boolean right = o.kind() == MatchOutcome.Kind.LINK && o.best().subjectId() == row.truth();
            if (o.kind() == MatchOutcome.Kind.LINK) {
                linked++;
                if (!right || row.label() == LabelledRows.Label.NEVER) {
                    wrong++;
                }
            } else if (o.kind() == MatchOutcome.Kind.REVIEW) {
                review++;
            }
            if (row.label() == LabelledRows.Label.CERTAIN) {
                certain++;
                if (!right) {
                    missed++;
                    missedByKind.merge(row.kind(), 1, Integer::sum);
                    example.putIfAbsent(
                            row.kind(),
                            o.kind() + " " + o.why() + " "
                                    + (o.best() == null ? "" : o.best().evidenceJson(0)));
                }
            }
        }
        double core = (System.nanoTime() - t) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "core: index and weights %.1f s, %,d rows matched in %.1f s in all (%.0f rows/s): %,d linked (%,d wrong, "
                        + "%.3f%%), %,d for review; missed %,d of %,d certain (%.3f%%)%n",
                built,
                labelled.size(),
                core,
                labelled.size() / core,
                linked,
                wrong,
                100.0 * wrong / Math.max(1, linked),
                review,
                missed,
                certain,
                100.0 * missed / Math.max(1, certain));
        missedByKind.forEach((kind, n) -> System.out.println("  missed " + n + " " + kind + ": " + example.get(kind)));
        if (mode.equals("core")) {
            return;
        }

        Files.createDirectories(home);
        try (ConfigurableApplicationContext ctx = open(home)) {
            IdentityCipher cipher = ctx.getBean(KeyRing.class).current();
            DataSource dataSource = ctx.getBean(DataSource.class);
            t = System.nanoTime();
            // "roster-file": the roster arrives last, as a partner's file beside the home, for `ingest` to load
            boolean rosterLast = mode.equals("roster-file");
            int stored = fill(dataSource, cipher, rosterLast ? List.of() : set.roster(), labelled);
            if (rosterLast) {
                List<String> csv = new java.util.ArrayList<>(List.of("姓名,身份证号码,联系电话"));
                set.roster().forEach(p -> csv.add(p.name() + "," + p.idNumber() + "," + p.phone()));
                Files.write(home.resolveSibling(home.getFileName() + "-roster.csv"), csv);
            }
            System.out.printf(
                    Locale.ROOT,
                    "stored %,d people and %,d pending records, encrypted, in %.1f s%n",
                    rosterLast ? 0 : set.roster().size(),
                    stored,
                    (System.nanoTime() - t) / 1e9);
            if (mode.equals("all")) {
                rematch(ctx);
            }
        }
    }

    /** The application on a home, without the web server or the inbox routes. */
    private static ConfigurableApplicationContext open(Path home) {
        SpringApplication app = new SpringApplication(LujingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run(
                "--lujing.home=" + home,
                "--camel.main.auto-startup=false",
                "--logging.level.root=WARN",
                "--logging.level.org.lujing.identity=INFO");
    }

    /** Times one {@link IdentityMatcher#rematch()} and prints what it tied, what it queued and what is left. */
    private static void rematch(ConfigurableApplicationContext ctx) {
        JdbcTemplate sql = new JdbcTemplate(ctx.getBean(DataSource.class));
        // the machine is shared: the CPU time the process spent says how much work it was, whatever the load
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long pending = sql.queryForObject("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL", Long.class);
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        int matched = ctx.getBean(IdentityMatcher.class).rematch();
        double secs = (System.nanoTime() - t) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
        // what survived collections: the old generation's peak (G1's "G1 Old Gen")
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().contains("Old Gen"))
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                Locale.ROOT,
                "rematch of %,d pending records: %,d linked in %.1f s wall, %.1f s CPU, load average %.1f (%s);"
                        + " review queue %,d; still pending %,d; old generation's peak %,d MiB of a %,d MiB heap%n",
                pending,
                matched,
                secs,
                cpuSecs,
                os.getSystemLoadAverage(),
                sql.queryForList(
                        "SELECT match_method || ' ' || COUNT(*) FROM support_record"
                                + " WHERE subject_id IS NOT NULL GROUP BY match_method",
                        String.class),
                sql.queryForObject("SELECT COUNT(*) FROM identity_match WHERE outcome = 'REVIEW'", Long.class),
                sql.queryForObject("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL", Long.class),
                peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The roster and the rows as ingest would store them: encrypted, blind-indexed, rows keyed by their pair. */
    static int fill(
            DataSource dataSource, IdentityCipher cipher, List<RosterPerson> roster, List<LabelledRows.Row> rows)
            throws Exception {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        int stored = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long fileId;
            try (PreparedStatement file = c.prepareStatement("""
                    INSERT INTO ingest_file (source_id, file_name, sha256, size_bytes, format, received_at, finished_at,
                      outcome, rows_read, accepted) VALUES ('community', 'bench.csv', 'match-bench', 0, 'csv', ?, ?, 'LOADED', ?, ?)""", new String[] {"id"})) {
                file.setTimestamp(1, now);
                file.setTimestamp(2, now);
                file.setInt(3, rows.size());
                file.setInt(4, rows.size());
                file.executeUpdate();
                try (var keys = file.getGeneratedKeys()) {
                    keys.next();
                    fileId = keys.getLong(1);
                }
            }
            try (PreparedStatement subject = c.prepareStatement("""
                    INSERT INTO subject (id_number_idx, id_number_enc, id_masked, name, phone_idx, phone_enc,
                      name_phone_idx, name_birth_idx, index_key_id, first_file_id, last_file_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int n = 0;
                for (RosterPerson p : roster) {
                    subject.setString(1, cipher.blindIndex(IdentityKeys.ID_NUMBER, p.idNumber()));
                    subject.setString(2, cipher.encrypt(IdentityKeys.ID_NUMBER, p.idNumber()));
                    subject.setString(3, Masking.idNumber(p.idNumber()));
                    subject.setString(4, p.name());
                    subject.setString(5, cipher.blindIndex(IdentityKeys.PHONE, p.phone()));
                    subject.setString(6, cipher.encrypt(IdentityKeys.PHONE, p.phone()));
                    subject.setString(
                            7, cipher.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone(p.name(), p.phone())));
                    subject.setString(
                            8,
                            cipher.blindIndex(
                                    IdentityKeys.NAME_BIRTH,
                                    IdentityKeys.nameBirth(p.name(), IdNumberNormaliser.birthDate(p.idNumber()))));
                    subject.setString(9, cipher.keyId());
                    subject.setLong(10, fileId);
                    subject.setLong(11, fileId);
                    subject.setTimestamp(12, now);
                    subject.setTimestamp(13, now);
                    subject.addBatch();
                    if (++n % 5_000 == 0) {
                        subject.executeBatch();
                    }
                }
                if (n % 5_000 != 0) {
                    subject.executeBatch();
                }
            }
            c.commit();
            LocalDate jan1 = LocalDate.of(2025, 1, 1);
            try (PreparedStatement record = c.prepareStatement("""
                    INSERT INTO support_record (subject_key, key_kind, subject_ref_enc, index_key_id, person_name, category,
                      activity_date, agency, quantity, first_file_id, created_at)
                    VALUES (?, ?, ?, ?, ?, 'PUBLIC_WELFARE', ?, ?, 1, ?, ?)""")) {
                int i = 0;
                for (LabelledRows.Row row : rows) {
                    RowTraits r = row.traits();
                    String name = org.lujing.normalise.NameNormaliser.normalise(r.name());
                    String phone = Comparisons.phoneDigits(r.phone());
                    String kind;
                    String label;
                    String behind;
                    if (phone.length() == 11 && phone.charAt(0) == '1') {
                        kind = "NAME_PHONE";
                        label = IdentityKeys.NAME_PHONE;
                        behind = IdentityKeys.namePhone(name, phone);
                    } else if (r.birth() != null) {
                        kind = "NAME_BIRTH_DATE";
                        label = IdentityKeys.NAME_BIRTH;
                        behind = IdentityKeys.nameBirth(name, r.birth());
                    } else if (r.typedId() != null) {
                        kind = "NAME_TYPED_ID";
                        label = IdentityKeys.NAME_TYPED_ID;
                        behind = IdentityKeys.nameTypedId(name, r.typedId());
                    } else {
                        continue; // nothing but a name: ingest rejects it
                    }
                    String traits =
                            new RowTraits(null, r.typedId(), r.phone() == null ? null : phone, r.birth()).encode();
                    record.setString(1, cipher.blindIndex(label, behind));
                    record.setString(2, kind);
                    record.setString(3, cipher.encrypt(label, behind + IdentityKeys.TRAITS + traits));
                    record.setString(4, cipher.keyId());
                    record.setString(5, name);
                    record.setDate(6, Date.valueOf(jan1.plusDays(i % 365)));
                    record.setString(7, "单位" + (i / 365));
                    record.setLong(8, fileId);
                    record.setTimestamp(9, now);
                    record.addBatch();
                    stored++;
                    if (++i % 5_000 == 0) {
                        record.executeBatch();
                        c.commit();
                    }
                }
                record.executeBatch();
            }
            c.commit();
        }
        return stored;
    }
}
