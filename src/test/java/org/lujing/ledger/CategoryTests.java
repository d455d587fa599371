package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryTests {

    @Test
    void hasTheNineteenCodesOfTheTaxonomyInOrder() {
        assertThat(Arrays.stream(Category.values()).map(Category::name))
                .containsExactly(
                        "ASSESSMENT",
                        "CORRECTION_GROUP",
                        "CORRECTION_PLAN",
                        "KEY_SUPPORT_PLAN",
                        "STRUCTURED_INTERVIEW",
                        "PSYCH_ASSESSMENT",
                        "PSYCH_COUNSELLING",
                        "GROUP_COUNSELLING",
                        "LEGAL_EDUCATION",
                        "PUBLIC_WELFARE",
                        "EDUCATION_SUPPORT",
                        "MICRO_LESSON",
                        "GOOD_DEED",
                        "HOME_VISIT",
                        "JOB_FAIR",
                        "VOCATIONAL_TRAINING",
                        "EMPLOYMENT",
                        "HARDSHIP_RELIEF",
                        "MATERIALS");
    }

    @ParameterizedTest
    @CsvSource({
        "ASSESSMENT, 调查评估, 件, RECORDS",
        "CORRECTION_GROUP, 矫正小组, 个, SUBJECTS",
        "CORRECTION_PLAN, 矫正方案, 个, RECORDS",
        "KEY_SUPPORT_PLAN, 重点帮扶方案, 个, RECORDS",
        "STRUCTURED_INTERVIEW, 结构式访谈, 人次, RECORDS",
        "PSYCH_ASSESSMENT, 心理测量与评估, 人次, RECORDS",
        "PSYCH_COUNSELLING, 心理疏导, 人次, RECORDS",
        "GROUP_COUNSELLING, 团体辅导, 人次, RECORDS",
        "LEGAL_EDUCATION, 普法活动, 人次, RECORDS",
        "PUBLIC_WELFARE, 公益活动, 人次, RECORDS",
        "EDUCATION_SUPPORT, 教育帮扶, 人次, RECORDS",
        "MICRO_LESSON, 每周一微课, 堂, EVENTS",
        "GOOD_DEED, 周行一善打卡, 人次, RECORDS",
        "HOME_VISIT, 实地走访, 人次, RECORDS",
        "JOB_FAIR, 招聘会, 次, EVENTS",
        "VOCATIONAL_TRAINING, 职业技能培训, 人次, RECORDS",
        "EMPLOYMENT, 就业安置, 名, SUBJECTS",
        "HARDSHIP_RELIEF, 帮助摆脱困境, 人次, RECORDS",
        "MATERIALS, 发放普法读物, 册, QUANTITY"
    })
    void carriesNameUnitAndCountingRule(Category category, String zh, String unit, CountingRule rule) {
        assertThat(category.zh()).isEqualTo(zh);
        assertThat(category.unit()).isEqualTo(unit);
        assertThat(category.countingRule()).isEqualTo(rule);
    }

    @Test
    void listsTheDefaultWordsOfTheTable() {
        assertThat(Category.ASSESSMENT.defaultWords()).containsExactly("调查评估", "协助调查评估", "社会调查评估");
        assertThat(Category.EMPLOYMENT.defaultWords()).containsExactly("就业", "入职", "就业安置", "帮助就业");
        assertThat(Category.MATERIALS.defaultWords()).containsExactly("发放普法读物", "发放读物", "发放《图解社区矫正法》");
        assertThat(Category.values())
                .allSatisfy((category) -> assertThat(category.defaultWords()).isNotEmpty());
    }

    @Test
    void findsACategoryByItsCode() {
        assertThat(Category.fromCode("PUBLIC_WELFARE")).contains(Category.PUBLIC_WELFARE);
        assertThat(Category.fromCode(" job_fair ")).contains(Category.JOB_FAIR);
        assertThat(Category.fromCode("公益活动")).isEmpty();
        assertThat(Category.fromCode(null)).isEmpty();
    }
}
