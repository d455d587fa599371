package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.SharedLedgerContext;
import org.lujing.ledger.RollupRows;
import org.lujing.ledger.StatisticsRollup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code files withdraw}: a loaded file taken back out of the ledger leaves it as if the file had never come — its
 * records gone unless another file reports them (those set again from the rows left), the statistics rollups equal
 * to a recount, its rejects closed, its SHA-256 free — and the same content ingested again gives the ledger it had.
 * A withdrawal stopped half way is finished by running it again; what cannot be withdrawn is refused, unaudited.
 */
class FileWithdrawalIntegrationTests extends SharedLedgerContext {

    static final String ZHAO = "430104198001010014";
    static final String QIAN = "430104198512120020";

    @Autowired
    FileIngestService ingest;

    @Autowired
    FileWithdrawal withdrawal;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatisticsRollup rollup;

    @Autowired
    FileRegistry registry;

    @AfterEach
    void wholeWindowsAgain() {
        withdrawal.window = FileWithdrawal.WINDOW;
        withdrawal.afterWindow = n -> {};
    }

    @Test
    void aWithdrawnFileLeavesTheLedgerAsIfItHadNeverComeAndLoadsAgainAsBefore(@TempDir Path dir) throws IOException {
        // given the roster, a community ledger, and two university files, the second reporting one of the first's
        // records again with the hours the first left blank
        Loaded files = files(dir);
        long wrong = files.university;
        List<List<Map<String, Object>>> before = RollupRows.all(jdbc);
        Map<String, Object> shared = record(QIAN, "2025-04-05");
        assertThat(shared.get("FIRST_FILE_ID")).isEqualTo(wrong);
        assertThat((BigDecimal) shared.get("HOURS")).isEqualByComparingTo("3");

        // when the first university file is withdrawn
        FileWithdrawal.Result r = withdrawal.withdraw(wrong, "admin", "loaded under the wrong source");

        // then its own records are gone, the shared one stays as the second file alone makes it, nothing of the file
        // is left in the ledger, and the rollups are what a recount gives
        assertThat(new int[] {r.recordsRemoved(), r.recordsKept(), r.rows()}).containsExactly(1, 1, 2);
        assertThat(r.asJson())
                .containsEntry("fileId", wrong)
                .containsEntry("outcome", "WITHDRAWN")
                .containsEntry("recordsRemoved", 1)
                .containsEntry("recordsKept", 1)
                .containsEntry("rows", 2);
        // and the file says who took it back, when and why, where anyone who reads the file sees it
        assertThat(jdbc.sql("SELECT message FROM ingest_file WHERE id = ?")
                        .param(wrong)
                        .query(String.class)
                        .single())
                .matches("已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 由 admin 撤回：loaded under the wrong source.*"
                        + " ‖ withdrawn on .* by admin: loaded under the wrong source.*");
        assertThat(count("SELECT COUNT(*) FROM record_source WHERE file_id = " + wrong))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE first_file_id = " + wrong))
                .isZero();
        assertThat(records())
                .containsExactlyInAnyOrder(
                        "2025-04-01 PUBLIC_WELFARE",
                        "2025-04-02 PUBLIC_WELFARE",
                        "2025-04-05 LEGAL_EDUCATION",
                        "2025-04-06 LEGAL_EDUCATION");
        Map<String, Object> kept = record(QIAN, "2025-04-05");
        assertThat(kept.get("FIRST_FILE_ID")).isEqualTo(files.resend);
        assertThat((BigDecimal) kept.get("HOURS")).isEqualByComparingTo("3");
        assertThat(kept.get("OUTCOME")).isNull();
        assertRollupsEqualARecount();
        // the file's entry stays with its accounting, withdrawn; its open reject is no longer to be fixed; audited
        assertThat(jdbc.sql("SELECT outcome, rows_read, accepted, rejected FROM ingest_file WHERE id = ?")
                        .param(wrong)
                        .query((rs, i) ->
                                rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getInt(4))
                        .single())
                .isEqualTo("WITHDRAWN 3 2 1");
        assertThat(count("SELECT COUNT(*) FROM row_reject WHERE status = 'OPEN' AND file_id = " + wrong))
                .isZero();
        assertThat(jdbc.sql(
                                "SELECT actor || ' ' || action || ' ' || reason FROM audit_log WHERE action = 'FILE_WITHDRAW'")
                        .query(String.class)
                        .list())
                .containsExactly("admin FILE_WITHDRAW loaded under the wrong source");

        // when the same content is ingested again: it is no duplicate, and the ledger's figures are as before
        IngestedFile again =
                ingest.ingest(files.universityFile, "university").file().orElseThrow();
        assertThat(again.outcome()).isEqualTo("LOADED_WITH_REJECTS");
        assertThat(new int[] {again.accepted(), again.merged(), again.rejected()})
                .containsExactly(1, 1, 1);
        assertThat(RollupRows.all(jdbc)).isEqualTo(before);
        assertRollupsEqualARecount();
    }

