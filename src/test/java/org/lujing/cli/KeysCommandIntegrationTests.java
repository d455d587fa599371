package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keys status} and {@code keys rotate}: key ids and counts on stdout, never a key; the rotation audited. Each
 * scenario starts from its own home with two people and four records.
 */
class KeysCommandIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path MERGE = Path.of("src/test/resources/org/lujing/ingest/merge");

    @Test
    void statusNamesTheCurrentKeyByIdAndNeverShowsIt() throws Exception {
        // given
        Path home = homeWithALedger("keys-status");
        String key = Files.readString(home.resolve("keys/lujing.key")).strip();

        // when
        CapturedRun run = run("keys", "status", "--home", home.toString(), "--json");

        // then
        assertThat(run.exit()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("currentKeyId").asString()).hasSize(8);
        assertThat(json.get("rotationUnfinished").asBoolean()).isFalse();
        assertThat(json.get("keySource").asString()).endsWith("lujing.key");
        assertThat(run.out() + run.err()).doesNotContain(key);
    }

    @Test
    void rotatePrintsWhatItDidAndNoKeyAndIsAudited() throws Exception {
        // given
        Path home = homeWithALedger("keys-rotate");
        String keyBefore = Files.readString(home.resolve("keys/lujing.key")).strip();
        String keyIdBefore = JSON.readTree(run("keys", "status", "--home", home.toString(), "--json")
                        .out())
                .get("currentKeyId")
                .asString();

        // when
        CapturedRun run = run(
                "keys",
                "rotate",
                "--home",
                home.toString(),
                "--json",
                "--as",
                "admin-wang",
                "--reason",
                "yearly rotation");

        // then it says what it re-keyed, under which ids, and shows neither key
        assertThat(run.exit()).isZero();
        JsonNode json = JSON.readTree(run.out());
        String newKeyId = json.get("newKeyId").asString();
        assertThat(json.get("outcome").asString()).isEqualTo("DONE");
        assertThat(json.get("oldKeyId").asString()).isEqualTo(keyIdBefore);
        assertThat(newKeyId).hasSize(8).isNotEqualTo(keyIdBefore);
        assertThat(json.get("rekeyed").get("subject").asLong()).isEqualTo(2);
        assertThat(json.get("rekeyed").get("support_record").asLong()).isEqualTo(4);
        assertThat(json.get("oldKeyDropped").asBoolean()).isTrue();
        assertThat(json.has("newKey")).isFalse();
        String keyAfter = Files.readString(home.resolve("keys/lujing.key")).strip();
        assertThat(keyAfter).isNotEqualTo(keyBefore).doesNotContain("\n");
        assertThat(run.out() + run.err()).doesNotContain(keyBefore).doesNotContain(keyAfter);

        // and status shows the new key with nothing left to do
        assertThat(run("keys", "status", "--home", home.toString()).out())
                .contains("当前密钥编号：" + newKeyId)
                .contains("无未完成的轮换")
                .doesNotContain(keyIdBefore);
        assertThat(JSON.readTree(run("keys", "status", "--home", home.toString(), "--json")
                                .out())
                        .get("rotationUnfinished")
                        .asBoolean())
                .isFalse();

        // and the audit log names who rotated, why, and from which key id to which
        CapturedRun audit = run("audit", "--home", home.toString(), "--json");
        assertThat(JSON.readTree(audit.out())).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("KEYS_ROTATE");
            assertThat(e.get("actor").asString()).isEqualTo("admin-wang");
            assertThat(e.get("reason").asString()).isEqualTo("yearly rotation");
            assertThat(e.get("target").asString()).contains(keyIdBefore).contains(newKeyId);
        });
    }

    /** A fresh home holding a roster of two and a ledger of four records, ingested by the command line. */
    private static Path homeWithALedger(String name) {
        Path home = TestHomes.fresh(name);
        assertThat(run(
                                "ingest",
                                "--home",
                                home.toString(),
                                MERGE.resolve("roster/roster.csv").toString(),
                                MERGE.resolve("community/ledger.csv").toString())
                        .exit())
                .isZero();
        return home;
    }

    static CapturedRun run(String... args) {
        return CapturedRun.of(args);
    }
}
