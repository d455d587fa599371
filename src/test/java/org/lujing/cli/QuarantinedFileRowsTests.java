package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.ingest.QuarantineListing.QuarantinedFile;

/**
 * {@code files} lists what is still in quarantine/: a file dropped in the inbox's root or a folder no source names has
 * no file entry, so without this section the command line showed it nowhere (only the console did).
 */
class QuarantinedFileRowsTests {

    @Test
    void aFileOfNoSourceIsListedWithWhereItLiesAndWhy() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<QuarantinedFile> files = List.of(
                new QuarantinedFile(
                        7,
                        null,
                        "inbox",
                        "迷路.csv",
                        "UNKNOWN_SOURCE",
                        "inbox/迷路.csv",
                        12,
                        Instant.parse("2026-03-01T02:00:00Z")),
                new QuarantinedFile(
                        6, 41L, "hospital", "测评.xlsx", "FILE_CORRUPT", "hospital/测评.xlsx", 99, Instant.now()));

        FileRows.printQuarantined(
                files,
                id -> id.equals("hospital") ? "湖南航天医院" : id,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("来源", "文件", "结果", "位置");
        assertThat(lines.get(2).strip())
                .startsWith("—")
                .contains("inbox/", "迷路.csv", "来源不明，已隔离（UNKNOWN_SOURCE）", "quarantine/inbox/迷路.csv");
        assertThat(lines.get(3).strip())
                .startsWith("41")
                .contains("湖南航天医院（hospital）", "FILE_CORRUPT", "quarantine/hospital/测评.xlsx");
    }
}
