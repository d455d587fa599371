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

    @Test
    void aTablesHeadersSpeakOneLanguage() {
        assertThat(CliWords.header("来源 source", ReportLanguage.ZH)).isEqualTo("来源");
        assertThat(CliWords.header("来源 source", ReportLanguage.EN)).isEqualTo("source");
        assertThat(CliWords.header("仍在 seen again", ReportLanguage.ZH)).isEqualTo("仍在");
        assertThat(CliWords.header("仍在 seen again", ReportLanguage.EN)).isEqualTo("seen again");
        assertThat(CliWords.header("身份证号 ID", ReportLanguage.ZH)).isEqualTo("身份证号");
        // written in one language, a header stays as it is
        assertThat(CliWords.header("读取", ReportLanguage.EN)).isEqualTo("读取");
        assertThat(CliWords.header("#", ReportLanguage.ZH)).isEqualTo("#");
        assertThat(CliWords.header("seen again", ReportLanguage.ZH)).isEqualTo("seen again");
    }
}
