package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lujing.TestHomes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code keys status} and {@code keys rotate}: key ids and counts on stdout, never a key; the rotation audited. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysCommandIntegrationTests {

    static final Path HOME = TestHomes.fresh("keys-cli");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static String keyBefore;
    static String keyIdBefore;

    @Test
    @Order(1)
    void statusNamesTheCurrentKeyById() throws Exception {
        Path merge = Path.of("src/test/resources/org/lujing/ingest/merge");
        assertThat(run(
                                "ingest",
                                "--home",
                                HOME.toString(),
                                merge.resolve("roster/roster.csv").toString(),
                                merge.resolve("community/ledger.csv").toString())
                        .exit())
                .isZero();
        keyBefore = Files.readString(HOME.resolve("keys/lujing.key")).strip();

        CapturedRun run = run("keys", "status", "--home", HOME.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode json = JSON.readTree(run.out());
        keyIdBefore = json.get("currentKeyId").asString();
        assertThat(keyIdBefore).hasSize(8);
        assertThat(json.get("rotationUnfinished").asBoolean()).isFalse();
        assertThat(json.get("keySource").asString()).endsWith("lujing.key");
        assertThat(run.out()).doesNotContain(keyBefore);
    }

    @Test
    @Order(2)
    void rotatePrintsWhatItDidAndNoKey() throws Exception {
        CapturedRun run = run(
                "keys",
                "rotate",
                "--home",
                HOME.toString(),
                "--json",
                "--as",
                "admin-wang",
                "--reason",
                "yearly rotation");

        assertThat(run.exit()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("outcome").asString()).isEqualTo("DONE");
        assertThat(json.get("oldKeyId").asString()).isEqualTo(keyIdBefore);
        assertThat(json.get("newKeyId").asString()).hasSize(8).isNotEqualTo(keyIdBefore);
        assertThat(json.get("rekeyed").get("subject").asLong()).isEqualTo(2);
        assertThat(json.get("rekeyed").get("support_record").asLong()).isEqualTo(4);
        assertThat(json.get("oldKeyDropped").asBoolean()).isTrue();
        assertThat(json.has("newKey")).isFalse();
        String keyAfter = Files.readString(HOME.resolve("keys/lujing.key")).strip();
        assertThat(keyAfter).isNotEqualTo(keyBefore).doesNotContain("\n");
        assertThat(run.out() + run.err()).doesNotContain(keyBefore).doesNotContain(keyAfter);

        assertThat(run("keys", "status", "--home", HOME.toString()).out())
                .contains("current key id: " + json.get("newKeyId").asString())
                .contains("none unfinished");

        CapturedRun audit = run("audit", "--home", HOME.toString(), "--json");
        assertThat(JSON.readTree(audit.out())).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("KEYS_ROTATE");
            assertThat(e.get("actor").asString()).isEqualTo("admin-wang");
            assertThat(e.get("reason").asString()).isEqualTo("yearly rotation");
            assertThat(e.get("target").asString())
                    .contains(keyIdBefore)
                    .contains(json.get("newKeyId").asString());
        });
    }

    static CapturedRun run(String... args) {
        return CapturedRun.of(args);
    }
}
