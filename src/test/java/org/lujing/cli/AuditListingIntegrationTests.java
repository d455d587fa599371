package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code audit} and {@code audit --json} read the log a thousand entries at a time as they print it: each entry
 * once, oldest first, from the date asked for. The log only grows — every admin's action, every refused sign-in —
 * and both outputs held all of it at once.
 */
class AuditListingIntegrationTests {

    static final int ENTRIES = 2_345;

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void everyEntryFromTheDateIsListedOnceInOrderAcrossThePages() throws Exception {
        // given 2,345 entries, a hundred a day from 2025-01-01 (noon in Changsha)
        Path home = TestHomes.fresh("audit-listing");
        assertThat(CapturedRun.of("audit", "--json", "--home", home.toString()).exit())
                .isZero();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true;ifexists=true", "SA", "");
                PreparedStatement p = c.prepareStatement("""
                        INSERT INTO audit_log (occurred_at, actor, action, target, reason)
                        VALUES (?, 'admin', 'JOB_RESTART', ?, 'disk cleared')""")) {
            for (int i = 0; i < ENTRIES; i++) {
                p.setTimestamp(
                        1, Timestamp.from(day(i).atTime(12, 0).atZone(SHANGHAI).toInstant()));
                p.setString(2, "job #" + i);
                p.addBatch();
            }
            p.executeBatch();
        }

        // when the whole log and the log from 2025-01-11 are listed, as JSON and as text
        CapturedRun all = CapturedRun.of("audit", "--json", "--home", home.toString());
        CapturedRun fromJanuary11 =
                CapturedRun.of("audit", "--json", "--from", "2025-01-11", "--home", home.toString());
        CapturedRun text = CapturedRun.of("audit", "--from", "2025-01-11", "--home", home.toString());

        // then
        assertThat(all.exit()).isZero();
        assertThat(targets(all.out()))
                .isEqualTo(
                        IntStream.range(0, ENTRIES).mapToObj(i -> "job #" + i).toList());
        assertThat(all.out()).startsWith("[ {\n  \"id\" : ").endsWith("} ]\n");
        List<String> since =
                IntStream.range(1_000, ENTRIES).mapToObj(i -> "job #" + i).toList();
        assertThat(targets(fromJanuary11.out())).isEqualTo(since);
        // a table a thousand entries at a time, each entry on its row, in order
        assertThat(text.exit()).isZero();
        assertThat(text.out().lines().filter(l -> l.startsWith("#")).count()).isEqualTo(2);
        List<String> rows = text.out()
                .lines()
                .filter(l -> l.contains("job #"))
                .map(l -> l.substring(l.indexOf("job #")).split("\\s")[0] + " "
                        + l.substring(l.indexOf("job #")).split("\\s")[1])
                .toList();
        assertThat(rows).isEqualTo(since);
    }

    private static LocalDate day(int entry) {
        return LocalDate.of(2025, 1, 1).plusDays(entry / 100);
    }

    @SuppressWarnings("unchecked")
    private static List<String> targets(String json) {
        List<Map<String, Object>> listed = JsonMapper.builder().build().readValue(json, List.class);
        return listed.stream()
                .map(m -> String.valueOf(m.get("target")))
                .filter(t -> t.startsWith("job #"))
                .toList();
    }
}
