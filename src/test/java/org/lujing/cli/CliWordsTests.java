package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.report.ReportLanguage;

class CliWordsTests {

    @Test
    void chineseUnlessAskedOrTheLocaleIsEnglish() {
        assertThat(CliWords.lang(Map.of())).isEqualTo(ReportLanguage.ZH);
        assertThat(CliWords.lang(Map.of("LANG", "C.UTF-8"))).isEqualTo(ReportLanguage.ZH);
        assertThat(CliWords.lang(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(ReportLanguage.ZH);
        assertThat(CliWords.lang(Map.of("LANG", "en_US.UTF-8"))).isEqualTo(ReportLanguage.EN);
        // LC_ALL wins over LANG, and LUJING_LANG over any locale
        assertThat(CliWords.lang(Map.of("LANG", "en_US.UTF-8", "LC_ALL", "zh_CN.UTF-8")))
                .isEqualTo(ReportLanguage.ZH);
        assertThat(CliWords.lang(Map.of("LANG", "en_GB.UTF-8", "LUJING_LANG", "zh")))
                .isEqualTo(ReportLanguage.ZH);
        assertThat(CliWords.lang(Map.of("LUJING_LANG", "en"))).isEqualTo(ReportLanguage.EN);
    }
}
