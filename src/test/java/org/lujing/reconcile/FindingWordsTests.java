package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A filter names a rule or a status as the worker reads it, or by its code; an unknown one is refused in words. */
class FindingWordsTests {

    @Test
    void aRuleIsNamedByItsCodeOrItsNameInEitherLanguage() {
        for (String typed : new String[] {"NO_RECENT_SUPPORT", "no_recent_support", "近期无帮扶记录", "No recent support"}) {
            assertThat(FindingWords.ruleCode(typed)).as(typed).isEqualTo(NoRecentSupportRule.NAME);
        }
        assertThat(FindingWords.ruleCode(" 合计数与明细不符 ")).isEqualTo(ControlTotalMismatchRule.NAME);
        assertThatThrownBy(() -> FindingWords.ruleCode("没有这条"))
                .hasMessageStartingWith("没有规则 没有这条；规则有 人员不在名册 UNMATCHED_SUBJECT、矫正期外的活动 OUTSIDE_SUPERVISION");
    }

    @Test
    void aStatusIsNamedByItsCodeOrItsWord() {
        assertThat(FindingStatus.parse("待处理")).isEqualTo(FindingStatus.OPEN);
        assertThat(FindingStatus.parse("acknowledged")).isEqualTo(FindingStatus.ACKNOWLEDGED);
        assertThat(FindingStatus.parse("已解决")).isEqualTo(FindingStatus.RESOLVED);
        assertThat(FindingStatus.parse("Resolved")).isEqualTo(FindingStatus.RESOLVED);
        assertThatThrownBy(() -> FindingStatus.parse("关闭")).hasMessageContaining("待处理 OPEN");
    }
}
