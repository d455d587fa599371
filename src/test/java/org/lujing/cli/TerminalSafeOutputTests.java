package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A partner's cell printed on the operator's terminal is read there, never obeyed. */
class TerminalSafeOutputTests {

    private static String printed(String text, boolean carriageReturn) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out =
                new PrintStream(new TerminalSafeOutput(bytes, carriageReturn), true, StandardCharsets.UTF_8)) {
            out.print(text);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeSequencesAndOverridesArePrintedAsPicturesNotObeyed() {
        // a reject's message quoting a cell that clears the screen, turns red, sets the window title and rings
        String cell = "“\u001b[2J\u001b[31m两小时\u001b]0;PWNED\u0007”";
        assertThat(printed("拒收 VALUE_INVALID 工时 " + cell + "\n", false))
                .isEqualTo("拒收 VALUE_INVALID 工时 “␛[2J␛[31m两小时␛]0;PWNED␇”\n");
        // a right-to-left override, an isolate, a line separator, a C1 CSI, DEL
        assertThat(printed("甲\u202Eabc\u2066d\u2028e\u009b31mf\u007fg", false)).isEqualTo("甲�abc�d�e�31mf␡g");
    }

    @Test
    void theUsageIsPlainTextEvenWhereATerminalWouldTakeColours() {
        // picocli colours its usage on a terminal (forced here as a console would): escapes the filter would show
        String before = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "true");
        try {
            CapturedRun help = CapturedRun.of("--help");
            assertThat(help.out() + help.err())
                    .contains("ingest")
                    .doesNotContain("\u001b")
                    .doesNotContain("␛");
        } finally {
            if (before == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", before);
            }
        }
    }

    @Test
    void aCellInJsonOutputReachesAScriptAsSentAndTheTerminalAsEscapes() {
        String json = Json.write(java.util.Map.of("cell", "甲\u2028乙\u202E丙\u0085丁\u007F\u001b[2J"));
        assertThat(json).contains("甲\\u2028乙\\u202E丙\\u0085丁\\u007F\\u001B[2J");
        assertThat(printed(json, false)).isEqualTo(json);
        assertThat(new tools.jackson.databind.ObjectMapper()
                        .readTree(json)
                        .get("cell")
                        .asString())
                .isEqualTo("甲\u2028乙\u202E丙\u0085丁\u007F\u001b[2J");
    }

    @Test
    void whatATerminalShouldShowIsLeftAsItIs() {
        String text = "赵一\t第 3 行：日期 2025-13-01 无效（DATE_INVALID）\n€ “引号” — ‘单引号’ … 䶮𠀀 ©\u00a0é\n";
        assertThat(printed(text, false)).isEqualTo(text);
        // the progress bar redraws its line on stderr; on stdout a carriage return would overwrite a line's start
        assertThat(printed("\r[██░░] 50%\r", true)).isEqualTo("\r[██░░] 50%\r");
        assertThat(printed("真\r假", false)).isEqualTo("真␍假");
    }
}
