package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rejected row wider or wordier than the rejects table holds is still rejected and kept, its values cut: it never
 * fails its whole file (it did — an insert beyond {@code masked_values}' 4,000 characters, the file left
 * IN_PROGRESS with an empty message).
 */
class WideRejectedRowIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRejectedRowOfVeryLongCellsIsKeptCutAndTheRestOfTheFileLoads() throws Exception {
        // given a row whose date is 1,600 characters of words and whose note is 6,000, beside a good row
        Path file = TestHomes.fresh("wide-reject").resolve("wide.csv");
        Files.writeString(
                file,
                "序号,姓名,身份证号,开展日期,类别,主题,时长,备注\n"
                        + "1,张建国,430104196804120314," + "不是日期".repeat(400) + ",普法活动,主题,2,"
                        + "很长的备注".repeat(1200) + "\n"
                        + "2,李秀英,43010319720903046X,2025-03-15,普法活动,普通主题,1,\n");

        // when it is ingested
        IngestedFile f = ingest.ingest(file, "university").file().orElseThrow();

        // then the file loads, balanced, the good row accepted and the wide one rejected and kept
        assertThat(f.outcome()).startsWith("LOADED");
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(2, 1, 1);
        Map<String, Object> reject = jdbc.sql("SELECT reason, message, masked_values FROM row_reject")
                .query()
                .singleRow();
        String message = (String) reject.get("message");
        String values = (String) reject.get("masked_values");
        assertThat(message).hasSizeLessThanOrEqualTo(1000).isNotBlank();
        assertThat(values).hasSizeLessThanOrEqualTo(4000);
        // its values are still a JSON array that starts with the row's own cells, masked, and says it was cut
        List<?> cells = JsonMapper.builder().build().readValue(values, List.class);
        assertThat(cells.get(0)).isEqualTo("1");
        assertThat(cells.get(2)).isEqualTo("4301" + "*".repeat(12) + "14");
        assertThat(cells.toString()).contains("…").doesNotContain("430104196804120314");
    }

    @Test
    void aValueLongerOrLargerThanItsColumnRejectsItsRowAndTheRestLoads() throws Exception {
        // given one good row and, after it, rows each with one value beyond what its column holds: they failed the
        // whole file at publication (a database error, the file left IN_PROGRESS, the good rows never loaded)
        String header = "序号,姓名,身份证号,开展日期,类别,主题,时长,数量,合作单位,备注\n";
        String good = "1,李秀英,43010319720903046X,2025-03-15,普法活动,普通主题,1,1,,\n";
        String[] beyond = {
            "2,张建国,430104196804120314,2025-03-02,普法活动,主题,123456789,1,,", // hours: 8 digits before the point
            "3,张建国,430104196804120314,2025-03-03,普法活动,主题,1e309,1,,",
            "4,张建国,430104196804120314,2025-03-04,普法活动,主题,430104196804120314,1,,", // an ID typed as hours
            "5,张建国,430104196804120314,2025-03-05,普法活动,主题,1,1e15,,", // quantity: 12 digits
            "6," + "张".repeat(101) + ",430104196804120314,2025-03-06,普法活动,主题,1,1,,",
            "7,张建国,430104196804120314,2025-03-07,普法活动," + "主".repeat(501) + ",1,1,,",
            "8,张建国,430104196804120314,2025-03-08,普法活动,主题,1,1," + "单".repeat(201) + ",",
            "9,张建国,430104196804120314,2025-03-09,普法活动,主题,1,1,," + "长".repeat(2001),
        };
        Path file = TestHomes.fresh("beyond-columns").resolve("beyond.csv");
        Files.writeString(file, header + good + String.join("\n", beyond) + "\n");

        // when it is ingested
        IngestedFile f = ingest.ingest(file, "university").file().orElseThrow();

        // then the good row loads and each other row is rejected for its value, naming the column, nothing lost
        assertThat(f.outcome()).isEqualTo("LOADED_WITH_REJECTS");
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(9, 1, 8);
        List<Map<String, Object>> rejects = jdbc.sql(
                        "SELECT row_no, reason, column_name, message FROM row_reject WHERE file_id = ? ORDER BY row_no")
                .param(f.id())
                .query()
                .listOfRows();
        assertThat(rejects).extracting(r -> r.get("reason")).containsOnly("VALUE_INVALID");
        assertThat(rejects)
                .extracting(r -> r.get("column_name"))
                .containsExactly("时长", "时长", "时长", "数量", "姓名", "主题", "合作单位", "备注");
        assertThat(rejects)
                .extracting(r -> (String) r.get("message"))
                .allSatisfy(
                        m -> assertThat(m).doesNotContain("430104196804120314").containsAnyOf("超出可记录的范围", "内容过长"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source WHERE file_id = ?")
                        .param(f.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
