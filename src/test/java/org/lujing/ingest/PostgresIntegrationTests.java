package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lujing.PilotTable;
import org.lujing.TestHomes;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.ledger.StatisticsRollup;
import org.lujing.ledger.TableStatistics;
import org.lujing.read.FileOutcome;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same pipeline on PostgreSQL 17 (an embedded server from io.zonky.test, no installation needed): the
 * postgresql migrations apply, and the pilot year comes out as on HSQLDB.
 */
@SpringBootTest(properties = "camel.main.auto-startup=false")
@ActiveProfiles("postgresql")
// a cached context would outlive the embedded server it points to, its pool failing validations for the whole run
@DirtiesContext
// the pilot year first (it counts its files as new), the reconciliation of what every test loaded last
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PostgresIntegrationTests {

    static final Path HOME = TestHomes.fresh("postgres");
    /** A copy of the installation's jobs/, so a test may edit a source's vocabulary. */
    static final Path JOBS = HOME.resolve("jobs");

    static final EmbeddedPostgres POSTGRES = org.lujing.TestPostgres.start();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
        org.lujing.SharedLedgerContext.copyTree(Path.of("jobs"), JOBS);
        registry.add("lujing.jobs-dir", JOBS::toString);
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    FileRegistry files;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    AgencyDirectory agencies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    StatisticsRollup rollup;

    @Autowired
    RejectRetryService retry;

    @Autowired
    RejectedRows rejectedRows;

    @Autowired
    org.lujing.report.ReportService reports;

    @Autowired
    org.lujing.source.SourceCatalog sources;

    @Test
    @org.junit.jupiter.api.Order(1)
    void thePilotYearComesOutTheSameOnPostgres() throws Exception {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 17");

        for (String source :
                new String[] {"micro-lesson", "university", "employer", "hospital", "community", "roster"}) {
            try (var list = java.nio.file.Files.list(Path.of("sample-data", source))) {
                for (Path f : list.toList()) {
                    assertThat(ingest.ingest(f, source).outcome()).startsWith("LOADED");
                }
            }
        }
        ingest.ingest(Path.of("sample-data/roster/2025年社区矫正对象名册.xlsx"), "roster");

        assertThat(files.all().stream()
                        .filter(f -> !f.fileName().startsWith("copy-")
                                && !f.fileName().startsWith("retry-"))
                        .toList())
                .hasSize(7)
                .allSatisfy(f -> assertThat(f.balances()).isTrue());
        assertThat(files.all().stream()
                        .filter(f -> f.fileName().startsWith("2025年社区矫正对象名册"))
                        .map(IngestedFile::outcome))
                .contains(FileOutcome.DUPLICATE_FILE.name());
        Statistics s = statistics.compute(Period.parse("2025"), agencies::isPartner);
        for (Map.Entry<Category, Integer> e : PilotTable.YEAR_2025.entrySet()) {
            assertThat(s.figures(e.getKey()).value(e.getKey()).intValueExact())
                    .as(e.getKey().zh())
                    .isEqualTo(e.getValue());
        }
        assertThat(s.partnerUnits()).isEqualTo(PilotTable.PARTNER_UNITS);
        assertThat(s.pendingRecords()).isEqualTo(4);
        // the ledger workbook's slices (persons in pinyin order, bound twice) read the same records on PostgreSQL
        long counted = jdbc.sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NOT NULL"
                        + " AND merged_into IS NULL AND activity_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'")
                .query(Long.class)
                .single();
        Path ledger = reports.writeLedger(Period.parse("2025"), null, HOME.resolve("pg-ledger"), "zh")
                .get(0);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(ledger.toFile())) {
            var sheet = wb.getSheet("个人台账");
            assertThat(sheet.getLastRowNum()).isEqualTo(counted);
            java.util.List<String> names = new java.util.ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                String name = sheet.getRow(r).getCell(0).getStringCellValue();
                if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
                    names.add(name);
                }
            }
            assertThat(names).hasSize(14).isSortedAccordingTo(java.text.Collator.getInstance(java.util.Locale.CHINA));
        }
        // each sheet with a table has its header row kept once (V19; a JSON feed has none), and storing it again, as a
        // resumed staging or a retry does, updates it in place
        long sheets = jdbc.sql("SELECT SUM(sheets_read) FROM ingest_file WHERE format <> 'json'")
                .query(Long.class)
                .single();
        assertThat(headerRows()).isEqualTo(sheets).isPositive();
        IngestedFile community = files.all().stream()
                .filter(f -> f.sourceId().equals("community") && !f.fileName().startsWith("retry-"))
                .findFirst()
                .orElseThrow();
        files.saveSheetHeaders(
                community.id(), files.sheetHeaders(community.id()).all());
        assertThat(headerRows()).isEqualTo(sheets);
        assertThat(files.sheetHeaders(community.id())
                        .forRow("台账", Integer.MAX_VALUE)
                        .cells())
                .startsWith("序号", "日期", "姓名", "身份证号");
        // Quartz keeps the nightly trigger in its (clustered) JDBC store on PostgreSQL too
        assertThat(jdbc.sql("SELECT COUNT(*) FROM qrtz_triggers")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private long headerRows() {
        return jdbc.sql("SELECT COUNT(*) FROM file_sheet_header")
                .query(Long.class)
                .single();
    }

    @Test
    void copiedRowsKeepEveryCharacterAndTheRollupsAddUpBothWays() throws IOException {
        // given a file (of 2024: the pilot year stays as it is) whose texts hold what COPY's text format must
        // escape: tab, backslash, a line break, \N
        Path file = HOME.resolve("copy-escapes.csv");
        java.nio.file.Files.writeString(
                file,
                "序号,姓名,身份证号,开展日期,类别,主题,时长,备注\n"
                        + "1,张建国,430104196804120314,2024-07-01,普法活动,\"主题\t含制表符\\N与反斜杠\\\",2.50,\"第一行\n第二行\"\n"
                        + "2,李秀英,43010319720903046X,2024-07-02,普法活动,普通主题,1,\n");

        // when it is published on PostgreSQL (staged with COPY)
        assertThat(ingest.ingest(file, "university").outcome()).startsWith("LOADED");

        // then every character comes back as written, and empty stays null
        Map<String, Object> first = jdbc.sql(
                        "SELECT activity_name, notes, hours FROM support_record WHERE activity_date = DATE '2024-07-01'")
                .query()
                .singleRow();
        assertThat(first.get("activity_name")).isEqualTo("主题\t含制表符\\N与反斜杠\\");
        assertThat(first.get("notes")).isEqualTo("第一行\n第二行");
        assertThat(first.get("hours")).isEqualTo(new java.math.BigDecimal("2.50"));
        assertThat(jdbc.sql("SELECT notes FROM support_record WHERE activity_date = DATE '2024-07-02'")
                        .query()
                        .singleRow()
                        .get("notes"))
                .isNull();

        // and the rollups kept along the way (upserted as arrays on PostgreSQL) equal a rebuild from the ledger,
        // and taking every record away empties them, adding it back restores them
        Map<String, java.util.List<String>> kept = rollups();
        rollup.rebuild();
        assertThat(rollups()).isEqualTo(kept);
        rollup.remove("1 = 1");
        assertThat(rollups().values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        rollup.add("1 = 1");
        assertThat(rollups()).isEqualTo(kept);
    }

    @Autowired
    FileWithdrawal withdrawal;

    @Test
    void aWithdrawnFileLeavesNothingOfItselfAndItsContentLoadsAgainOnPostgres() throws IOException {
        // given a file of 2023 (the pilot year stays as it is), one of its rows repeated in a second file
        Path file = HOME.resolve("withdraw-2023.csv");
        java.nio.file.Files.writeString(
                file,
                "序号,姓名,身份证号,开展日期,类别,主题,时长\n1,张建国,430104196804120314,2023-07-01,普法活动,宪法,1\n"
                        + "2,李秀英,43010319720903046X,2023-07-02,普法活动,民法典,\n");
        Path again = HOME.resolve("withdraw-2023-again.csv");
        java.nio.file.Files.writeString(
                again, "序号,姓名,身份证号,开展日期,类别,主题,时长\n1,李秀英,43010319720903046X,2023-07-02,普法活动,民法典,2\n");
        long id = ingest.ingest(file, "university").file().orElseThrow().id();
        ingest.ingest(again, "university");
        Map<String, java.util.List<String>> before = rollups();

        // when it is withdrawn
        FileWithdrawal.Result r = withdrawal.withdraw(id, "admin", "test file");

        // then one record goes, the shared one stays as the second file makes it, the rollups equal a rebuild
        assertThat(new int[] {r.recordsRemoved(), r.recordsKept()}).containsExactly(1, 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source WHERE file_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
        Map<String, java.util.List<String>> kept = rollups();
        rollup.rebuild();
        assertThat(rollups()).isEqualTo(kept);
        // and its content loads again, to the same figures
        assertThat(ingest.ingest(file, "university").outcome()).isEqualTo("LOADED");
        assertThat(rollups()).isEqualTo(before);
    }

    private Map<String, java.util.List<String>> rollups() {
        Map<String, java.util.List<String>> tables = new java.util.TreeMap<>();
        for (String t : new String[] {"stat_day", "stat_event", "stat_subject_month"}) {
            tables.put(
                    t,
                    jdbc
                            .sql("SELECT * FROM " + t + " ORDER BY 1, 2, 3")
                            .query((rs, n) -> {
                                StringBuilder row = new StringBuilder();
                                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                                    Object v = rs.getObject(c);
                                    row.append(v instanceof java.math.BigDecimal d ? d.stripTrailingZeros() : v)
                                            .append('|');
                                }
                                return row.toString();
                            })
                            .list()
                            .stream()
                            .sorted()
                            .toList());
        }
        // the persons' bit sets (BYTEA here) hold exactly the persons of stat_subject_month's rows
        assertThat(org.lujing.ledger.PersonBitsRows.stored(jdbc))
                .isEqualTo(org.lujing.ledger.PersonBitsRows.expected(jdbc));
        tables.put(
                "stat_person_bits",
                org.lujing.ledger.PersonBitsRows.stored(jdbc).stream()
                        .map(Object::toString)
                        .toList());
        return tables;
    }

    @Test
    void refusedRowsRetriedAfterAVocabularyChangeJoinThroughTheSetBasedPublication() throws IOException {
        // given a record of 2024 (the pilot year stays as it is), then a file whose every row names an activity word
        // the vocabulary does not know: one row of the record's identity, two rows of one new identity (the second
        // names the match the first left unnamed), one more; 赵一 and 钱二 on the roster, so that the records count
        Path roster = HOME.resolve("retry-roster.csv");
        java.nio.file.Files.writeString(
                roster, "姓名,身份证号码,联系电话\n赵一,430104198001010014,13800000001\n钱二,430104198512120020,13800000002\n");
        assertThat(ingest.ingest(roster, "roster").outcome()).startsWith("LOADED");
        ingestCsv("retry-named.csv", "2024-03-01,赵一,430104198001010014,公益活动,长沙高新区总工会");
        IngestedFile refused = ingestCsvWithHeader(
                "retry-chess.csv",
                "日期,姓名,身份证号,活动类型,合作单位,活动名称",
                "2024-03-01,赵一,430104198001010014,社区象棋友谊赛,长沙高新区总工会,",
                "2024-03-02,赵一,430104198001010014,社区象棋友谊赛,长沙高新区总工会,",
                "2024-03-02,赵一,430104198001010014,社区象棋友谊赛,长沙高新区总工会,第一轮",
                "2024-03-03,钱二,430104198512120020,社区象棋友谊赛,长沙高新区总工会,");
        assertThat(refused.rejected()).isEqualTo(4);
        long records = count("SELECT COUNT(*) FROM support_record");

        // when the word is mapped and the file retried
        Path yaml = JOBS.resolve("sources").resolve("community.yaml");
        String definition = java.nio.file.Files.readString(yaml);
        RejectRetryService.Result result;
        try {
            java.nio.file.Files.writeString(
                    yaml, definition.replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 社区象棋友谊赛]"));
            result = retry.retry(refused.id());
        } finally {
            // the other tests of this class read the installation's vocabulary
            java.nio.file.Files.writeString(yaml, definition);
            sources.reload();
        }

        // then the first row merges into the record, the repeated row into the one its twin created, two are new
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.merged()).isEqualTo(2);
        assertThat(result.stillRejected()).isZero();
        IngestedFile after = files.find(refused.id()).orElseThrow();
        assertThat(after.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {after.rowsRead(), after.accepted(), after.merged(), after.rejected()})
                .containsExactly(4, 2, 2, 0);
        assertThat(after.balances()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(records + 2);
        assertThat(count("SELECT COUNT(*) FROM record_source WHERE file_id = " + refused.id()))
                .isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM record_source s JOIN support_record r ON r.id = s.record_id"
                        + " WHERE r.activity_date = DATE '2024-03-01'"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM record_source s JOIN support_record r ON r.id = s.record_id"
                        + " WHERE r.activity_date = DATE '2024-03-02'"))
                .isEqualTo(2);
        assertThat(rejectedRows.count(refused.id(), true)).isZero();
        assertThat(jdbc.sql("SELECT activity_name FROM support_record WHERE activity_date = DATE '2024-03-02'")
                        .query(String.class)
                        .single())
                .isEqualTo("第一轮");
        // and the rollups it kept (the named record counted once, in its named event) equal a rebuild from the ledger
        Map<String, java.util.List<String>> kept = rollups();
        rollup.rebuild();
        assertThat(rollups()).isEqualTo(kept);
    }

    private IngestedFile ingestCsv(String name, String... rows) throws IOException {
        return ingestCsvWithHeader(name, "日期,姓名,身份证号,活动类型,合作单位", rows);
    }

    private IngestedFile ingestCsvWithHeader(String name, String header, String... rows) throws IOException {
        Path file = HOME.resolve(name);
        java.nio.file.Files.writeString(file, header + "\n" + String.join("\n", rows) + "\n");
        return ingest.ingest(file, "community").file().orElseThrow();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Autowired
    org.lujing.reconcile.ReconcileService reconcile;

    @Autowired
    org.lujing.reconcile.FindingsService findings;

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theReconciliationsSqlRunsOnPostgresAndAgainChangesNothing() throws IOException {
        // given the pilot year (loaded by the first test; here its files come back as duplicates)
        for (String source :
                new String[] {"roster", "community", "hospital", "university", "employer", "micro-lesson"}) {
            try (var list = java.nio.file.Files.list(Path.of("sample-data", source))) {
                for (Path f : list.sorted().toList()) {
                    ingest.ingest(f, source);
                }
            }
        }

        // when it is reconciled a week after today, then again for the same date
        LocalDate later = LocalDate.now().plusDays(7);
        var first = reconcile.reconcile(later);
        var again = reconcile.reconcile(later);

        // then the pass marks, the (rule, key) pairs and the windows work here too: the one person not on the roster,
        // and a second run that sees every finding again and changes nothing
        assertThat(findings.list(null, "UNMATCHED_SUBJECT", null)).hasSize(1);
        assertThat(again.opened()).isZero();
        assertThat(again.cleared()).isZero();
        assertThat(again.seenAgain()).isEqualTo(first.active()).isEqualTo(again.active());
        assertThat(findings.inOrder(null, null, null)).hasSize(again.active());
    }

    @Test
    void aLedgerThatGrewAFifthIsAnalyzedBeforeItIsPlannedOn() {
        // given a ledger written to (the pilot year here, whatever order the tests run in) and a small threshold
        TableStatistics tables = new TableStatistics(jdbcTemplate, 10);
        assertThat(tables.refreshIfStale()).as("nothing written yet").isFalse();

        // when a publication writes enough rows
        tables.written(100_000);

        // then the next slice analyzes the ledger's tables (not autovacuum: this process, now)
        assertThat(tables.refreshIfStale()).isTrue();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'support_record' AND last_analyze IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        // and does not analyze again until more was written
        assertThat(tables.refreshIfStale()).isFalse();
    }
}
