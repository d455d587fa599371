package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every output of all findings ({@code findings}, {@code findings --json}, the findings report's JSON) reads them a
 * thousand at a time as it writes them: each finding once, in the order found, across the pages, with the rule asked
 * for even where a whole page has none of it. They held every finding at once: a roster with a wrong supervision
 * period made 400,000 findings, and {@code findings} ran out of a 256 MB heap.
 */
class FindingsListingIntegrationTests {

    static final int FINDINGS = 2_345;

    /** The two findings of another rule: one in the first page, one in the third, none in the second. */
    static final List<Integer> OTHER_RULE = List.of(101, 2_201);

    @Test
    void everyFindingIsListedOnceInOrderAcrossThePages() throws Exception {
        // given 2,345 findings (more than two pages), every tenth cleared
        Path home = TestHomes.fresh("findings-listing");
        assertThat(CapturedRun.of("findings", "--json", "--home", home.toString())
                        .exit())
                .isZero();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true;ifexists=true", "SA", "");
                PreparedStatement p = c.prepareStatement("""
                        INSERT INTO finding (rule, finding_key, severity, details, first_seen, last_seen, status, cleared_on,
                                             source_id)
                        VALUES (?, ?, 'HIGH', ?, DATE '2025-04-20', DATE '2025-04-20', 'OPEN', ?, ?)""")) {
            for (int i = 1; i <= FINDINGS; i++) {
                p.setString(1, OTHER_RULE.contains(i) ? "NO_RECENT_SUPPORT" : "OUTSIDE_SUPERVISION");
                p.setString(2, "record:" + i);
                p.setString(3, "第 " + i + " 项 ‖ finding " + i);
                p.setDate(4, i % 10 == 0 ? Date.valueOf("2025-04-21") : null);
                p.setString(5, i == 1 ? "hospital" : null);
                p.addBatch();
            }
            p.executeBatch();
        }
        List<String> holding = IntStream.rangeClosed(1, FINDINGS)
                .filter(i -> i % 10 != 0)
                .mapToObj(i -> "record:" + i)
                .toList();

        // when they are listed, as JSON, by rule, as text and as the findings report
        CapturedRun json = CapturedRun.of("findings", "--json", "--home", home.toString());
        CapturedRun other =
                CapturedRun.of("findings", "--json", "--rule", "no_recent_support", "--home", home.toString());
        CapturedRun text = CapturedRun.of("findings", "--home", home.toString());
        Path out = home.resolve("out");
        CapturedRun report =
                CapturedRun.of("report", "--kind", "findings", "--out", out.toString(), "--home", home.toString());

        // then each holding finding once, in the order found, in the indented document `--json` prints
        assertThat(json.exit()).isZero();
        assertThat(keys(json.out())).isEqualTo(holding);
        assertThat(json.out()).startsWith("[ {\n  \"id\" : ").endsWith("} ]\n");
        assertThat(keys(other.out())).containsExactly("record:101", "record:2201");
        assertThat(text.exit()).isZero();
        assertThat(text.out())
                .endsWith("共 " + holding.size() + " 项发现。确认用 `findings ack 编号 --note 说明`，解决用"
                        + " `findings resolve 编号 --note 说明`。\n");
        // the partner by name, its source id beside it
        assertThat(text.out()).contains("湖南航天医院（hospital）");
        // a table a thousand findings at a time, every row printed
        assertThat(text.out().lines().filter(l -> l.startsWith("#")).count()).isEqualTo(3);
        assertThat(text.out().lines().count()).isGreaterThan(holding.size());
        assertThat(report.exit()).isZero();
        assertThat(keys(Files.readString(out.resolve("findings-current.json")))).isEqualTo(holding);
        assertThat(out.resolve("findings-current.xlsx")).isNotEmptyFile();
    }

    @Test
    void anUnknownRuleIsRefusedBeforeAnythingIsPrinted() {
        Path home = TestHomes.fresh("findings-listing-rule");

        CapturedRun run = CapturedRun.of("findings", "--json", "--rule", "NO_SUCH_RULE", "--home", home.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("没有规则 NO_SUCH_RULE");
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(String json) {
        List<Map<String, Object>> listed = JsonMapper.builder().build().readValue(json, List.class);
        return listed.stream().map(m -> String.valueOf(m.get("key"))).toList();
    }
}
