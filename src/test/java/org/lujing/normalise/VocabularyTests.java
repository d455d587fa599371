package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.ledger.Category;

class VocabularyTests {

    private final Vocabulary vocabulary = Vocabulary.of(Map.of());

    @Test
    void mapsEveryDefaultWordBackToItsCategory() {
        for (Category category : Category.values()) {
            for (String word : category.defaultWords()) {
                assertThat(this.vocabulary.lookup(word)).as(word).contains(category);
            }
            assertThat(this.vocabulary.words(category)).containsAll(category.defaultWords());
        }
    }

    @Test
    void understandsCodesAndChineseNames() {
        for (Category category : Category.values()) {
            assertThat(this.vocabulary.lookup(category.name())).contains(category);
            assertThat(this.vocabulary.lookup(category.zh())).contains(category);
        }
        assertThat(this.vocabulary.lookup("public_welfare")).contains(Category.PUBLIC_WELFARE);
    }

    @Test
    void acceptsTraditionalFullWidthAndSpacedForms() {
        assertThat(this.vocabulary.lookup("團輔")).contains(Category.GROUP_COUNSELLING);
        assertThat(this.vocabulary.lookup("團體心理輔導")).contains(Category.GROUP_COUNSELLING);
        assertThat(this.vocabulary.lookup("職業技能培訓")).contains(Category.VOCATIONAL_TRAINING);
        assertThat(this.vocabulary.lookup("幫助擺脫困境")).contains(Category.HARDSHIP_RELIEF);
        assertThat(this.vocabulary.lookup("發放《圖解社區矯正法》")).contains(Category.MATERIALS);
        assertThat(this.vocabulary.lookup(" 志愿\u3000服务 ")).contains(Category.PUBLIC_WELFARE);
    }

    @Test
    void addsASourcesExtraWords() {
        Vocabulary withExtras = Vocabulary.of(Map.of(
                Category.LEGAL_EDUCATION, List.of("法律讲座", "Law Class"), Category.PUBLIC_WELFARE, List.of("公益劳动")));

        assertThat(withExtras.lookup("法律講座")).contains(Category.LEGAL_EDUCATION);
        assertThat(withExtras.lookup("law class")).contains(Category.LEGAL_EDUCATION);
        assertThat(withExtras.lookup("公益劳动")).contains(Category.PUBLIC_WELFARE);
        assertThat(withExtras.lookup("普法")).contains(Category.LEGAL_EDUCATION);
        assertThat(withExtras.words(Category.LEGAL_EDUCATION)).contains("法律讲座", "普法");
        assertThat(this.vocabulary.lookup("法律讲座")).isEmpty();
    }

    @Test
    void findsNothingForUnknownWords() {
        assertThat(this.vocabulary.lookup("植树")).isEmpty();
        assertThat(this.vocabulary.lookup("")).isEmpty();
        assertThat(this.vocabulary.lookup(null)).isEmpty();
    }

    @Test
    void refusesAWordUnderTwoCategories() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Vocabulary.of(Map.of(Category.EDUCATION_SUPPORT, List.of("普法"))))
                .withMessageContaining("LEGAL_EDUCATION")
                .withMessageContaining("EDUCATION_SUPPORT");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Vocabulary.of(
                        Map.of(Category.EDUCATION_SUPPORT, List.of("讲座"), Category.LEGAL_EDUCATION, List.of("講座"))))
                .withMessageContaining("LEGAL_EDUCATION")
                .withMessageContaining("EDUCATION_SUPPORT");
    }

    @Test
    void acceptsAnExtraThatRepeatsAWordOfTheSameCategory() {
        Vocabulary repeated = Vocabulary.of(Map.of(Category.LEGAL_EDUCATION, List.of("普法", "普 法")));

        assertThat(repeated.lookup("普法")).contains(Category.LEGAL_EDUCATION);
    }

    @org.junit.jupiter.api.Test
    void aSheetNameOrTitleNamesTheCategoryOfTheLongestWordItContains() {
        Vocabulary v = Vocabulary.of(java.util.Map.of());

        assertThat(v.find("心理测评")).contains(org.lujing.ledger.Category.PSYCH_ASSESSMENT);
        assertThat(v.find("心理测评（3月）")).contains(org.lujing.ledger.Category.PSYCH_ASSESSMENT);
        assertThat(v.find("2025年团体心理辅导签到表")).contains(org.lujing.ledger.Category.GROUP_COUNSELLING);
        assertThat(v.find("麓景社区2025年3月社区矫正帮扶工作台账")).isEmpty();
        assertThat(v.find("统计")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aTextNamingTwoCategoriesEquallyNamesNone() {
        Vocabulary v = Vocabulary.of(java.util.Map.of());

        assertThat(v.find("心理疏导与团体辅导")).isEmpty();
    }
}
