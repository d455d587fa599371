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
}
