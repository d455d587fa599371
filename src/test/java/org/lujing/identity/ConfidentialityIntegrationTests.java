package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lujing.IdentityValues;
import org.lujing.TestHomes;
import org.lujing.cli.LujingCommand;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * ID numbers and phones in every place a partner might put them — the ID column, notes, outcome, activity name,
 * the name and agency columns, a total row, rejected rows, a file name, a corrupt file — and then a scan of every
 * log line and command output, every database column and every file Lujing wrote: none may hold one in clear.
 * The partners' originals in archive/ and quarantine/ are evidence and are left out of the scan; the key file too.
 * Scored matching's review queue and evidence (CLI, JSON, ledger workbook, identity_match) are scanned with the rest;
 * the console's review page in {@link ScoredMatchingIntegrationTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfidentialityIntegrationTests {

    static final Path FIXTURES = Path.of("src/test/resources/org/lujing/identity/leaks");

    @Test
    void noIdentityValueIsWrittenAnywhereInClear(CapturedOutput output) throws Exception {
        Path home = TestHomes.fresh("leaks");
        String h = home.toString();

        // given everything a partner might send, through the same commands operators use
        assertThat(LujingCommand.run("ingest", "--home", h, "-v", FIXTURES.toString()))
                .isEqualTo(3);
        assertThat(LujingCommand.run("ingest", "--home", h, "-v", "sample-data"))
                .isZero();
        for (String[] command : new String[][] {
            {"files", "--home", h},
            {"files", "--home", h, "--json"},
            {"rejects", "--home", h},
            {"rejects", "--home", h, "--json"},
            {"subjects", "--home", h},
            {"subjects", "--home", h, "--json"},
            {"identity", "pending", "--home", h},
            {"identity", "pending", "--home", h, "--json"},
            {"identity", "review", "--home", h},
            {"identity", "review", "--home", h, "--json"},
            {"identity", "review", "--links", "--home", h, "--json"},
            {"identity", "model", "--home", h},
            {"identity", "model", "--home", h, "--json"},
            {"report", "--home", h, "--period", "2025", "--kind", "ledger"},
            {"stats", "--home", h, "--period", "2025", "--json"},
            {"audit", "--home", h}
        }) {
            assertThat(LujingCommand.run(command)).as(String.join(" ", command)).isZero();
        }

        IdentityValues identity = IdentityValues.in(FIXTURES);
        IdentityValues samples = IdentityValues.in(Path.of("sample-data"));
        assertThat(identity.needles()).contains("43010419800101001", "13800000001", "13912345678", "43010419951130005");
        List<String> leaks = new ArrayList<>();

        // when we look everywhere
        scan("output", output.getAll(), identity, samples, leaks);
        assertThat(output.getAll()).contains("LOADED_WITH_REJECTS", "FILE_CORRUPT", "4301************14");
        // scored matching had something to show (issue 13): an automatic link with its evidence, and a review entry
        assertThat(output.getAll())
                .contains("\"outcome\" : \"LINKED\"", "\"outcome\" : \"REVIEW\"", "ONE_SUBSTITUTION");
        // plain `identity pending` shows the queued key's candidates with the evidence in words, masked
        assertThat(output.getAll())
                .containsPattern("评分匹配的候选人（待审核；证件号、电话已脱敏）：\\R  键 \\S{12}  ")
                .containsPattern("    候选 #\\d+ .+?：评分 -?[\\d.]+（先验 -[\\d.]+）：身份证号 ");
        // identity model: every level's weight and where it came from; the names of rows tied by a valid ID number are
        // read as examples (the pilot year has too few of them to estimate from), and so is a phone written beside one
        assertThat(output.getAll())
                .contains("评分匹配的权重：名册 ", "先验（台账无从估计）", "名册抽样 ", "姓名频率")
                .containsPattern("姓名 +相同（EQUAL） +0\\.8500 +先验（台账仅 [1-9]\\d* 对）")
                .containsPattern("电话 +相同（EQUAL） +0\\.6000 +先验（台账仅 [1-9]\\d* 对）")
                .contains("\"mSource\" : \"PRIOR\"", "\"uSource\" : \"FLOOR\"", "\"uSource\" : \"NAME_FREQUENCY\"");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = home.relativize(f).toString();
                boolean evidence =
                        (rel.startsWith("archive") || rel.startsWith("quarantine")) && !rel.endsWith(".error.txt");
                if (!evidence && !rel.startsWith("keys")) {
                    // a workbook's parts uncompressed: its zip bytes would never show a clear value
                    for (String text : IdentityValues.rawTexts(f)) {
                        scan(rel, text, identity, samples, leaks);
                    }
                }
                scan("file name " + rel, rel, identity, samples, leaks);
            }
        }
        assertThat(Files.list(home.resolve("quarantine/hospital"))
                        .map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith(".error.txt"));
        int cells = 0;
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true", "SA", "");
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            cells++;
                            Object v = rs.getObject(i);
                            String text = v instanceof java.sql.Blob blob
                                    ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1)
                                    : v == null ? null : String.valueOf(v);
                            scan(table + "." + md.getColumnName(i), text, identity, samples, leaks);
                        }
                    }
                }
            }
        }

        // then nothing is found, though there was plenty to look at
        assertThat(cells).isGreaterThan(5_000);
        assertThat(leaks).isEmpty();
    }

    private static void scan(String where, String text, IdentityValues a, IdentityValues b, List<String> leaks) {
        for (IdentityValues values : List.of(a, b)) {
            for (String hit : values.foundIn(text)) {
                leaks.add(where + " holds " + hit.substring(0, 4) + "…" + hit.substring(hit.length() - 2));
            }
        }
    }
}
