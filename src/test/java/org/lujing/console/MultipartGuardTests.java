package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.junit.jupiter.api.Test;
import org.lujing.report.ReportLanguage;

/** Why the container could not read an upload's form, as Tomcat says it: each reason its own answer. */
class MultipartGuardTests {

    @Test
    void eachOfTheContainersRefusalsIsToldApart() {
        assertThat(MultipartGuard.classify(
                        new IllegalStateException(new FileCountLimitExceededException("attachment", 50))))
                .isEqualTo(MultipartGuard.Refusal.PARTS);
        assertThat(MultipartGuard.classify(new IllegalStateException(new SizeLimitExceededException(
                        "the request was rejected because its size (4152) exceeds the configured maximum (2048)",
                        4152,
                        2048))))
                .isEqualTo(MultipartGuard.Refusal.SIZE);
        assertThat(MultipartGuard.classify(new IllegalStateException(
                        "Header section has more than 512 bytes (maybe it is not properly" + " terminated)")))
                .isEqualTo(MultipartGuard.Refusal.NAME);
        assertThat(MultipartGuard.classify(new IllegalStateException("Stream ended unexpectedly")))
                .isEqualTo(MultipartGuard.Refusal.FORM);
        assertThat(MultipartGuard.message(MultipartGuard.Refusal.PARTS, 2048, ReportLanguage.ZH))
                .isEqualTo("表单的字段过多，请每次只上传一个文件");
    }
}
