package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.IdentityValues;
import org.lujing.PilotTable;
import org.lujing.TestHomes;
import org.lujing.TestLedger;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.read.FileOutcome;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline end to end on the embedded default: sample-data dropped into a real inbox is picked up by the
 * Camel route, ingested by the batch job, and the year's statistics equal domain.md's pilot table.
 *
 * <p>Each test starts from an empty ledger without archive or quarantine, and drops what its scenario needs.
 */
// two files a scan: the sample's six files are taken over several scans, as a flood of files would be
@SpringBootTest(
        properties = {
            "lujing.inbox.poll-delay=200",
            "lujing.inbox.read-lock-min-age=300",
            "lujing.inbox.max-files-per-poll=2"
        })
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class InboxRouteIntegrationTests {

    static final Path HOME = TestHomes.fresh("inbox-route");
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    FileRegistry files;

    @Autowired
    RejectedRows rejectedRows;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    AgencyDirectory agencies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxFailures failures;

    @Autowired
    QuarantineListing quarantine;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void aScanTakesAtMostTheConfiguredNumberOfFiles() {
        // a flood of waiting files became one message each in memory within a single scan; the route takes a batch
        var inbox = (org.apache.camel.component.file.FileEndpoint)
                camel.getRoute("inbox").getEndpoint();
        assertThat(inbox.getMaxMessagesPerPoll()).isEqualTo(2);
        assertThat(inbox.isEagerMaxMessagesPerPoll()).isTrue();
    }

    @Autowired
    JdbcTemplate jdbcTemplate;

    /** Each test starts from an empty ledger, with no evidence and nothing waiting in the inbox from another test. */
    @BeforeEach
    void startFromAnEmptyLedgerAndNoEvidence() throws IOException {
        awaitInboxEmpty();
        TestLedger.empty(jdbcTemplate);
        for (String folder : List.of("archive", "quarantine")) {
            deleteTree(HOME.resolve(folder));
        }
    }

    @Test
    void sampleDataDroppedIntoTheInboxReproducesThePilotTable() throws IOException {
        // given the sample data dropped into the inbox, when the route has taken every file in
        int dropped = thePilotYearIsTakenInThroughTheInbox();

        // then
        List<IngestedFile> all = files.all();
        assertThat(all).hasSize(dropped);
        assertThat(all).allSatisfy(f -> {
            assertThat(f.outcome()).isIn(FileOutcome.LOADED.name(), FileOutcome.LOADED_WITH_REJECTS.name());
            assertThat(f.balances()).as("accounting of %s", f.fileName()).isTrue();
            assertThat(f.rowsRead()).isPositive();
        });
        assertThat(inboxFiles()).isEmpty();
        assertThat(archivedFiles()).hasSize(dropped);

        Statistics s = statistics.compute(Period.parse("2025"), agencies::isPartner);
        for (Map.Entry<Category, Integer> e : PilotTable.YEAR_2025.entrySet()) {
            assertThat(s.figures(e.getKey()).value(e.getKey()).intValueExact())
                    .as(e.getKey().zh())
                    .isEqualTo(e.getValue());
        }
        assertThat(s.partnerUnits()).isEqualTo(PilotTable.PARTNER_UNITS);
        assertThat(s.pendingRecords()).isEqualTo(4);
        assertThat(s.pendingSubjects()).isEqualTo(1);
    }

    @Test
    void everyFilesAccountingMatchesTheSampleDataReadme() {
        // given
        thePilotYearIsTakenInThroughTheInbox();

        // then
        Map<String, int[]> expected = Map.of(
                "roster", new int[] {16, 14, 0, 1, 1},
                "community", new int[] {128, 122, 0, 3, 3},
                "hospital", new int[] {36, 31, 1, 2, 2},
                "university", new int[] {43, 37, 3, 2, 1},
                "employer", new int[] {33, 31, 0, 2, 0},
                "micro-lesson", new int[] {267, 267, 0, 0, 0});
        for (IngestedFile f : files.all()) {
            int[] e = expected.get(f.sourceId());
            assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                    .as(f.fileName())
                    .containsExactly(e);
            assertThat(rejectedRows.page(f.id(), false, null, 10_000).rows()).hasSize(f.rejected());
            if (f.sourceId().equals("community")) {
                // the ledger's own 合计 row, kept for reconciliation
                assertThat(files.controlTotals(f.id()))
                        .singleElement()
                        .satisfies(t -> assertThat(t.declaredCount()).isEqualTo(125));
            }
        }
        long provenance =
                jdbc.sql("SELECT COUNT(*) FROM record_source").query(Long.class).single();
        long records = jdbc.sql("SELECT COUNT(*) FROM support_record")
                .query(Long.class)
                .single();
        assertThat(records).isEqualTo(122 + 31 + 37 + 31 + 267);
        assertThat(provenance).isEqualTo(records + 4);
    }

    @Test
    void droppingTheSameFilesAgainChangesNothing() {
        // given
        thePilotYearIsTakenInThroughTheInbox();
        long recordsBefore = jdbc.sql("SELECT COUNT(*) FROM support_record")
                .query(Long.class)
                .single();
        long provenanceBefore =
                jdbc.sql("SELECT COUNT(*) FROM record_source").query(Long.class).single();
        Statistics before = statistics.compute(Period.parse("2025"), agencies::isPartner);

        // when
        int dropped = TestHomes.dropSampleData(HOME);
        awaitFinished(dropped * 2);

        // then

        List<IngestedFile> again = files.all().subList(dropped, dropped * 2);
        assertThat(again).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(FileOutcome.DUPLICATE_FILE.name());
            assertThat(f.duplicateOf()).isNotNull();
            assertThat(f.rowsRead()).isZero();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(recordsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source")
                        .query(Long.class)
                        .single())
                .isEqualTo(provenanceBefore);
        assertThat(statistics.compute(Period.parse("2025"), agencies::isPartner))
                .isEqualTo(before);
    }

    @Test
    void theDatabaseHoldsNoIdNumberOrPhoneInClear() throws IOException {
        // given
        thePilotYearIsTakenInThroughTheInbox();
        IdentityValues identity = IdentityValues.in(Path.of("sample-data"));
        assertThat(identity.needles()).hasSizeGreaterThan(20);

        List<String> leaks = new ArrayList<>();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                .query(String.class)
                .list();
        assertThat(tables).contains("SUBJECT", "SUPPORT_RECORD", "ROW_REJECT", "INGEST_FILE");
        for (String table : tables) {
            for (Map<String, Object> row :
                    jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows()) {
                row.forEach((column, value) -> identity.foundIn(String.valueOf(value))
                        .forEach(hit -> leaks.add(table + "." + column + " holds " + hit.substring(0, 4) + "…")));
            }
        }
        assertThat(leaks).isEmpty();

        // the database files themselves (HSQLDB keeps memory tables as SQL text in lujing.script)
        jdbc.sql("CHECKPOINT").update();
        try (Stream<Path> data = Files.walk(HOME.resolve("data"))) {
            for (Path f : data.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                identity.foundIn(text)
                        .forEach(hit -> leaks.add(f.getFileName() + " holds " + hit.substring(0, 4) + "…"));
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsQuarantinedWholeWithAReport(org.springframework.boot.test.system.CapturedOutput output)
            throws IOException {
        long recordsBefore = jdbc.sql("SELECT COUNT(*) FROM support_record")
                .query(Long.class)
                .single();
        int filesBefore = files.all().size();
        // when a workbook that is not one, and a file for a source nobody configured, are dropped
        aBrokenWorkbookAndAFileForNoSourceAreDropped();

        // then
        IngestedFile broken = files.all().get(filesBefore);
        assertThat(broken.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT.name());
        assertThat(broken.rowsRead()).isZero();
        Path quarantined = HOME.resolve("quarantine/hospital/心理测评-损坏.xlsx");
        assertThat(quarantined).exists();
        assertThat(Path.of(broken.storedPath())).isEqualTo(quarantined);
        String report = Files.readString(HOME.resolve("quarantine/hospital/心理测评-损坏.xlsx.error.txt"));
        assertThat(report)
                .contains("心理测评-损坏.xlsx", "FILE_CORRUPT", "hospital", "What to do", "处理")
                // the Chinese half names the outcome and the partner in words, the codes beside them
                .contains("结果：文件损坏，已隔离（FILE_CORRUPT）", "来源：湖南航天医院（hospital）")
                .contains("Outcome: Corrupt, quarantined (FILE_CORRUPT)")
                .containsPattern("时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}（北京时间）")
                .doesNotContain("110105194912310021");
        assertThat(HOME.resolve("quarantine/nobody/who.csv")).exists();
        assertThat(Files.readString(HOME.resolve("quarantine/nobody/who.csv.error.txt")))
                .contains("jobs/sources/nobody.yaml");
        // the file in the inbox itself is not left there unseen: quarantined, saying where it belongs
        assertThat(Files.readString(HOME.resolve("quarantine/inbox/迷路.csv.error.txt")))
                .contains("来源不明，已隔离（UNKNOWN_SOURCE）")
                .contains("inbox/<来源>/");
        // and the route's log says what became of each, not FAILED for a file that was quarantined as it should be
        assertThat(output.getErr())
                .contains("inbox: hospital/心理测评-损坏.xlsx -> FILE_CORRUPT")
                .contains("inbox: nobody/who.csv -> UNKNOWN_SOURCE")
                .contains("inbox: inbox/迷路.csv -> UNKNOWN_SOURCE");
        // and all three are listed as still in quarantine/ (what `files` and the console show), the two of no
        // configured source without a file entry, which no file listing holds
        assertThat(quarantine.stillThere())
                .filteredOn(q -> q.path().equals("inbox/迷路.csv") || q.path().equals("nobody/who.csv"))
                .hasSize(2)
                .allSatisfy(q -> {
                    assertThat(q.fileId()).isNull();
                    assertThat(q.outcome()).isEqualTo("UNKNOWN_SOURCE");
                });
        assertThat(quarantine.stillThere())
                .filteredOn(q -> q.path().equals("hospital/心理测评-损坏.xlsx"))
                .singleElement()
                .satisfies(q -> assertThat(q.fileId()).isEqualTo(broken.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(recordsBefore);
    }

    @Test
    void aCorrectedFileDroppedAgainUnderAQuarantinedNameTheSameDayIsIngested() throws IOException {
        int filesBefore = files.all().size();
        Path employer = Files.createDirectories(HOME.resolve("inbox/employer"));
        String name = "2025年12月招聘会.csv";
        Files.move(Files.writeString(HOME.resolve("bad.staged"), "这不是表格\n"), employer.resolve(name));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(files.all()).hasSize(filesBefore + 1);
            assertThat(files.all().get(filesBefore).outcome()).isEqualTo(FileOutcome.NO_TABLE_FOUND.name());
            assertThat(employer.resolve(name)).doesNotExist();
        });

        // when the operator drops the fixed file under the same name, the same day
        Files.move(
                Files.writeString(
                        HOME.resolve("fixed.staged"),
                        "姓名,身份证号,日期,类别,招聘单位,活动名称\n王志强,430104198503120571,2025-12-06,春风送岗,高新区人社局,冬季招聘会\n"),
                employer.resolve(name));

        // then it is ingested, not refused as an instance that already exists, and nothing lands in .failed/
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(files.all()).hasSize(filesBefore + 2);
            assertThat(files.all().get(filesBefore + 1).outcome()).isEqualTo(FileOutcome.LOADED.name());
        });
        assertThat(employer.resolve(".failed")).doesNotExist();
        assertThat(failures.list()).isEmpty();
    }

    @Test
    void aFileInAFolderOfTheSourcesFolderIsThatSourcesFile() throws IOException {
        int filesBefore = files.all().size();
        Path month = Files.createDirectories(HOME.resolve("inbox/employer/2025年12月"));
        Files.move(
                Files.writeString(
                        HOME.resolve("nested.staged"),
                        "姓名,身份证号,日期,类别,招聘单位,活动名称\n王志强,430104198503120571,2025-12-13,春风送岗,高新区人社局,冬季招聘会二\n"),
                month.resolve("招聘会.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(files.all()).hasSize(filesBefore + 1);
            assertThat(month.resolve("招聘会.csv")).doesNotExist();
        });
        IngestedFile f = files.all().get(filesBefore);
        assertThat(f.sourceId()).isEqualTo("employer");
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
    }

    @Test
    void anEmptyFileAndANameAtTheLimitAreEachQuarantinedOnceWithTheirReport() throws IOException {
        int filesBefore = files.all().size();
        Path employer = Files.createDirectories(HOME.resolve("inbox/employer"));
        // 80 three-byte characters and "yyyyyyy.pdf": 251 bytes, a name the file system takes; ".error.txt" beside it
        // would not fit
        String longName = "报".repeat(80) + "yyyyyyy.pdf";
        Files.move(
                Files.writeString(HOME.resolve("long.staged"), "%PDF-1.4 not a table\n"), employer.resolve(longName));
        Files.move(Files.createFile(HOME.resolve("empty.staged")), employer.resolve("空的.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(inboxFiles()).isEmpty();
            assertThat(files.all()).hasSize(filesBefore + 2);
        });
        // each once, not taken again and again; each with its report beside its quarantined copy
        List<IngestedFile> two = files.all().subList(filesBefore, filesBefore + 2);
        assertThat(two).extracting(IngestedFile::fileName).containsExactlyInAnyOrder(longName, "空的.csv");
        assertThat(two)
                .extracting(IngestedFile::outcome)
                .containsExactlyInAnyOrder(FileOutcome.FILE_UNSUPPORTED.name(), FileOutcome.NO_TABLE_FOUND.name());
        List<Path> quarantined = regularFiles(HOME.resolve("quarantine/employer"));
        assertThat(quarantined.stream().filter(p -> p.getFileName().toString().startsWith("报报")))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".pdf.error.txt"));
        assertThat(quarantined)
                .anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("空的.csv.error.txt"));
        // the report names the file, its partner and why: as private as the file beside it (it was 0644)
        assertThat(quarantined)
                .allSatisfy(p -> assertThat(
                                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .as(p.getFileName().toString())
                        .isEqualTo("rw-------"));
        assertThat(failures.list()).isEmpty();
    }

    @Test
    void aNamedPipeInASourceFolderHoldsNoFileBehindIt() throws Exception {
        // a named pipe nobody writes to: reading it never ended, and every source's files waited behind it
        int filesBefore = files.all().size();
        Path employer = Files.createDirectories(HOME.resolve("inbox/employer"));
        Path pipe = employer.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .isZero();
        try {
            Thread.sleep(1000); // a scan or more with the pipe alone
            Files.copy(
                    Path.of("sample-data/employer/2025年招聘会与就业情况.csv"),
                    HOME.resolve("employer.staged"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(HOME.resolve("employer.staged"), employer.resolve("2025年招聘会与就业情况.csv"));

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(files.all()).hasSize(filesBefore + 1);
                assertThat(files.all().get(filesBefore).outcome()).startsWith("LOADED");
            });
            assertThat(pipe).as("left where it is").exists();
        } finally {
            Files.deleteIfExists(pipe);
        }
    }

    @Test
    void rowsAddedToAFileWhileItIsIngestedAreLoadedFromItsNextVersion() throws Exception {
        // a partner's program appends to its export while the ingest of what was there runs: the file used to be
        // deleted after the ingest of its first version, the rows added meanwhile with it, unread
        Path community = Files.createDirectories(HOME.resolve("inbox/community"));
        Path staged = HOME.resolve("grows.staged");
        Files.writeString(staged, "日期,姓名,身份证号,活动类型,合作单位\n" + ledgerRows(0, 6_000), StandardCharsets.UTF_8);
        Path file = community.resolve("grows.csv");
        Files.move(staged, file);

        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> files.all().stream().anyMatch(f -> f.outcome().equals(FileOutcome.IN_PROGRESS.name())));
        Files.writeString(file, ledgerRows(6_000, 8_000), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(inboxFiles()).isEmpty();
            assertThat(files.all()).noneMatch(f -> f.outcome().equals(FileOutcome.IN_PROGRESS.name()));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                            .query(Long.class)
                            .single())
                    .as("every row of the file as it was in the end, once")
                    .isEqualTo(8_000L);
        });
        assertThat(files.all()).allSatisfy(f -> assertThat(f.outcome()).isEqualTo("LOADED"));
        assertThat(files.all().stream().mapToInt(IngestedFile::accepted).sum())
                .as("each record accepted by one version; a later version's earlier rows merge")
                .isEqualTo(8_000);
    }

    /** Rows {@code from} to {@code to} (exclusive) of a ledger of distinct records, with valid ID check digits. */
    private static String ledgerRows(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            int person = i % 500;
            String first17 = "4301041980" + String.format("%02d%02d", 1 + person % 12, 1 + person % 28)
                    + String.format("%03d", person);
            String id = first17 + org.lujing.operations.CrashRecoveryIntegrationTests.check(first17);
            rows.append(java.time.LocalDate.of(2025, 1, 1).plusDays(i / 500))
                    .append(",对象")
                    .append(person)
                    .append(',')
                    .append(id)
                    .append(",公益活动,湘江英烈纪念馆\n");
        }
        return rows.toString();
    }

    @Test
    void aFileThatCouldNotBeIngestedIsListedWithItsReason() throws IOException {
        // given: the archive cannot take the file (its source folder is a plain file), so the ingest cannot run
        Path archive = HOME.resolve("archive/university");
        Files.createDirectories(HOME.resolve("archive"));
        Path aside = HOME.resolve("archive-university.aside");
        if (Files.exists(archive)) {
            Files.move(archive, aside);
        }
        Files.writeString(archive, "not a folder");
        try {
            Path university = Files.createDirectories(HOME.resolve("inbox/university"));
            Files.move(
                    Files.writeString(HOME.resolve("u.staged"), "姓名,身份证号,日期,活动类型\n"),
                    university.resolve("11010519491231002X的记录.csv"));

            // then it waits in the inbox, is tried again, and is listed, masked, with why
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(failures.list())
                            .singleElement()
                            .satisfies(d -> {
                                assertThat(d.source()).isEqualTo("university");
                                assertThat(d.name()).isEqualTo("1101************2X的记录.csv");
                                assertThat(d.path()).isEqualTo("inbox/university/1101************2X的记录.csv");
                                assertThat(d.reason()).contains("入库未能运行").doesNotContain("11010519491231002X");
                                // kept in both languages: a Chinese reader sees the Chinese half alone
                                assertThat(org.lujing.report.ReportLanguage.ZH.oneLanguage(d.reason()))
                                        .startsWith("入库未能运行")
                                        .contains("系统原文：")
                                        .doesNotContain("could not run");
                            }));
            assertThat(university.resolve(".failed")).doesNotExist();
        } finally {
            Files.delete(archive);
            if (Files.exists(aside)) {
                Files.move(aside, archive);
            }
        }
        // once the cause is gone the next poll ingests it, and it is no longer listed
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(failures.list()).isEmpty());
    }

    @Test
    void onlyErrorReportsLujingWroteAndThatAreUnchangedAreServed() throws IOException {
        // given: a file refused whole, with Lujing's error report beside it in quarantine/
        aBrokenWorkbookAndAFileForNoSourceAreDropped();
        // and a partner's own *.error.txt in quarantine/, holding an ID number in clear
        Path fake = HOME.resolve("quarantine/hospital/partner.xlsx.error.txt");
        Files.writeString(fake, "110105194912310021");

        // then: the listing comes from Lujing's records only, and each listed report is served while intact
        List<FileRegistry.ErrorReportEntry> reports = files.errorReports();
        assertThat(reports).isNotEmpty();
        assertThat(reports)
                .extracting(FileRegistry.ErrorReportEntry::reportPath)
                .noneMatch(p -> p.contains("partner"));
        FileRegistry.ErrorReportEntry hospital = reports.stream()
                .filter(r -> r.sourceId().equals("hospital"))
                .findFirst()
                .orElseThrow();
        assertThat(files.intactErrorReport(hospital.id())).contains(Path.of(hospital.reportPath()));

        // a report changed since Lujing wrote it is not served either
        Files.writeString(Path.of(hospital.reportPath()), "110105194912310021", StandardOpenOption.APPEND);
        assertThat(files.intactErrorReport(hospital.id())).isEmpty();
        assertThat(files.intactErrorReport(999_999)).isEmpty();
    }

    /** The sample data dropped into the inbox the way partners do, and every file taken in by the route. */
    private int thePilotYearIsTakenInThroughTheInbox() {
        int dropped = TestHomes.dropSampleData(HOME);
        awaitFinished(dropped);
        return dropped;
    }

    /** A broken workbook for the hospital and a CSV for a source nobody configured, both dropped and taken. */
    private void aBrokenWorkbookAndAFileForNoSourceAreDropped() throws IOException {
        int filesBefore = files.all().size();
        Path hospital = Files.createDirectories(HOME.resolve("inbox/hospital"));
        Path staged = Files.writeString(
                HOME.resolve("broken.staged"), "PK\u0003\u0004 this is not really a workbook 110105194912310021");
        Files.move(staged, hospital.resolve("心理测评-损坏.xlsx"));
        Path nobody = Files.createDirectories(HOME.resolve("inbox/nobody"));
        Files.move(Files.writeString(HOME.resolve("x.staged"), "姓名,身份证号\n"), nobody.resolve("who.csv"));
        // and one dropped beside the source folders, into the inbox itself
        Files.move(Files.writeString(HOME.resolve("y.staged"), "姓名,身份证号\n"), HOME.resolve("inbox/迷路.csv"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(files.all()).hasSize(filesBefore + 1);
            assertThat(inboxFiles()).isEmpty();
        });
    }

    private void awaitInboxEmpty() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(inboxFiles()).isEmpty());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void awaitFinished(int expectedFiles) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<IngestedFile> all = files.all();
            assertThat(all).hasSize(expectedFiles);
            assertThat(all).noneMatch(f -> f.outcome().equals(FileOutcome.IN_PROGRESS.name()));
            assertThat(inboxFiles()).isEmpty();
        });
    }

    private static List<Path> inboxFiles() throws IOException {
        return regularFiles(HOME.resolve("inbox"));
    }

    private static List<Path> archivedFiles() throws IOException {
        return regularFiles(HOME.resolve("archive"));
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        while (true) {
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).toList();
            } catch (java.io.UncheckedIOException e) {
                // the route moved a file away while the folder was walked: look again
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }
}
