package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lujing.PilotTable;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.identity.IdentityCipher;
import org.lujing.identity.IdentityKeys;
import org.lujing.identity.IdentityMatcher;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.RejectRetryService;
import org.lujing.report.StatisticsBreakdownQuery;
import org.lujing.source.AgencyDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statistics read from the rollups are, after every kind of ledger change the application makes, exactly the
 * statistics recounted from the raw ledger ({@link LedgerRecount}) and those of the statistics workbook — for a year,
 * quarters, months, ranges that cut months, and many seeded random ranges.
 *
 * <p>Each test is one sequence of ledger changes from an empty ledger ({@link SharedLedgerContext}), checked after
 * every change.
 */
class StatisticsAgreementIntegrationTests extends SharedLedgerContext {

    static final Path MERGE = Path.of("src/test/resources/org/lujing/ingest/merge");
    static final Path FALLBACK = Path.of("src/test/resources/org/lujing/identity/fallback");
    static final String SUN_ID = "430103199006060035";
    static final String QIAN_ID = "430104198512120020";
    static final String ZHAO_ID = "430104198001010014";
    static final List<Period> FIXED = List.of(
            Period.parse("2025"),
            Period.parse("2025-Q1"),
            Period.parse("2025-Q2"),
            Period.parse("2025-Q3"),
            Period.parse("2025-Q4"),
            Period.parse("2025-03"),
            Period.parse("2025-06"),
            Period.parse("2025-03-15..2025-07-09"),
            Period.parse("2025-06-01..2025-06-01"),
            Period.parse("2024-11-20..2026-03-10"),
            Period.parse("2026"),
            Period.parse("1990"));
    static final List<Period> RANDOM = random(new Random(20251129), 30);

    /** This test's own files, outside the shared home. */
    final Path scratch = TestHomes.fresh("agreement-files");

    @Autowired
    FileIngestService ingest;

    @Autowired
    IdentityMatcher matcher;

    @Autowired
    IdentityCipher cipher;

    @Autowired
    RejectRetryService retry;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    StatisticsRollup rollup;

    @Autowired
    StatisticsBreakdownQuery breakdown;

    @Autowired
    AgencyDirectory agencies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePilotYearPendingUntilItsRosterArrivesThenCounted() throws IOException {
        // partner files first: every record waits for the roster
        for (String source : List.of("community", "hospital", "university", "employer", "micro-lesson")) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
            assertAgrees("after " + source);
        }
        assertThat(stat("2025").byCategory()).isEmpty();
        assertThat(stat("2025").pendingRecords()).isPositive();

