package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sources}: what the console's Sources page shows an admin, at a terminal — each source, what it sent, and the
 * words it sent that no category maps, with where to map them and the retry that follows; {@code --json} in the
 * shape of {@code GET /api/sources}.
 */
class SourcesCommandIntegrationTests {

    @Test
    void aWordNoCategoryMapsIsListedWithHowToMapIt(@TempDir Path home) throws Exception {
        Path csv = Files.writeString(
                home.resolve("台账.csv"),
                "日期,姓名,身份证号,活动类型,合作单位\n"
                        + "2025-03-01,周五,430104198001010014,棋艺比赛,湖南工商大学\n"
                        + "2025-03-02,周五,430104198001010014,棋艺比赛,湖南工商大学\n");
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", csv.toString())
                        .exit())
                .isZero();

        CapturedRun text = CapturedRun.of("sources", "--home", home.toString());
        CapturedRun json = CapturedRun.of("sources", "--json", "--home", home.toString());

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("community")
                .contains("每月（次月 5 日前）")
                .contains("未映射的词")
                .containsPattern("community\\s+棋艺比赛\\s+2\\s+#\\d+")
                .contains("jobs/sources/<来源>.yaml 的 vocabulary 下")
                .contains("<类别代码>: [棋艺比赛]")
                .contains("rejects retry --file")
                .contains("LEGAL_EDUCATION ");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode community = null;
        for (JsonNode s : JsonMapper.builder().build().readTree(json.out())) {
            if (s.get("id").asString().equals("community")) {
                community = s;
            }
        }
        assertThat(community).isNotNull();
        assertThat(community.get("files").asLong()).isEqualTo(1);
        assertThat(java.time.Instant.parse(community.get("lastReceivedAt").asString()))
                .isNotNull();
        assertThat(community.get("unmappedWords").get(0).get("word").asString()).isEqualTo("棋艺比赛");
        assertThat(community.get("unmappedWords").get(0).get("seen").asLong()).isEqualTo(2);
    }

    @Test
    void aHomeWhoseWordsAllMapSaysSo(@TempDir Path home) {
        CapturedRun text = CapturedRun.of("sources", "--home", home.toString());

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("roster").contains("没有未映射的词");
    }
}
