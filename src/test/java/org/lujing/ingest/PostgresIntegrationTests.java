package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lujing.PilotTable;
import org.lujing.TestHomes;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
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
class PostgresIntegrationTests {

    static final Path HOME = TestHomes.fresh("postgres");
    static final EmbeddedPostgres POSTGRES = start();

    static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
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

    @Test
    void thePilotYearComesOutTheSameOnPostgres() throws IOException {
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

        assertThat(files.all())
                .hasSize(7)
                .allSatisfy(f -> assertThat(f.balances()).isTrue());
        assertThat(files.all().get(6).outcome()).isEqualTo(FileOutcome.DUPLICATE_FILE.name());
        Statistics s = statistics.compute(Period.parse("2025"), agencies::isPartner);
        for (Map.Entry<Category, Integer> e : PilotTable.YEAR_2025.entrySet()) {
            assertThat(s.figures(e.getKey()).value(e.getKey()).intValueExact())
                    .as(e.getKey().zh())
                    .isEqualTo(e.getValue());
        }
        assertThat(s.partnerUnits()).isEqualTo(PilotTable.PARTNER_UNITS);
        assertThat(s.pendingRecords()).isEqualTo(4);
        // each sheet with a table has its header row kept once (V19; a JSON feed has none), and storing it again, as a
        // resumed staging or a retry does, updates it in place
        long sheets = jdbc.sql("SELECT SUM(sheets_read) FROM ingest_file WHERE format <> 'json'")
                .query(Long.class)
                .single();
        assertThat(headerRows()).isEqualTo(sheets).isPositive();
        IngestedFile community = files.all().stream()
                .filter(f -> f.sourceId().equals("community"))
                .findFirst()
                .orElseThrow();
        files.saveSheetHeaders(
                community.id(),
                java.util.List.copyOf(files.sheetHeaders(community.id()).values()));
        assertThat(headerRows()).isEqualTo(sheets);
        assertThat(files.sheetHeaders(community.id()).get("台账").cells()).startsWith("序号", "日期", "姓名", "身份证号");
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
