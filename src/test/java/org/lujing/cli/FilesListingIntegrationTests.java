package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code files --json} writes the whole history as it reads it, a thousand files at a time: every file once, in the
 * order received, across the pages, in the document it always printed (it held every file at once: a helper's probe
 * ran it out of memory at 150,000 files). The text listing and the data-quality report walk the files the same way.
 */
class FilesListingIntegrationTests {

    @Test
    void everyFileIsListedOnceInOrderAcrossThePages() throws Exception {
        // given a home with 2,345 files received (more than two pages)
        Path home = TestHomes.fresh("files-listing");
        assertThat(CapturedRun.of("files", "--json", "--home", home.toString()).exit())
                .isZero();
        int files = 2_345;
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true;ifexists=true", "SA", "");
                PreparedStatement p = c.prepareStatement("""
                        INSERT INTO ingest_file (source_id, file_name, sha256, size_bytes, received_at, outcome)
                        VALUES ('community', ?, ?, 1, ?, 'LOADED')""")) {
            for (int i = 1; i <= files; i++) {
                p.setString(1, "file-" + i + ".xlsx");
                p.setString(2, String.format("%064d", i));
                p.setTimestamp(3, Timestamp.from(Instant.now()));
                p.addBatch();
            }
            p.executeBatch();
            // a reading note and a sheet's header on each side of the first thousand, where a page of notes ends
            for (int file : new int[] {1, 1000, 1001, files}) {
                try (PreparedStatement n = c.prepareStatement("""
                                INSERT INTO ingest_file_note (file_id, sheet, kind, message, row_count, first_row, last_row)
                                SELECT id, '台账', 'SHEET_SKIPPED', ?, 1, 1, 1 FROM ingest_file WHERE file_name = ?""");
                        PreparedStatement h = c.prepareStatement("""
                                INSERT INTO file_sheet_header (file_id, sheet, header_row_no, headers)
                                SELECT id, '台账', 2, '["序号","姓名"]' FROM ingest_file WHERE file_name = ?""")) {
                    n.setString(1, "note of file " + file);
                    n.setString(2, "file-" + file + ".xlsx");
                    assertThat(n.executeUpdate()).isEqualTo(1);
                    h.setString(1, "file-" + file + ".xlsx");
                    assertThat(h.executeUpdate()).isEqualTo(1);
                }
            }
        }

        // when they are listed
        CapturedRun run = CapturedRun.of("files", "--json", "--home", home.toString());

        // then each once, oldest first, in the indented document `--json` prints
        assertThat(run.exit()).isZero();
        List<Map<String, Object>> listed = JsonMapper.builder().build().readValue(run.out(), List.class);
        assertThat(listed).hasSize(files);
        assertThat(listed.get(0).get("name")).isEqualTo("file-1.xlsx");
        assertThat(listed.get(1000).get("name")).isEqualTo("file-1001.xlsx");
        assertThat(listed.get(files - 1).get("name")).isEqualTo("file-" + files + ".xlsx");
        assertThat(listed).extracting(m -> m.get("id")).doesNotHaveDuplicates();
        assertThat(run.out()).startsWith("[ {\n  \"id\" : ").endsWith("} ]\n");

        // and the text and the data-quality report read them the same way: every file, a thousand at a time
        CapturedRun text = CapturedRun.of("files", "--home", home.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out().lines().filter(l -> l.startsWith("#")).count()).isEqualTo(3);
        assertThat(text.out().lines().filter(l -> l.contains("file-"))).hasSize(files);
        Path out = home.resolve("quality-out");
        assertThat(CapturedRun.of("report", "--kind", "quality", "--out", out.toString(), "--home", home.toString())
                        .exit())
                .isZero();
        List<Map<String, Object>> quality = JsonMapper.builder()
                .build()
                .readValue(out.resolve("quality.json").toFile(), List.class);
        assertThat(quality).extracting(m -> m.get("file")).hasSize(files).doesNotHaveDuplicates();
        assertThat(quality.get(files - 1).get("file")).isEqualTo("file-" + files + ".xlsx");
        // each file with its own notes and headers, however the files were paged
        for (int file = 1; file <= files; file++) {
            Map<String, Object> q = quality.get(file - 1);
            boolean noted = file == 1 || file == 1000 || file == 1001 || file == files;
            assertThat((List<?>) q.get("notes")).as("notes of file %d", file).hasSize(noted ? 1 : 0);
            assertThat((List<?>) q.get("headers"))
                    .as("headers of file %d", file)
                    .hasSize(noted ? 1 : 0);
        }
        assertThat(quality.get(1000).get("notes").toString()).contains("note of file 1001");
    }
}
