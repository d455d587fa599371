package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code identity link} from the command line on the pilot: the person is looked up by id (not found among a roster
 * read whole), the decision and its audit entry are committed, then the ledger is matched again under it.
 */
class IdentityDecisionCommandIntegrationTests {

    @Test
    void anAdminLinksThePilotsPendingPersonAndNobodyIsLeftPending() throws Exception {
        // given the pilot: 4 pending records of one person not on the roster
        Path home = TestHomes.fresh("identity-decision");
        assertThat(CapturedRun.of("demo", "--home", home.toString()).exit()).isZero();
        List<Map<String, Object>> pending =
                json(CapturedRun.of("identity", "pending", "--json", "--home", home.toString()));
        assertThat(pending).singleElement().satisfies(k -> {
            assertThat(k.get("records")).isEqualTo(4);
            // a name as the rows gave it, without the padding HSQLDB's CHAR typing added
            assertThat((String) k.get("names")).isNotBlank().doesNotEndWith(" ");
        });
        String key = (String) pending.get(0).get("key");
        long person = ((Number) json(CapturedRun.of("subjects", "--json", "--home", home.toString()))
                        .get(0)
                        .get("id"))
                .longValue();

        // when a person that is not on the roster is named, a key typed as LIKE's wildcards (which matched the one
        // pending key), a blank reason, then all in order
        CapturedRun nobody = CapturedRun.of(
                "identity", "link", "--key", key, "--subject", "999999", "--reason", "核实", "--home", home.toString());
        CapturedRun wildcard = CapturedRun.of(
                "identity",
                "link",
                "--key",
                "%%%%%%%%",
                "--subject",
                Long.toString(person),
                "--reason",
                "核实",
                "--home",
                home.toString());
        CapturedRun blank = CapturedRun.of(
                "identity",
                "link",
                "--key",
                key.substring(0, 12),
                "--subject",
                Long.toString(person),
                "--reason",
                "  ",
                "--home",
                home.toString());
        assertThat(json(CapturedRun.of("identity", "pending", "--json", "--home", home.toString())))
                .singleElement()
                .satisfies(k -> assertThat(k.get("records")).isEqualTo(4));
        CapturedRun linked = CapturedRun.of(
                "identity",
                "link",
                "--key",
                key,
                "--subject",
                Long.toString(person),
                "--reason",
                "电话核实为同一人",
                "--home",
                home.toString());

        // then the first three are refused, in Chinese, and change nothing; the last ties all four records, audited
        assertThat(nobody.exit()).isNotZero();
        assertThat(nobody.err()).contains("名册上没有编号为 #999999 的人");
        assertThat(wildcard.exit()).isEqualTo(2);
        assertThat(wildcard.err()).contains("请给出键的至少 8 个字符").doesNotContain("give at least");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).contains("身份决定需要写明原因").doesNotContain("needs a reason");
        assertThat(linked.exit()).as(linked.err()).isZero();
        assertThat(linked.out()).startsWith("确认为同一人（LINK）：键 " + key.substring(0, 12));
        assertThat(json(CapturedRun.of("identity", "pending", "--json", "--home", home.toString())))
                .isEmpty();
        assertThat(json(CapturedRun.of("audit", "--json", "--home", home.toString())))
                .extracting(e -> e.get("action"))
                .containsExactly("IDENTITY_LINK");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(CapturedRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return JsonMapper.builder().build().readValue(run.out(), List.class);
    }
}
