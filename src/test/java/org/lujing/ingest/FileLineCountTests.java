package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV's lines are counted in the pass that hashes it: the same hash, and the count its reading progress uses. */
class FileLineCountTests {

    @TempDir
    Path dir;

    @Test
    void theHashingPassCountsLineBreaksAndTheLastByte() throws Exception {
        Path utf8 = Files.writeString(dir.resolve("a.csv"), "姓名,日期\n张三,2025-01-06\r\n李四,2025-01-07\n王五,2025-01-08");
        long[] lines = {0, 0};
        assertThat(FileInspectionTasklet.sha256(utf8, lines)).isEqualTo(FileInspectionTasklet.sha256(utf8));
        assertThat(lines[0]).isEqualTo(3);
        assertThat(lines[1]).as("no line break at the end").isEqualTo('8');

        Path gbk = Files.write(dir.resolve("b.csv"), "姓名,日期\n张三,2025-01-06\n".getBytes(Charset.forName("GBK")));
        long[] gbkLines = {0, 0};
        FileInspectionTasklet.sha256(gbk, gbkLines);
        assertThat(gbkLines[0]).isEqualTo(2);
        assertThat(gbkLines[1]).isEqualTo('\n');
    }
}
