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

/**
 * A roster row that cannot describe a community correction (a kind the law does not know, a supervision that ends
 * before it starts) is rejected where it was written and kept for a retry; the other people of the roster load.
 * Such rows were stored, and a swapped start and end made every activity of the person an OUTSIDE_SUPERVISION finding.
 */
class ImplausibleRosterRowIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anImplausibleRosterRowIsRejectedAndTheOthersLoad() throws Exception {
        // given a roster with two good people (one written 暂监外) and three rows no supervision can have
        Path file = TestHomes.fresh("implausible-roster").resolve("roster.csv");
        Files.writeString(
                file,
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n"
                        + "赵一,430104198001010014,13800000001,緩刑,2025-01-01,2025-12-31\n"
                        + "钱二,430104198512120020,13800000002,暂监外,2025-03-01,2025-06-30\n"
                        + "孙三,430103199006060035,13800000003,缓刑,2025-12-31,2025-01-01\n"
                        + "李四,430104196804120314,13800000004,死刑,2025-01-01,2025-12-31\n"
                        + "周五,43010319720903046X,13800000005,假释,2025-01-01,9999-12-31\n");

        // when it is ingested
        IngestedFile f = ingest.ingest(file, "roster").file().orElseThrow();

        // then the two good people are on the roster with the law's words, and each other row is a reject naming its
        // column and rule, the file balanced
        assertThat(f.outcome()).isEqualTo("LOADED_WITH_REJECTS");
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(5, 2, 3);
        assertThat(jdbc.sql("SELECT name, correction_type FROM subject ORDER BY name")
                        .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2))
                        .list())
                .containsExactlyInAnyOrder("赵一:缓刑", "钱二:暂予监外执行");
        List<Map<String, Object>> rejects = jdbc.sql(
                        "SELECT row_no, reason, column_name, message FROM row_reject WHERE file_id = ? ORDER BY row_no")
                .param(f.id())
                .query()
                .listOfRows();
        assertThat(rejects)
                .extracting(r -> r.get("row_no") + " " + r.get("reason") + " " + r.get("column_name"))
                .containsExactly("4 DATE_INVALID 矫正终止日期", "5 VALUE_INVALID 矫正类别", "6 DATE_INVALID 矫正终止日期");
        assertThat((String) rejects.get(0).get("message")).contains("早于起始日期 2025-12-31");
        assertThat((String) rejects.get(1).get("message")).contains("“死刑”不是社区矫正的类别");
    }
}
