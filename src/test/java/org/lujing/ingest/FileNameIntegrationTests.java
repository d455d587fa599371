package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a file's entry shows on every screen. A partner's file name is shown on every screen, table and log line: a newline or a terminal escape in it split the
 * {@code files} table and coloured the operator's terminal. The name is recorded masked and printable.
 */
class FileNameIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Test
    void aNameWithControlCharactersIsRecordedPrintable() throws Exception {
        // given a good file named with a newline, a terminal escape and a person's ID number, ingested
        IngestedFile f = ingested(
                "a\nb\u001b[31m-430104196804120314.csv",
                "序号,姓名,身份证号,开展日期,类别,主题,时长,备注\n1,李秀英,43010319720903046X,2025-03-15,普法活动,主题,1,\n",
                "university");

        // then it loads under a name that holds neither control characters nor the ID number
        assertThat(f.outcome()).isEqualTo("LOADED");
        assertThat(f.fileName()).isEqualTo("a_b_[31m-4301************14.csv");
    }

    @Test
    void aRefusalThatQuotesTheFileIsStoredMasked() throws Exception {
        // given a JSON file whose parser error quotes a token holding an ID number, ingested
        IngestedFile f =
                ingested("tok.json", "{\"records\":[ {\"name\":\"张三\"}, x110101199003071233 ]}", "micro-lesson");

        // then it is refused, and the message every screen shows masks the number
        assertThat(f.outcome()).isEqualTo("FILE_CORRUPT");
        assertThat(f.message()).contains("1101************33").doesNotContain("110101199003071233");
    }

    private IngestedFile ingested(String name, String content, String source) throws Exception {
        Path file = TestHomes.fresh("file-entry").resolve(name);
        Files.writeString(file, content);
        return ingest.ingest(file, source).file().orElseThrow();
    }
}
