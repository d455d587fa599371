package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.operations.CrashRecoveryIntegrationTests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ingest} of two files stopped as a terminal's Ctrl-C or systemd stops it (a signal to its JVM) while it
 * publishes the first: the command still says what became of each file — the first stopped on request and how to go
 * on, the second not begun — with no stack trace; run again, the same command finishes the first under its own entry
 * and loads the second, each once.
 */
class IngestCommandStopIntegrationTests {

    @Test
    void aStoppedIngestSaysWhatBecameOfEveryFileAndTheSameCommandFinishesThem(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path csv = CrashRecoveryIntegrationTests.bigLedger(dir.resolve("ledger.csv"));
        Path xlsx = Files.copy(Path.of("sample-data/community/2025年麓景社区工作台账.xlsx"), dir.resolve("2025年麓景社区工作台账.xlsx"));

        // given the command publishing the first of its two files
        Path firstLog = dir.resolve("ingest-1.log");
        Process first = ingest(home, firstLog, csv, xlsx);
        try {
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertThat(first.isAlive())
                                .as("ended before it was stopped: %s", read(firstLog))
                                .isTrue();
                        return read(firstLog).contains("published rows 1–");
                    });
            // when it is stopped (Process.destroy: SIGTERM, as systemd; Ctrl-C takes the same way out)
            first.destroy();
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        } finally {
            first.destroyForcibly().waitFor();
        }

        // then it said, in order and in full, what became of each file
        String said = read(firstLog);
        assertThat(said)
                .as(said)
                .contains("正在停止：请运行中的任务执行 #")
                .contains("community/ledger.csv: 处理中（IN_PROGRESS）")
                .contains("入库已按要求停下（任务执行 #")
                .contains("community/2025年麓景社区工作台账.xlsx: 未入库（正在停止，没有开始）")
                .contains("以上 1 个文件没有读取也没有登记；再运行同一条命令即可入库")
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain(" ERROR ");
        assertThat(said.indexOf("入库已按要求停下")).isLessThan(said.indexOf("未入库（正在停止，没有开始）"));

        // and the same command, run again, finishes the first file and loads the second, each once
        Path secondLog = dir.resolve("ingest-2.log");
        Process second = ingest(home, secondLog, csv, xlsx);
        try {
            assertThat(second.waitFor(300, TimeUnit.SECONDS))
                    .as("second run ends")
                    .isTrue();
        } finally {
            second.destroyForcibly().waitFor();
        }
        assertThat(second.exitValue()).as(read(secondLog)).isZero();

        CapturedRun files = CapturedRun.of("files", "--json", "--home", home.toString());
        assertThat(files.exit()).as(files.err()).isZero();
        List<JsonNode> entries = List.copyOf(
                JsonMapper.builder().build().readTree(files.out()).valueStream().toList());
        List<JsonNode> ledger = entries.stream()
                .filter(f -> f.get("name").asString().equals("ledger.csv"))
                .toList();
        assertThat(ledger).as(files.out()).hasSize(1);
        assertThat(ledger.get(0).get("outcome").asString()).isEqualTo("LOADED");
        assertThat(ledger.get(0).get("read").asInt()).isEqualTo(CrashRecoveryIntegrationTests.ROWS);
        assertThat(ledger.get(0).get("accepted").asInt()).isEqualTo(CrashRecoveryIntegrationTests.ROWS);
        assertThat(entries)
                .filteredOn(f -> f.get("name").asString().equals("2025年麓景社区工作台账.xlsx"))
                .singleElement()
                .satisfies(f -> assertThat(f.get("outcome").asString()).startsWith("LOADED"));
    }

    private static Process ingest(Path home, Path log, Path... files) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dlujing.ingest.chunk-size=2000",
                "-Dlujing.ingest.publish-slice-rows=4000",
                "-cp",
                System.getProperty("java.class.path"),
                LujingCommand.class.getName(),
                "ingest"));
        for (Path f : files) {
            command.add(f.toString());
        }
        command.addAll(List.of(
                "--source",
                "community",
                "--home",
                home.toString(),
                "--logging.level.org.lujing.ingest.StagedRowsPublisher=DEBUG"));
        return new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