    @Test
    void aRecordMergedIntoOneThatGoesCountsAgainInItsPlace(@TempDir Path dir) throws IOException {
        // given 钱二's community record of 2 April merged (by an identity decision) into 赵一's university record
        Loaded files = files(dir);
        long child = (Long) record(QIAN, "2025-04-02").get("ID");
        long parent = (Long) record(ZHAO, "2025-04-04").get("ID");
        rollup.remove("r.id = ?", child);
        jdbc.sql("UPDATE support_record SET merged_into = ? WHERE id = ?")
                .params(parent, child)
                .update();
        assertRollupsEqualARecount();

        // when the university file, whose record that was, is withdrawn
        withdrawal.withdraw(files.university, "admin", "wrong source");

        // then the merged record is no longer merged, and counts
        assertThat(jdbc.sql("SELECT merged_into FROM support_record WHERE id = ?")
                        .param(child)
                        .query(Long.class)
                        .optional())
                .isEmpty();
        assertThat(count("SELECT COUNT(*) FROM support_record WHERE id = " + parent))
                .isZero();
        assertRollupsEqualARecount();
    }

    @Test
    void aWithdrawalStoppedHalfWayIsFinishedByRunningItAgain(@TempDir Path dir) throws IOException {
        // given a withdrawal one provenance row a transaction, stopped after its first
        Loaded files = files(dir);
        withdrawal.window = 1;
        withdrawal.afterWindow = n -> {
            throw new IllegalStateException("killed");
        };
        assertThatThrownBy(() -> withdrawal.withdraw(files.community, "admin", "test file"))
                .hasMessage("killed");

        // then what was done is whole: the file is still loaded, marked, with its other rows still in
        assertThat(jdbc.sql("SELECT outcome FROM ingest_file WHERE id = ?")
                        .param(files.community)
                        .query(String.class)
                        .single())
                .isEqualTo("LOADED");
        assertThat(registry.unfinishedWithdrawals())
                .extracting(FileRegistry.UnfinishedWithdrawal::fileId)
                .containsExactly(files.community);
        assertThat(count("SELECT COUNT(*) FROM record_source WHERE file_id = " + files.community))
                .isEqualTo(1);
        assertRollupsEqualARecount();

        // when it runs again
        withdrawal.afterWindow = n -> {};
        FileWithdrawal.Result r = withdrawal.withdraw(files.community, "admin", "test file");

        // then it finishes what was left
        assertThat(r.rows()).isEqualTo(1);
        assertThat(registry.unfinishedWithdrawals()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM record_source WHERE file_id = " + files.community))
                .isZero();
        assertThat(records()).doesNotContain("2025-04-01 PUBLIC_WELFARE", "2025-04-02 PUBLIC_WELFARE");
        assertRollupsEqualARecount();
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'FILE_WITHDRAW' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly(null, "resumed");
    }

    @Test
    void whatCannotBeWithdrawnIsRefusedInWordsAndNothingIsAudited(@TempDir Path dir) throws IOException {
        Loaded files = files(dir);
        IngestedFile duplicate =
                ingest.ingest(files.universityFile, "university").file().orElseThrow();
        assertThat(duplicate.outcome()).isEqualTo("DUPLICATE_FILE");

        assertThatThrownBy(() -> withdrawal.withdraw(files.roster, "admin", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("是名册文件，不能撤回");
        assertThatThrownBy(() -> withdrawal.withdraw(duplicate.id(), "admin", "x"))
                .hasMessageContaining("重复文件，未重复计入")
                .hasMessageContaining("它没有写入台账");
        assertThatThrownBy(() -> withdrawal.withdraw(files.university, "admin", " "))
                .hasMessageContaining("需要 --reason");
        assertThatThrownBy(() -> withdrawal.withdraw(9999, "admin", "x")).hasMessageContaining("没有编号为 #9999 的文件");
        withdrawal.withdraw(files.university, "admin", "x");
        assertThatThrownBy(() -> withdrawal.withdraw(files.university, "admin", "x"))
                .hasMessageContaining("已撤回");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'FILE_WITHDRAW'"))
                .isEqualTo(1);
    }

    private record Loaded(long roster, long community, long university, long resend, Path universityFile) {}

    private Loaded files(Path dir) throws IOException {
        Path roster = java.nio.file.Files.writeString(
                dir.resolve("roster.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一," + ZHAO + ",13800000001,缓刑,2025-01-01,2025-12-31\n钱二," + QIAN
                        + ",13800000002,假释,2025-01-01,2025-12-31\n");
        Path community = java.nio.file.Files.writeString(
                dir.resolve("ledger.csv"),
                "日期,姓名,身份证号,活动类型,合作单位,时长（小时）\n2025-04-01,赵一," + ZHAO + ",公益活动,湘江英烈纪念馆,2\n2025-04-02,钱二," + QIAN
                        + ",公益活动,湘江英烈纪念馆,2\n");
        Path university = java.nio.file.Files.writeString(
                dir.resolve("sessions.csv"),
                "日期,姓名,身份证号,活动类型,时长,结果\n2025-04-04,赵一," + ZHAO + ",普法,1,良好\n2025-04-05,钱二," + QIAN
                        + ",普法,,\n2025-04-07,孙三,430103199006060036,普法,1,\n");
        Path resend = java.nio.file.Files.writeString(
                dir.resolve("sessions-2.csv"),
                "日期,姓名,身份证号,活动类型,时长,结果\n2025-04-05,钱二," + QIAN + ",普法,3,\n2025-04-06,赵一," + ZHAO + ",普法,1,\n");
        long r = ingest.ingest(roster, "roster").file().orElseThrow().id();
        long c = ingest.ingest(community, "community").file().orElseThrow().id();
        IngestedFile u = ingest.ingest(university, "university").file().orElseThrow();
        assertThat(new int[] {u.accepted(), u.rejected()}).containsExactly(2, 1);
        long s = ingest.ingest(resend, "university").file().orElseThrow().id();
        return new Loaded(r, c, u.id(), s, university);
    }

    private Map<String, Object> record(String idNumber, String date) {
        return jdbc.sql("""
                        SELECT r.id, r.first_file_id, r.hours, r.outcome FROM support_record r
                        JOIN subject s ON s.id = r.subject_id
                        WHERE s.id_masked = ? AND r.activity_date = ?""")
                .params(idNumber.substring(0, 4) + "************" + idNumber.substring(16), LocalDate.parse(date))
                .query()
                .singleRow();
    }

    private List<String> records() {
        return jdbc.sql("SELECT activity_date, category FROM support_record WHERE merged_into IS NULL")
                .query((rs, i) -> rs.getDate(1) + " " + rs.getString(2))
                .list();
    }

    private void assertRollupsEqualARecount() {
        List<List<Map<String, Object>>> kept = RollupRows.all(jdbc);
        rollup.rebuild();
        assertThat(kept).as("the rollups equal a recount").isEqualTo(RollupRows.all(jdbc));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
