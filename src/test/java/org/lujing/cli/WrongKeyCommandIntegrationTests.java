package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key the stored data was not written with — a key file lost and made anew, a mistyped {@code LUJING_KEY} — is
 * refused before anything is written: such an ingest once reported the file loaded while every rostered person in it
 * became a pending stranger, and the home could no longer rotate its key.
 */
class WrongKeyCommandIntegrationTests {

    @Test
    void anIngestUnderAKeyTheLedgerWasNotWrittenWithWritesNothingAndSaysWhichKey() throws Exception {
        // given the pilot, written under its own key, and a new partner file naming a rostered person
        Path home = TestHomes.fresh("wrong-key");
        assertThat(CapturedRun.of("demo", "--home", home.toString()).exit()).isZero();
        Path file = TestHomes.fresh("wrong-key-file").resolve("补报.csv");
        Files.writeString(file, "日期,姓名,身份证号,活动类型\n2025-12-01,王志强,430104198503120571,公益活动\n");
        int files = json(CapturedRun.of("files", "--json", "--home", home.toString()))
                .size();
        String lost = "--lujing.key-file=" + home.resolve("keys/made-anew.key");

        // when it is ingested under a key file made anew, and the keys' status is asked under it
        CapturedRun refused =
                CapturedRun.of("ingest", file.toString(), "--source", "community", "--home", home.toString(), lost);
        CapturedRun status = CapturedRun.of("keys", "status", "--home", home.toString(), lost);
        CapturedRun statusJson = CapturedRun.of("keys", "status", "--json", "--home", home.toString(), lost);

        // then it is refused, naming the key the data carries, and nothing is written
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("已存储的数据是用密钥").contains("LUJING_KEY").doesNotContain("Exception");
        assertThat(json(CapturedRun.of("files", "--json", "--home", home.toString())))
                .hasSize(files);
        assertThat(status.out()).contains("密钥不符").doesNotContain("请运行 `keys rotate`");
        assertThat(statusJson.out()).contains("\"foreignKeyId\" : \"");

        // and under the right key the same file loads
        CapturedRun loaded =
                CapturedRun.of("ingest", file.toString(), "--source", "community", "--home", home.toString());
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        assertThat(json(CapturedRun.of("files", "--json", "--home", home.toString())))
                .hasSize(files + 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(CapturedRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return JsonMapper.builder().build().readValue(run.out(), List.class);
    }
}
