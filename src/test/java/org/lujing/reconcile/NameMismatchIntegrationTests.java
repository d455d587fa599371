package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.SharedLedgerContext;
import org.lujing.ingest.FileIngestService;
import org.lujing.source.SourceCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * NAME_MISMATCH: a row whose valid ID number belongs to someone the roster names differently is credited to the
 * roster's person without a word unless the reconciliation says so — the partner's ID column shifted by one row, or
 * the roster's name mistyped. Renderings of one name (traditional, a homophone, a name masked for sharing) are not
 * findings; a roster corrected clears what it explains.
 */
class NameMismatchIntegrationTests extends SharedLedgerContext {

    static final String ZHAO = "430104198001010014";
    static final String LIU = "430104197003150040";
    static final String ZHANG = "430104199511300059";

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SourceCatalog sources;

    @Autowired
    ReconcileSettings settings;

    @Autowired
    NameMismatchRule rule;

    @Autowired
    ReconcileService reconcile;

    @Test
    void aRowNamingSomeoneElseThanTheRosterDoesForItsIdIsAFindingAndRenderingsOfOneNameAreNot(@TempDir Path dir)
            throws IOException {
        // given a roster and a community ledger whose rows name each person in several ways
        theLedgerArrived(dir);

        // when
        reconcile.reconcile(LocalDate.parse("2025-04-30"));

        // then the shifted ID (钱二 on 赵一's number), a masked name of another surname and a name one character off
        // are findings, on the roster's person, saying what the row wrote; 刘海燕 / 刘海艳 for 劉海燕, 张* and 张某 for 张三丰
        // are not
        List<Map<String, Object>> found = jdbc.sql(
                        "SELECT f.finding_key, f.severity, f.person_masked, f.details, f.source_id FROM finding f"
                                + " WHERE f.rule = 'NAME_MISMATCH' AND f.cleared_on IS NULL ORDER BY f.finding_key")
                .query()
                .listOfRows();
        assertThat(found)
                .extracting(r -> r.get("FINDING_KEY"))
                .containsExactlyInAnyOrder(
                        "record:" + record("2025-04-02"),
                        "record:" + record("2025-04-07"),
                        "record:" + record("2025-04-08"));
        Map<String, Object> shifted = found.stream()
                .filter(r -> r.get("FINDING_KEY").equals("record:" + record("2025-04-02")))
                .findFirst()
                .orElseThrow();
        assertThat(shifted.get("SEVERITY")).isEqualTo("HIGH");
        assertThat(shifted.get("PERSON_MASKED")).isEqualTo("赵一 4301************14");
        assertThat(shifted.get("SOURCE_ID")).isEqualTo("community");
        assertThat((String) shifted.get("DETAILS"))
                .startsWith("2025-04-02 湘江英烈纪念馆 的公益活动：表中姓名为「钱二」，名册中该身份证号的姓名为「赵一」")
                .doesNotContain(ZHAO);
        assertThat(FindingWords.rule(NameMismatchRule.NAME, true)).isEqualTo("姓名与名册不符");
        // the statistics still credit the roster's person: a finding never changes a count
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record WHERE subject_id IS NOT NULL")
                        .query(Integer.class)
                        .single())
                .isEqualTo(8);
    }

    @Test
    void aRosterThatCorrectsTheNameClearsWhatItExplainsAndFindsWhatItNowContradicts(@TempDir Path dir)
            throws IOException {
        // given the findings of the ledger above
        theLedgerArrived(dir);
        reconcile.reconcile(LocalDate.parse("2025-04-30"));

        // when the judicial office corrects 张三丰 to 张三山, as the partner wrote on 8 April
        Path fix = Files.writeString(
                dir.resolve("roster-fix.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n张三山," + ZHANG + ",13800000005,管制,2025-01-01,2025-12-31\n");
        ingest.ingest(fix, "roster");
        ReconcileSummary summary = reconcile.reconcile(LocalDate.parse("2025-05-01"));

        // then 8 April's finding is cleared; 张* and 张某 still agree; 李* still does not
        assertThat(summary.rules())
                .filteredOn(r -> r.rule().equals(NameMismatchRule.NAME))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.cleared()).isEqualTo(1);
                    assertThat(r.opened()).isZero();
                });
        assertThat(jdbc.sql("SELECT finding_key FROM finding WHERE rule = 'NAME_MISMATCH' AND cleared_on IS NULL")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("record:" + record("2025-04-02"), "record:" + record("2025-04-07"));
    }

    @Test
    void theRuleFindsTheSameWhateverTheSliceOfIdsItReadsAtATime(@TempDir Path dir) throws IOException {
        theLedgerArrived(dir);
        List<Finding> whole = ReconciliationIntegrationTests.found(
                rule, new ReconcileContext(LocalDate.parse("2025-04-30"), jdbc, sources, settings));
        for (int slice : new int[] {1, 2, 3}) {
            assertThat(ReconciliationIntegrationTests.found(
                            rule, new ReconcileContext(LocalDate.parse("2025-04-30"), jdbc, sources, settings, slice)))
                    .as("%d ids a window", slice)
                    .containsExactlyElementsOf(whole)
                    .hasSize(3);
        }
    }

    @Test
    void namesAreOneWhenTheyDifferOnlyInRenderingOrWhereAPartnerMaskedThem() {
        assertThat(NameMismatchRule.sameName("刘海燕", "劉海燕")).isTrue();
        assertThat(NameMismatchRule.sameName("刘海艳", "刘海燕")).isTrue();
        assertThat(NameMismatchRule.sameName("张*", "张三丰")).isTrue();
        assertThat(NameMismatchRule.sameName("张**", "张三丰")).isTrue();
        assertThat(NameMismatchRule.sameName("张某某", "张三丰")).isTrue();
        assertThat(NameMismatchRule.sameName("张*丰", "张三丰")).isTrue();
        assertThat(NameMismatchRule.sameName("买买提・艾力", "买买提·艾力")).isTrue();
        assertThat(NameMismatchRule.sameName("李*", "张三丰")).isFalse();
        assertThat(NameMismatchRule.sameName("张*山", "张三丰")).isFalse();
        assertThat(NameMismatchRule.sameName("张三山", "张三丰")).isFalse();
        assertThat(NameMismatchRule.sameName("张三丰丰丰*", "张三丰")).isFalse();
        assertThat(NameMismatchRule.sameName("***", "张三丰")).isFalse();
        assertThat(NameMismatchRule.sameName("钱二", "赵一")).isFalse();
    }

    private void theLedgerArrived(Path dir) throws IOException {
        Path roster = Files.writeString(dir.resolve("roster.csv"), """
                姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期
                赵一,%s,13800000001,缓刑,2025-01-01,2025-12-31
                劉海燕,%s,13800000004,管制,2025-01-01,2025-12-31
                张三丰,%s,13800000005,管制,2025-01-01,2025-12-31
                """.formatted(ZHAO, LIU, ZHANG));
        Path ledger = Files.writeString(dir.resolve("ledger.csv"), """
                日期,姓名,身份证号,活动类型,合作单位,时长（小时）
                2025-04-01,赵一,%1$s,公益活动,湘江英烈纪念馆,2
                2025-04-02,钱二,%1$s,公益活动,湘江英烈纪念馆,2
                2025-04-03,刘海燕,%2$s,公益活动,湘江英烈纪念馆,2
                2025-04-04,刘海艳,%2$s,公益活动,湘江英烈纪念馆,2
                2025-04-05,张*,%3$s,公益活动,湘江英烈纪念馆,2
                2025-04-06,张某,%3$s,公益活动,湘江英烈纪念馆,2
                2025-04-07,李*,%3$s,公益活动,湘江英烈纪念馆,2
                2025-04-08,张三山,%3$s,公益活动,湘江英烈纪念馆,2
                2025-04-09,孙三,430103199006060035,公益活动,湘江英烈纪念馆,2
                """.formatted(ZHAO, LIU, ZHANG));
        ingest.ingest(roster, "roster");
        assertThat(ingest.ingest(ledger, "community").file().orElseThrow().accepted())
                .isEqualTo(9);
    }

    private long record(String date) {
        return jdbc.sql("SELECT id FROM support_record WHERE activity_date = ?")
                .param(LocalDate.parse(date))
                .query(Long.class)
                .single();
    }
}
