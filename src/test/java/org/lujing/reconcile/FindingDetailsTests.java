package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A finding's details in the reader's language: every rule's sentence, stored English-only by an older version, is
 * said again in Chinese exactly as the rule now writes it; what is not recognised stays as it was stored.
 */
class FindingDetailsTests {

    /** One sentence of each rule (and each shape of NO_RECENT_SUPPORT), as the rules write them today. */
    static final Map<String, List<String>> WRITTEN = Map.of(
            "OUTSIDE_SUPERVISION",
            List.of(FindingDetails.outsideSupervision(
                    "PSYCH_ASSESSMENT", "2025-02-10", "湖南航天医院", "2025-03-01", "2026-02-28")),
            "UNMATCHED_SUBJECT",
            List.of(
                    FindingDetails.unmatchedSubject(4, "2025-03-02", "2025-03-30", "ID_NUMBER", "2025-04-01", 14),
                    FindingDetails.unmatchedSubject(1, "2025-05-02", "2025-05-02", "NAME_PHONE", "2025-05-03", 7)),
            "MISSING_FEED",
            List.of(
                    FindingDetails.missingFeed(
                            "hospital", "湖南航天医院", "MONTHLY", "2025-10", "2025-10-06", "2025-11-05", "2025-11-05"),
                    FindingDetails.missingFeed(
                            "micro-lesson", "麓景社区", "WEEKLY", "2025-W45", "2025-11-03", "2025-11-09", "2025-11-09")),
            "CONTROL_TOTAL_MISMATCH",
            List.of(FindingDetails.controlTotalMismatch(
                    "2025年3月 心理测评 (final).xlsx", "「3月」 row 16, 「4月」 row 9", 20, 19, 23, 4)),
            "CROSS_SOURCE_CONFLICT",
            List.of(FindingDetails.crossSourceConflict(
                    "LEGAL_EDUCATION",
                    "2025-06-01",
                    "长沙高新区法院",
                    // an English-only sentence kept only the sources' ids: read back, they stay ids
                    "时长：community 2，university 3",
                    "hours: community 2, university 3")),
            "NO_RECENT_SUPPORT",
            List.of(
                    FindingDetails.noRecentSupport(
                            List.of(FindingDetails.Reason.noRecord(null, "2025-01-02", "2025-10-03", "2025-11-01"))),
                    FindingDetails.noRecentSupport(List.of(
                            FindingDetails.Reason.noRecord("2025-08-30", "2025-01-02", "2025-10-03", "2025-11-01"),
                            FindingDetails.Reason.missedLessons("2025-10-20", "2025-11-02")))));

    @Test
    void anEnglishOnlySentenceOfEveryRuleReadsInChineseAsTheRuleWritesItNow() {
        WRITTEN.forEach((rule, sentences) -> sentences.forEach(both -> {
            String zh = both.substring(0, both.indexOf(" ‖ "));
            String en = both.substring(both.indexOf(" ‖ ") + 3);
            assertThat(zh).as(rule).containsPattern("\\p{IsHan}");

            // an old finding: English only
            assertThat(FindingDetails.render(rule, en, true)).as(rule).isEqualTo(zh);
            assertThat(FindingDetails.render(rule, en, false)).as(rule).isEqualTo(en);
            // a new one: both, and each reader gets one
            assertThat(FindingDetails.render(rule, both, true)).as(rule).isEqualTo(zh);
            assertThat(FindingDetails.render(rule, both, false)).as(rule).isEqualTo(en);
        }));
    }

    @Test
    void whatNoRuleWroteStaysAsStored() {
        assertThat(FindingDetails.render("NO_RECENT_SUPPORT", "checked by hand", true))
                .isEqualTo("checked by hand");
        assertThat(FindingDetails.render("SOME_NEW_RULE", "something new", true))
                .isEqualTo("something new");
        // a sentence of one rule is not read as another's
        String outside = FindingDetails.outsideSupervision("ASSESSMENT", "2025-02-10", "司法所", "2025-03-01", "?");
        String en = outside.substring(outside.indexOf(" ‖ ") + 3);
        assertThat(FindingDetails.render("MISSING_FEED", en, true)).isEqualTo(en);
        assertThat(FindingDetails.render("OUTSIDE_SUPERVISION", null, true)).isEmpty();
    }

    @Test
    void aConflictWrittenBeforeEitherWayReadsInChineseWords() {
        // stored English only, by the version that wrote "时长 hours: …" into both languages, and by the one before
        String older = "LEGAL_EDUCATION on 2025-06-01 by 长沙高新区法院: sources disagree on 时长 hours: community 2,"
                + " university 3; 结果 outcome: 合格, 良好";
        assertThat(FindingDetails.render("CROSS_SOURCE_CONFLICT", older, true))
                .isEqualTo("2025-06-01 长沙高新区法院 的普法活动：不同来源的记录不一致 — 时长：community 2，university 3；结果：合格，良好");
    }
}
