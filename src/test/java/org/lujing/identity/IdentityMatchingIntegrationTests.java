package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * domain.md's fallback: without a usable ID number, an exact (name, phone) or (name, birth date) pair that points to
 * exactly one person matches; anything weaker stays pending; an admin's link and "different people" hold for good.
 */
class IdentityMatchingIntegrationTests extends SharedLedgerContext {

    static final Path FIXTURES = Path.of("src/test/resources/org/lujing/identity/fallback");

    /** This test's own files, outside the shared home. */
    final Path scratch = TestHomes.fresh("matching");

    @Autowired
    FileIngestService ingest;

    @Autowired
    IdentityMatcher matcher;

    @Autowired
    IdentityQueries queries;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    IdentityCipher cipher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aUniquePairMatchesAnAmbiguousOneWaitsAndNoPairIsRejected() {
        // when
        IngestedFile f = theRosterAndAFileWithoutIdsAreLoaded();

        // then

        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected()})
                .containsExactly(6, 5, 0, 1);
        assertThat(method("2025-06-01", "NAME_PHONE"))
                .as("赵一 by name and phone")
                .isEqualTo(1);
        assertThat(method("2025-06-04", "NAME_BIRTH_DATE"))
                .as("钱二 by name and birth date")
                .isEqualTo(1);
        assertThat(pendingOn("2025-06-02"))
                .as("two people share 李同's name and phone")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT reason FROM row_reject WHERE row_no = 4")
                        .query(String.class)
                        .single())
                .as("钱二 with neither phone nor birth date")
                .isEqualTo("MISSING_FIELD");
        assertThat(pendingOn("2025-06-05")).as("an ID not on the roster").isEqualTo(1);
    }

    @Test
    void theSameActivityReportedWithAndWithoutAnIdIsCountedOnce() {
        // given
        theRosterAndAFileWithoutIdsAreLoaded();

        // when
        Statistics june = statistics.compute(Period.parse("2025-06"), a -> true);

        // 赵一 06-01 twice (by phone and by ID) + 钱二 06-04
        assertThat(june.figures(Category.PUBLIC_WELFARE).records()).isEqualTo(2);
        assertThat(june.pendingRecords()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record WHERE merged_into IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAdminLinkAndADifferentPeopleDecisionSurviveReingestAndTheNightlyMatch() {
        // given
        theRosterAndAFileWithoutIdsAreLoaded();
        long qian = subjectId("430104198512120020");
        long zhao = subjectId("430104198001010014");
        String sunKey = cipher.blindIndex(IdentityKeys.ID_NUMBER, "430103199006060035");
        String zhaoPairKey = cipher.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone("赵一", "13800000001"));

        matcher.decide("LINK", sunKey, qian, "admin", "孙三 is 钱二's former name; ID corrected by the judicial office");
        matcher.decide("DIFFERENT", zhaoPairKey, zhao, "admin", "the phone belongs to 赵一's brother");

        assertThat(method("2025-06-05", "MANUAL")).isEqualTo(1);
        assertThat(pendingOn("2025-06-01")).isEqualTo(1);
        assertThat(statistics
                        .compute(Period.parse("2025-06"), a -> true)
                        .figures(Category.PUBLIC_WELFARE)
                        .records())
                .as("the ID-reported 06-01 record still counts, now on its own")
                .isEqualTo(3);

        // a later file with the same keys, then the nightly match
        ingest.ingest(FIXTURES.resolve("later/later.csv"), "community");
        matcher.rematch();
        matcher.rematch();

        assertThat(method("2025-07-02", "MANUAL"))
                .as("the link holds for new records")
                .isEqualTo(1);
        assertThat(pendingOn("2025-07-01"))
                .as("'different' holds for new records")
                .isEqualTo(1);
        assertThat(pendingOn("2025-06-01")).isEqualTo(1);
        assertThat(queries.pending())
                .extracting(IdentityQueries.PendingKey::subjectKey)
                .contains(zhaoPairKey)
                .doesNotContain(sunKey);
    }

    @Test
    void aRosterUpdateIsKeptInTheSubjectsHistory() {
        // given
        ingest.ingest(FIXTURES.resolve("roster/roster.csv"), "roster");
        long zhao = subjectId("430104198001010014");

        // when
        ingest.ingest(writeRoster("赵一,430104198001010014,13800000099,麓景社区"), "roster");

        // then
        assertThat(queries.history(zhao))
                .extracting(IdentityQueries.HistoryEntry::field)
                .contains("phone", "community");
        assertThat(queries.history(zhao))
                .noneMatch(h -> String.valueOf(h.newValue()).contains("13800000099"));
    }

    private IngestedFile theRosterAndAFileWithoutIdsAreLoaded() {
        ingest.ingest(FIXTURES.resolve("roster/roster.csv"), "roster");
        return ingest.ingest(FIXTURES.resolve("community/fallback.csv"), "community")
                .file()
                .orElseThrow();
    }

    private Path writeRoster(String row) {
        try {
            Path file = scratch.resolve("roster-update.csv");
            java.nio.file.Files.writeString(file, "姓名,身份证号码,联系电话,所属社区\n" + row + "\n");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long subjectId(String id) {
        return jdbc.sql("SELECT id FROM subject WHERE id_number_idx = ?")
                .param(cipher.blindIndex(IdentityKeys.ID_NUMBER, id))
                .query(Long.class)
                .single();
    }

    private long method(String date, String method) {
        return jdbc.sql("SELECT COUNT(*) FROM support_record WHERE activity_date = ? AND match_method = ?")
                .params(java.sql.Date.valueOf(date), method)
                .query(Long.class)
                .single();
    }

    private long pendingOn(String date) {
        return jdbc.sql("SELECT COUNT(*) FROM support_record WHERE activity_date = ? AND subject_id IS NULL")
                .param(java.sql.Date.valueOf(date))
                .query(Long.class)
                .single();
    }
}