        // a new roster: the match counts what was waiting
        ingestAll("roster");
        assertAgrees("after the roster");
        Statistics year = stat("2025");
        PilotTable.YEAR_2025.forEach((c, n) ->
                assertThat(year.figures(c).value(c).intValueExact()).as(c.zh()).isEqualTo(n));
        assertThat(year.partnerUnits()).isEqualTo(PilotTable.PARTNER_UNITS);
    }

    @Test
    void recordsMergedAcrossSourcesAndMatchedByALateRoster() {
        ingest.ingest(MERGE.resolve("community/ledger.csv"), "community");
        assertAgrees("after the community ledger");
        ingest.ingest(MERGE.resolve("university/sessions.csv"), "university");
        assertAgrees("after the university's repeats");
        ingest.ingest(MERGE.resolve("roster/roster.csv"), "roster");
        assertAgrees("after the roster");
        ingest.ingest(MERGE.resolve("roster-late/roster-2.csv"), "roster");
        assertAgrees("after the late roster");
        matcher.rematch();
        assertAgrees("after a rematch that changes nothing");
    }

    @Test
    void fallbackMatchesDuplicateMergesAndAdminDecisions() {
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");
        ingest.ingest(FALLBACK.resolve("community/fallback.csv"), "community");
        assertAgrees("after pair-key matches and a merged repeat");
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE merged_into IS NOT NULL"))
                .isPositive();

        long zhao = subjectId(ZHAO_ID);
        String zhaoPairKey = cipher.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone("赵一", "13800000001"));
        long mergedBefore = count("SELECT COUNT(*) FROM support_record WHERE merged_into IS NOT NULL");

        linkSunToQian();
        assertAgrees("after a LINK decision");
        matcher.decide("DIFFERENT", zhaoPairKey, zhao, "admin", "the phone belongs to 赵一's brother");
        assertAgrees("after a DIFFERENT decision");
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE merged_into IS NOT NULL"))
                .as("the DIFFERENT decision undid a merge")
                .isLessThan(mergedBefore);

        ingest.ingest(FALLBACK.resolve("later/later.csv"), "community");
        matcher.rematch();
        assertAgrees("after a later file and the nightly match");
        matcher.decide("LINK", zhaoPairKey, zhao, "admin", "the brother's phone was a mistake after all");
        assertAgrees("after a LINK that replaces a DIFFERENT and merges again");
    }

    @Test
    void aMergedRowThatNamesTheActivitySplitsTheEvent() {
        // given 赵一 and 钱二 on the roster
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");

        // two people at one job fair, first reported without the fair's name: one event
        ingest.ingest(
                csv(
                        "fair-unnamed.csv",
                        "日期,姓名,身份证号,活动类型,合作单位",
                        "2026-02-10,赵一,430104198001010014,招聘会,长沙人才市场",
                        "2026-02-10,钱二,430104198512120020,招聘会,长沙人才市场"),
                "community");
        assertAgrees("after an unnamed job fair");
        assertThat(stat("2026-02-10..2026-02-10").figures(Category.JOB_FAIR).events())
                .isEqualTo(1);

        // then another file names two different fairs that day: the rows merge, their names split the event
        ingest.ingest(
                csv(
                        "fair-named.csv",
                        "日期,姓名,身份证号,活动类型,合作单位,活动名称",
                        "2026-02-10,赵一,430104198001010014,招聘会,长沙人才市场,春风送岗专场",
                        "2026-02-10,钱二,430104198512120020,招聘会,长沙人才市场,高校毕业生专场"),
                "community");
        assertAgrees("after the fairs are named");
        Statistics day = stat("2026-02-10..2026-02-10");
        assertThat(day.figures(Category.JOB_FAIR).events()).isEqualTo(2);
        assertThat(day.figures(Category.JOB_FAIR).records()).isEqualTo(2);
    }

    @Test
    void aRepeatLaterInTheSameFileNamesTheRecordItsFirstRowCreated() {
        // given 赵一 and 钱二 on the roster
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");

        // when one file reports 赵一 at a job fair without its name, 钱二 there too, then 赵一's row again with the
        // fair's name: the repeat merges into the record the first row created in the same slice and names it
        ingest.ingest(
                csv(
                        "fair-named-later.csv",
                        "日期,姓名,身份证号,活动类型,合作单位,活动名称",
                        "2026-04-01,赵一,430104198001010014,招聘会,长沙人才市场,",
                        "2026-04-01,钱二,430104198512120020,招聘会,长沙人才市场,",
                        "2026-04-01,赵一,430104198001010014,招聘会,长沙人才市场,春风送岗专场"),
                "community");

        // then two records: 赵一's, named, and 钱二's, still unnamed — each counted once, in two events
        assertAgrees("after a file whose repeat names its own new record");
        Statistics day = stat("2026-04-01..2026-04-01");
        assertThat(day.figures(Category.JOB_FAIR).records()).isEqualTo(2);
        assertThat(day.figures(Category.JOB_FAIR).events()).isEqualTo(2);
    }

    @Test
    void refusedRowsRetriedTogetherWhereTheRepeatNamesTheNewRecord() throws IOException {
        // given 赵一 and 钱二 on the roster, and a file refused whole for a word not in the vocabulary: 赵一 without the
        // match's name, 钱二 without it too, then 赵一 again with it
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");
        long fileId = ingest.ingest(
                        csv(
                                "chess-named-later.csv",
                                "日期,姓名,身份证号,活动类型,合作单位,活动名称",
                                "2026-04-02,赵一,430104198001010014,棋艺比赛,长沙高新区总工会,",
                                "2026-04-02,钱二,430104198512120020,棋艺比赛,长沙高新区总工会,",
                                "2026-04-02,赵一,430104198001010014,棋艺比赛,长沙高新区总工会,象棋赛"),
                        "community")
                .file()
                .orElseThrow()
                .id();
        editSource("community", yaml -> yaml.replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 棋艺比赛]"));

        // when the word is mapped and the file retried: the three rows publish in one slice
        RejectRetryService.Result result = retry.retry(fileId);

        // then 赵一's second row merges into the record his first created and names it; nothing is counted twice
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.merged()).isEqualTo(1);
        assertAgrees("after a retry whose repeat names its own new record");
        Statistics day = stat("2026-04-02..2026-04-02");
        assertThat(day.figures(Category.PUBLIC_WELFARE).records()).isEqualTo(2);
        assertThat(day.figures(Category.PUBLIC_WELFARE).events()).isEqualTo(2);
    }

    @Test
    void rejectedRowsRetriedAfterAVocabularyChange() throws IOException {
        // given 赵一, 钱二 and 孙三 on the rosters, and 孙三 linked to 钱二 by an admin
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");
        ingest.ingest(MERGE.resolve("roster-late/roster-2.csv"), "roster");
        ingest.ingest(FALLBACK.resolve("community/fallback.csv"), "community");
        linkSunToQian();
        ingest.ingest(
                csv("chess-unnamed.csv", "日期,姓名,身份证号,活动类型,合作单位", "2026-03-01,赵一,430104198001010014,公益活动,长沙高新区总工会"),
                "community");
        long fileId = ingest.ingest(
                        csv(
                                "chess.csv",
                                "日期,姓名,身份证号,活动类型,合作单位,活动名称",
                                "2026-03-01,赵一,430104198001010014,棋艺比赛,长沙高新区总工会,象棋赛",
                                "2026-03-01,钱二,430104198512120020,棋艺比赛,长沙高新区总工会,象棋赛",
                                "2026-03-01,孙三,430103199006060035,棋艺比赛,长沙高新区总工会,围棋赛"),
                        "community")
                .file()
                .orElseThrow()
                .id();
        assertAgrees("before the retry");
        editSource("community", yaml -> yaml.replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 棋艺比赛]"));

        // when
        RejectRetryService.Result result = retry.retry(fileId);

        // then 赵一's row merges into the unnamed record and names it; 钱二's row is a new record (孙三 is 钱二 by the
        // LINK decision, so his is another record of the same person)
        assertThat(result.merged()).isEqualTo(1);
        assertThat(result.accepted()).isEqualTo(2);
        assertAgrees("after the retry");
        Statistics day = stat("2026-03-01..2026-03-01");
        assertThat(day.figures(Category.PUBLIC_WELFARE).records()).isEqualTo(3);
        assertThat(day.figures(Category.PUBLIC_WELFARE).events()).isEqualTo(2);
    }

    @Test
    void aRebuildGivesTheRollupsKeptAlongTheWay() throws IOException {
        // given a ledger grown by every kind of change: the pilot year, merges across sources, pair-key matches,
        // decisions that link, separate and merge again
        ingestAll("community", "hospital", "university", "employer", "micro-lesson", "roster");
        ingest.ingest(MERGE.resolve("community/ledger.csv"), "community");
        ingest.ingest(MERGE.resolve("university/sessions.csv"), "university");
        ingest.ingest(MERGE.resolve("roster/roster.csv"), "roster");
        ingest.ingest(MERGE.resolve("roster-late/roster-2.csv"), "roster");
        ingest.ingest(FALLBACK.resolve("roster/roster.csv"), "roster");
        ingest.ingest(FALLBACK.resolve("community/fallback.csv"), "community");
        linkSunToQian();
        String zhaoPairKey = cipher.blindIndex(IdentityKeys.NAME_PHONE, IdentityKeys.namePhone("赵一", "13800000001"));
        matcher.decide("DIFFERENT", zhaoPairKey, subjectId(ZHAO_ID), "admin", "the phone belongs to 赵一's brother");
        ingest.ingest(FALLBACK.resolve("later/later.csv"), "community");
        matcher.rematch();
        List<List<Map<String, Object>>> kept = rollups();
        assertThat(kept).allSatisfy(rows -> assertThat(rows).isNotEmpty());

        // when
        rollup.rebuild();

        // then
        assertThat(rollups()).isEqualTo(kept);
        assertAgrees("after a rebuild");
    }

    private void ingestAll(String... sourceIds) throws IOException {
        for (String source : sourceIds) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
        }
    }

    /** 孙三 is 钱二's former name: an admin links his ID number's key to 钱二. */
    private void linkSunToQian() {
        String sunKey = cipher.blindIndex(IdentityKeys.ID_NUMBER, SUN_ID);
        matcher.decide("LINK", sunKey, subjectId(QIAN_ID), "admin", "孙三 is 钱二's former name");
    }

    private void assertAgrees(String when) {
        assertThat(PersonBitsRows.stored(jdbc))
                .as(when + ": the persons' bit sets")
                .isEqualTo(PersonBitsRows.expected(jdbc));
        LedgerRecount recount = new LedgerRecount(jdbc);
        for (Period p : FIXED) {
            Statistics expected = recount.compute(p, agencies::isPartner);
            assertThat(statistics.compute(p, agencies::isPartner))
                    .as(when + ": " + p.label())
                    .isEqualTo(expected);
            assertThat(breakdown.content(p, agencies::isPartner).statistics())
                    .as(when + ": the workbook's " + p.label())
                    .isEqualTo(expected);
        }
        for (Period p : RANDOM) {
            assertThat(statistics.compute(p, agencies::isPartner))
                    .as(when + ": " + p.label())
                    .isEqualTo(recount.compute(p, agencies::isPartner));
        }
    }

    private List<List<Map<String, Object>>> rollups() {
        return RollupRows.all(jdbc);
    }

    private Statistics stat(String period) {
        return statistics.compute(Period.parse(period), agencies::isPartner);
    }

    /** Ranges of 1 to 400 days starting anywhere from October 2024 to April 2026. */
    static List<Period> random(Random random, int n) {
        List<Period> periods = new ArrayList<>();
        LocalDate start = LocalDate.parse("2024-10-01");
        for (int i = 0; i < n; i++) {
            LocalDate from = start.plusDays(random.nextInt(575));
            LocalDate to = from.plusDays(random.nextInt(400));
            periods.add(Period.parse(from + ".." + to));
        }
        return periods;
    }

    private long subjectId(String id) {
        return jdbc.sql("SELECT id FROM subject WHERE id_number_idx = ?")
                .param(cipher.blindIndex(IdentityKeys.ID_NUMBER, id))
                .query(Long.class)
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private Path csv(String name, String... lines) {
        try {
            return Files.writeString(scratch.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
