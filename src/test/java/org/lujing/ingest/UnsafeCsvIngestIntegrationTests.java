package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/**
 * The reproduction: a 150 MB CSV without a line break, ingested by the real command in its own JVM capped at
 * 256 MiB, is refused as FILE_UNSAFE with an error report that names the bound — and the process lives to say so.
 */
class UnsafeCsvIngestIntegrationTests {

    @Test
    void a150MegabyteSingleLineCsvIsQuarantinedUnder256Megabytes() throws Exception {
        // given: the file, generated at test time under target/ and streamed out, never held
        Path home = TestHomes.fresh("unsafe-csv");
        Path file = home.resolve("2025年普法活动.csv");
        try (var out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("姓名,身份证号,日期,活动类型,活动名称\n张三,".getBytes(StandardCharsets.UTF_8));
            byte[] block = "普".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8); // 48 KiB, no line break
            for (long written = 0; written < 150L * 1000 * 1000; written += block.length) {
                out.write(block);
            }
        }
        assertThat(Files.size(file)).isGreaterThan(150L * 1000 * 1000);

        // when: the ingest command in a JVM with -Xmx256m
        ChildIngest run = ChildIngest.run("256m", file, "university", home);
        Files.delete(file);

        // then: exit 3 (a file was refused), FILE_UNSAFE, no OutOfMemoryError, and the report says which bound
        assertThat(run.ended()).as("ingest ended within 5 minutes").isTrue();
        assertThat(run.output()).doesNotContain("OutOfMemoryError").contains("FILE_UNSAFE");
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        Path quarantine = home.resolve("quarantine/university");
        try (Stream<Path> files = Files.list(quarantine)) {
            Path report = files.filter(p -> p.toString().endsWith(".error.txt"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(report))
                    .contains("FILE_UNSAFE")
                    .contains("超过读取上限")
                    .doesNotContain("压缩炸弹");
        }
    }
}
