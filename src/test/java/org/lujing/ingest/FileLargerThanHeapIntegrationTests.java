package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.normalise.IdNumberNormaliser;

/**
 * A partner's file larger than the heap, of rows as wide as the ledger takes (activity name, outcome and notes at their
 * columns' widths, in Chinese): the real command in its own JVM capped at 128 MiB loads all of it, balanced, one
 * provenance row per row. A publication slice ends at {@code lujing.ingest.publish-slice-bytes} of the staging file as
 * well as at its rows, so wide rows make more slices rather than a slice the heap cannot hold — with slices of 20,000
 * such rows this file ran out of memory in the publication step.
 */
class FileLargerThanHeapIntegrationTests {

    static final int ROWS = 13_000;
    static final long HEAP = 128L << 20;

    @Test
    void aFileOfWideRowsLargerThanTheHeapLoadsWhole() throws Exception {
        // given: the file, written row by row under the test's home
        Path home = TestHomes.fresh("larger-than-heap");
        Path file = home.resolve("2025年普法台账.csv");
        writeWideLedger(file);
        assertThat(Files.size(file)).as("the file is larger than the heap").isGreaterThan(HEAP);

        // when: the ingest command in a JVM with -Xmx128m
        ChildIngest run = ChildIngest.run("128m", file, "university", home);
        Files.delete(file);

        // then: loaded whole, every row accounted for once, in more than one slice
        assertThat(run.ended()).as("ingest ended within 5 minutes").isTrue();
        assertThat(run.output()).doesNotContain("OutOfMemoryError").contains("LOADED");
        assertThat(run.exit()).as(run.output()).isZero();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true", "SA", "");
                Statement s = c.createStatement()) {
            assertThat(number(s, "SELECT rows_read FROM ingest_file WHERE source_id = 'university'"))
                    .isEqualTo(ROWS);
            assertThat(number(s, "SELECT accepted FROM ingest_file WHERE source_id = 'university'"))
                    .isEqualTo(ROWS);
            assertThat(number(s, "SELECT COUNT(*) FROM record_source"))
                    .as("provenance rows")
                    .isEqualTo(ROWS);
            assertThat(number(s, "SELECT COUNT(*) FROM support_record")).isEqualTo(ROWS);
            assertThat(number(s, "SELECT COUNT(*) FROM support_record WHERE LENGTH(notes) = 2000"))
                    .as("notes kept at their full width")
                    .isEqualTo(ROWS);
            // a slice a commit of the publication step: 16 MiB of staging file holds far fewer than 20,000 such rows
            assertThat(number(s, """
                            SELECT commit_count FROM batch_step_execution WHERE step_name = 'publishRowsStep'""")).as("publication slices").isGreaterThan(2);
        }
    }

    /** ROWS rows of distinct identities (person by row, one day each), every text field at its column's width. */
    private static void writeWideLedger(Path file) throws Exception {
        String han = "法律援助社区矫正心理辅导教育帮扶就业指导公益活动普法宣传团体辅导结构式访谈";
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("开展日期,姓名,身份证号,活动类型,主题,结果,备注\n");
            for (int r = 0; r < ROWS; r++) {
                String first17 = "430104" + (1960 + r % 40) + String.format("%02d%02d", 1 + r % 12, 1 + r % 28)
                        + String.format("%03d", r % 1000);
                String id = first17 + IdNumberNormaliser.checkChar(first17);
                String tail = String.format("%06d", r);
                w.write(jan1.plusDays(r % 365) + ",对象" + r + "," + id + "," + (r % 2 == 0 ? "法律讲堂" : "半结构化访谈")
                        + "," + text(han, 494, r) + tail + "," + text(han, 994, r + 1) + tail + ","
                        + text(han, 1994, r + 2) + tail + "\n");
            }
        }
    }

    private static String text(String han, int length, int shift) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(han.charAt((i + shift) % han.length()));
        }
        return b.toString();
    }

    private static long number(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
