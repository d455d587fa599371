package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/**
 * Under {@code LANG=C} — systemd's, cron's and a bare ssh's locale — the command line still speaks Chinese (as UTF-8),
 * and a command that would read or write files refuses to start, saying what to set, instead of missing every file
 * with a Chinese name.
 */
class PosixLocaleIntegrationTests {

    record Run(int exit, String out, String err) {}

    private static Run underLangC(String... args) throws Exception {
        Path dir = TestHomes.fresh("lang-c");
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                LujingCommand.class.getName()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LUJING_LANG", "zh");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void helpIsPrintedInChineseAsUtf8() throws Exception {
        Run help = underLangC("help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("把各合作单位的表格汇成一本帮扶台账").doesNotContain("????");
    }

    @Test
    void aCommandRefusesToStartAndSaysWhatToSet() throws Exception {
        Path home = TestHomes.fresh("lang-c-home");

        Run stats = underLangC("stats", "--period", "2025", "--home", home.toString());

        assertThat(stats.exit()).isEqualTo(2);
        assertThat(stats.err()).contains("含中文的文件名无法读写").contains("LANG=C.UTF-8").doesNotContain("Exception");
        try (var made = Files.list(home)) {
            assertThat(made).as("nothing was created in the home").isEmpty();
        }
    }
}
