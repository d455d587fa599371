package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lujing.operations.JobQueries;

/**
 * What a failed job's page and the dashboard say first: the usual causes in the reader's words, the system's own
 * sentence kept beside them for the admin; a message already stored in both languages shows the reader's half.
 */
class JobFailureWordsTests {

    private static JobQueries.Execution failed(String exitMessage) {
        return new JobQueries.Execution(7, "fileIngestJob", "FAILED", "FAILED", exitMessage, null, null, "");
    }

    @Test
    void aMissingFileAndAFullDiskAreSaidInWords() {
        var missing = JobsController.explain(
                failed("java.nio.file.NoSuchFileException: /srv/lujing/archive/a.csv\n\tat java.base/..."),
                Locale.CHINESE);
        var disk = JobsController.explain(
                failed("java.io.IOException: No space left on device\n\tat java.base/..."), Locale.CHINESE);

        assertThat(missing.what()).isEqualTo("文件入库失败：找不到文件（系统原文：/srv/lujing/archive/a.csv）");
        assertThat(disk.what()).isEqualTo("文件入库失败：磁盘空间不足（系统原文：No space left on device）");
    }

    @Test
    void aWrappersDeepestCauseIsTheOneSaid() {
        // staging on a full disk: the step's trace begins with Spring Batch's wrapper, the cause is further down
        var chunk = failed("""
                org.springframework.batch.core.step.StepExecutionException: Unable to process chunk
                	at org.springframework.batch...
                Caused by: java.io.UncheckedIOException: cannot write the staging file
                	at org.lujing...
                Caused by: java.io.IOException: No space left on device
                	at java.base/...""");

        assertThat(JobsController.explain(chunk, Locale.CHINESE).what())
                .isEqualTo("文件入库失败：磁盘空间不足（系统原文：No space left on device）");
        // a sentence Lujing wrote stays first, whatever it wraps
        var own = failed("""
                java.lang.IllegalStateException: 归档副本已不存在 ‖ the archived copy is gone
                Caused by: java.nio.file.NoSuchFileException: /srv/a.csv""");
        assertThat(JobsController.explain(own, Locale.CHINESE).what()).isEqualTo("文件入库失败：归档副本已不存在");
    }

    @Test
    void anUnknownCauseStillSaysSoInWordsAndEnglishKeepsTheSentence() {
        var odd = failed("java.lang.IllegalStateException: something odd\n\tat x");

        assertThat(JobsController.explain(odd, Locale.CHINESE).what()).isEqualTo("文件入库失败：出现了意外错误（系统原文：something odd）");
        assertThat(JobsController.explain(odd, Locale.ENGLISH).what()).isEqualTo("File ingest failed: something odd");
    }

    @Test
    void aMessageKeptInBothLanguagesShowsTheReadersHalf() {
        var both = failed("归档副本已不存在 ‖ the archived copy is gone");

        assertThat(JobsController.explain(both, Locale.CHINESE).what()).isEqualTo("文件入库失败：归档副本已不存在");
        assertThat(JobsController.explain(failed("归档副本已不存在"), Locale.CHINESE).what())
                .isEqualTo("文件入库失败：归档副本已不存在");
        assertThat(JobsController.explain(both, Locale.ENGLISH).what())
                .isEqualTo("File ingest failed: the archived copy is gone");
    }
}
