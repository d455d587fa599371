package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that cannot be written says why in the reader's words: a night's failed step shows it to workers. */
class WriteFailureTests {

    @TempDir
    Path dir;

    @Test
    void aFileWhereTheReportsFolderGoesIsNamedInWords() throws Exception {
        // given a file where the night's report folder belongs
        Path night = Files.createFile(dir.resolve("2026-11-28"));
        FileAlreadyExistsException cause;
        try {
            Files.createDirectories(night);
            throw new AssertionError("a folder was made over a file");
        } catch (FileAlreadyExistsException e) {
            cause = e;
        }

        String message =
                WriteFailure.of("统计报表", "the statistics report", night, cause).getMessage();

        assertThat(ReportLanguage.ZH.oneLanguage(message))
                .isEqualTo("无法写入统计报表（" + night + "）：应为文件夹的位置上有一个同名文件（" + night + "），请移走或改名后重新运行");
        assertThat(ReportLanguage.EN.oneLanguage(message))
                .startsWith("cannot write the statistics report (")
                .contains("a file stands where a folder belongs");
    }
}
