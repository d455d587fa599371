package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.read.FileOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Record identity and merge: (person, category, date, agency) is one record however many rows and sources report
 * it; records of people not yet on the roster wait, and are matched when the roster arrives — in any order.
 */
class RecordIdentityIntegrationTests extends SharedLedgerContext {

    static final Path FIXTURES = Path.of("src/test/resources/org/lujing/ingest/merge");

    @Autowired
    FileIngestService ingest;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void partnerRowsBeforeTheRosterArePendingAndNotCounted() {
        // when a partner's ledger arrives before the roster
        FileIngestService.Result community = ingest.ingest(FIXTURES.resolve("community/ledger.csv"), "community");

        // then
        IngestedFile f = community.file().orElseThrow();
        assertThat(f.outcome()).isEqualTo(FileOutcome.LOADED.name());
        // the second row repeats the first: one record, two provenance links
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                .containsExactly(5, 4, 1, 0, 0);
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE subject_id IS NULL"))
                .isEqualTo(4);
        assertThat(stats(Category.PUBLIC_WELFARE)).isZero();
    }

    @Test
    void theSameActivityFromAnotherSourceMergesIntoOneRecord() {
        // given
        ingest.ingest(FIXTURES.resolve("community/ledger.csv"), "community");

        // when
        FileIngestService.Result university = ingest.ingest(FIXTURES.resolve("university/sessions.csv"), "university");

        // then
        IngestedFile f = university.file().orElseThrow();
        // the university is the delivering agency by default; the community ledger named it in 合作单位
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged()}).containsExactly(2, 0, 2);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM record_source")).isEqualTo(7);
        List<Map<String, Object>> legal = jdbc.sql("""
                        SELECT r.agency, COUNT(s.id) AS links FROM support_record r
                        JOIN record_source s ON s.record_id = r.id
                        WHERE r.category = 'LEGAL_EDUCATION' GROUP BY r.id, r.agency""").query().listOfRows();
        assertThat(legal).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("AGENCY")).isEqualTo("湖南工商大学");
            assertThat(((Number) row.get("LINKS")).intValue()).isEqualTo(2);
        });
    }

    @Test
    void aRosterLoadMatchesWhatWasWaiting() {
        // given
        thePartnersFilesAreLoaded();

        // when
        ingest.ingest(FIXTURES.resolve("roster/roster.csv"), "roster");

        // then 赵一's two records (two agencies are two records) and 钱二's are now counted; 孙三 is still pending
        assertThat(stats(Category.PUBLIC_WELFARE)).isEqualTo(2);
        assertThat(stats(Category.LEGAL_EDUCATION)).isEqualTo(1);
        assertThat(statistics.compute(Period.parse("2025-03"), a -> true).pendingRecords())
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE match_method = 'ID_NUMBER'"))
                .isEqualTo(3);

        ingest.ingest(FIXTURES.resolve("roster-late/roster-2.csv"), "roster");

        assertThat(stats(Category.LEGAL_EDUCATION)).isEqualTo(2);
        assertThat(statistics.compute(Period.parse("2025-03"), a -> true).pendingRecords())
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM subject")).isEqualTo(3);
    }

    @Test
    void aRosterRowForAKnownPersonUpdatesThemInsteadOfAddingAnother() {
        // given both rosters loaded
        thePartnersFilesAreLoaded();
        ingest.ingest(FIXTURES.resolve("roster/roster.csv"), "roster");
        ingest.ingest(FIXTURES.resolve("roster-late/roster-2.csv"), "roster");
        assertThat(count("SELECT COUNT(*) FROM subject")).isEqualTo(3);

        // when the first roster arrives again
        ingest.ingest(FIXTURES.resolve("roster/roster.csv").toAbsolutePath(), "roster");

        // then: same content, a duplicate file, nothing changes: a duplicate file, nothing changes
        assertThat(count("SELECT COUNT(*) FROM subject")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT outcome FROM ingest_file ORDER BY id DESC")
                        .query(String.class)
                        .list()
                        .get(0))
                .isEqualTo(FileOutcome.DUPLICATE_FILE.name());
    }

    private void thePartnersFilesAreLoaded() {
        ingest.ingest(FIXTURES.resolve("community/ledger.csv"), "community");
        ingest.ingest(FIXTURES.resolve("university/sessions.csv"), "university");
    }

    private long stats(Category c) {
        return statistics
                .compute(Period.parse("2025"), a -> true)
                .figures(c)
                .value(c)
                .longValueExact();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
