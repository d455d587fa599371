package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --lang} and {@code ?lang=}: zh or en, a locale tag of either; anything else refused in both languages. */
class ReportLanguageParseTests {

    @Test
    void zhOrEnOrTheirLocalesAndNothingElse() {
        assertThat(ReportLanguage.parse(null)).isEqualTo(ReportLanguage.ZH);
        assertThat(ReportLanguage.parse("zh-CN")).isEqualTo(ReportLanguage.ZH);
        assertThat(ReportLanguage.parse("EN_us")).isEqualTo(ReportLanguage.EN);

        assertThatThrownBy(() -> ReportLanguage.parse("fr"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    assertThat(ReportLanguage.ZH.oneLanguage(e.getMessage())).isEqualTo("没有“fr”这种语言：可选 zh（中文）或 en（英文）");
                    assertThat(ReportLanguage.EN.oneLanguage(e.getMessage()))
                            .isEqualTo("not a report language: 'fr'; use zh or en");
                });
    }
}
