package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.read.PartnerWorkbooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rejects --json} gives each rejected row its sheet's header as the partner wrote it, beside its values. */
class RejectsCommandHeadersIntegrationTests {

    static final Path HOME = TestHomes.fresh("cli-reject-headers");

    @Test
    void eachRejectedRowCarriesItsSheetsHeaderMasked() {
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("姓名", "身份证号", "日期", "活动类型", "联系人13812345678")
                                .row("张三", PartnerWorkbooks.id("43010419850101123"), "2025-03-07", "棋艺比赛", "王老师"))
                .write(HOME.resolve("in/台账.xlsx"));
        assertThat(CapturedRun.of("ingest", "--home", HOME.toString(), "--source", "community", file.toString())
                        .exit())
                .isZero();

        CapturedRun run = CapturedRun.of("rejects", "--home", HOME.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode rows = JsonMapper.builder().build().readTree(run.out());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("reason").asString()).isEqualTo("UNKNOWN_CATEGORY");
        List<String> headers = new ArrayList<>();
        row.get("headers").forEach(h -> headers.add(h.asString()));
        // the title the row's values stand under, position for position, the phone in a title masked
        assertThat(headers).containsExactly("姓名", "身份证号", "日期", "活动类型", "联系人138******78");
        assertThat(row.get("values").get(headers.indexOf("活动类型")).asString()).isEqualTo("棋艺比赛");
        assertThat(run.out()).doesNotContain("13812345678");
    }
}
