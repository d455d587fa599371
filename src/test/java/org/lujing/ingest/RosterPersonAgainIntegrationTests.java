package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.ledger.SubjectDraft;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A roster that names one person twice says two things about them: the later row stands (a roster is an upsert, row
 * by row), the repeat is counted merged, not as a second person added, and a reading note names its row. Both rows
 * had been counted 新增 and nothing said the file disagreed with itself.
 */
class RosterPersonAgainIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonNamedAgainInTheRosterIsMergedWithTheLaterRowStandingAndANoteNamingIt() throws Exception {
        // given a roster naming 赵一 on rows 2 and 4, with another correction type and start the second time
        Path file = TestHomes.fresh("roster-person-again").resolve("roster.csv");
        Files.writeString(
                file,
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n"
                        + "赵一,430104198001010014,13800000001,缓刑,2025-01-01,2025-12-31\n"
                        + "钱二,430104198512120020,13800000002,假释,2025-03-01,2025-06-30\n"
                        + "赵一,430104198001010014,13800000009,管制,2025-02-01,2025-12-31\n");

        // when
        IngestedFile f = ingest.ingest(file, "roster").file().orElseThrow();

        // then two people, the file balanced with the repeat merged, 赵一 as the later row says
        assertThat(f.outcome()).isEqualTo("LOADED");
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.merged(), f.rejected(), f.skipped()})
                .containsExactly(3, 2, 1, 0, 0);
        assertThat(jdbc.sql("SELECT name, correction_type, supervision_start FROM subject ORDER BY id")
                        .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getDate(3))
                        .list())
                .containsExactly("赵一:管制:2025-02-01", "钱二:假释:2025-03-01");
        assertThat(jdbc.sql("SELECT kind, row_count, first_row, message FROM ingest_file_note WHERE file_id = ?")
                        .param(f.id())
                        .query((rs, n) ->
                                rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getString(4))
                        .list())
                .singleElement()
                .asString()
                .startsWith("PERSON_AGAIN 1 4 同一身份证号在本文件中已出现过：以后面一行为准");

        // and the same roster sent again is a duplicate file; a later roster naming 赵一 once adds nobody and merges
        // nothing: it updates
        Path later = file.resolveSibling("roster-2.csv");
        Files.writeString(
                later,
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n" + "赵一,430104198001010014,13800000009,管制,2025-02-01,2026-01-31\n");
        IngestedFile update = ingest.ingest(later, "roster").file().orElseThrow();
        assertThat(new int[] {update.rowsRead(), update.accepted(), update.merged()})
                .containsExactly(1, 1, 0);
    }

    @Test
    void aStagedRosterRowKeepsWhetherItRepeatsAcrossARestart(@TempDir Path dir) throws Exception {
        // a staging resumed after a crash reads back what was staged before it
        Path staging = dir.resolve("staging.bin");
        SubjectDraft zhao = new SubjectDraft(
                "idx",
                "enc",
                "4301************14",
                "赵一",
                null,
                null,
                null,
                null,
                null,
                "k1",
                null,
                "缓刑",
                LocalDate.parse("2025-01-01"),
                null);
        try (StagingFile.Writer w = new StagingFile.Writer(staging, 0)) {
            w.write(new StagingFile.Staged(1, new RowResult.RosterEntry("名册", 2, zhao), false));
            w.write(new StagingFile.Staged(2, new RowResult.RosterEntry("名册", 4, zhao), true));
            w.force();
        }
        List<Boolean> repeats = new ArrayList<>();
        try (StagingFile.Reader r = new StagingFile.Reader(staging, 0, Files.size(staging))) {
            for (StagingFile.Staged s = r.next(); s != null; s = r.next()) {
                repeats.add(s.repeat());
                assertThat(((RowResult.RosterEntry) s.result()).draft()).isEqualTo(zhao);
            }
        }
        assertThat(repeats).containsExactly(false, true);
    }
}
