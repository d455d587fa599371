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
        assertThat(CliWords.header("读取 read", ReportLanguage.EN)).isEqualTo("read");
        assertThat(CliWords.header("#", ReportLanguage.ZH)).isEqualTo("#");
        assertThat(CliWords.header("seen again", ReportLanguage.ZH)).isEqualTo("seen again");
    }

    /**
     * Every header a command writes as one literal has its English half: an English reader never meets a Chinese
     * header (one written in the reader's language already, through {@code lang.pick}, is not a literal).
     */
    @Test
    void everyLiteralTableHeaderOfACommandHasBothLanguages() throws java.io.IOException {
        java.util.List<String> missing = new java.util.ArrayList<>();
        int seen = 0;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/org/lujing/cli"))) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                String src = java.nio.file.Files.readString(file);
                for (int at = src.indexOf("CliWords.table("); at >= 0; at = src.indexOf("CliWords.table(", at + 1)) {
                    for (String header : literalArguments(src, at + "CliWords.table(".length())) {
                        seen++;
                        if (header.codePoints().anyMatch(c -> c > 0x7f)
                                && CliWords.header(header, ReportLanguage.EN)
                                        .codePoints()
                                        .anyMatch(c -> c > 0x7f)) {
                            missing.add(file.getFileName() + ": \"" + header + "\"");
                        }
                    }
                }
            }
        }
        assertThat(seen).as("headers found").isGreaterThan(40);
        assertThat(missing).as("headers without an English half").isEmpty();
    }

    /** The string literals among a call's top-level arguments, from just after its opening parenthesis. */
    private static java.util.List<String> literalArguments(String src, int from) {
        java.util.List<String> literals = new java.util.ArrayList<>();
        int depth = 0;
        StringBuilder argument = new StringBuilder();
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"') {
                int end = src.indexOf('"', i + 1);
                argument.append(src, i, end + 1);
                i = end;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if ((c == ')' || c == ',') && depth == 0) {
                String a = argument.toString().strip();
                if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") && a.indexOf('"', 1) == a.length() - 1) {
                    literals.add(a.substring(1, a.length() - 1));
                }
                if (c == ')') {
                    return literals;
                }
                argument.setLength(0);
                continue;
            } else if (c == ')') {
                depth--;
            }
            argument.append(c);
        }
        return literals;
    }
}
