package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A file of free text in its category column lists its words for the admin up to a cap per source: a helper's probe
 * filled unmapped_word with 400,000 phrases from one file, and the sources page and API, which read them all, took the
 * console down. Every row is still rejected and kept, naming its word.
 */
class UnmappedWordsCapIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSourceKeepsAtMostTheCapOfDistinctUnmappedWords() throws Exception {
        // given 1,005 rows, each with a category word of its own, and a word seen before the cap was reached
        int rows = FileRegistry.MAX_UNMAPPED_WORDS + 5;
        StringBuilder csv = new StringBuilder("序号,姓名,身份证号,开展日期,类别,主题\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i)
                    .append(",李秀英,43010319720903046X,2025-03-15,自由描述")
                    .append(i)
                    .append(",主题\n");
        }
        csv.append(rows + 1).append(",李秀英,43010319720903046X,2025-03-16,自由描述1,主题\n");
        Path file = TestHomes.fresh("unmapped-cap").resolve("free-text.csv");
        Files.writeString(file, csv);

        // when it is ingested
        IngestedFile f = ingest.ingest(file, "university").file().orElseThrow();

        // then every row is rejected and kept, the words listed up to the cap, a listed word counted each time seen
        assertThat(f.rejected()).isEqualTo(rows + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unmapped_word WHERE source_id = 'university'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(FileRegistry.MAX_UNMAPPED_WORDS);
        assertThat(jdbc.sql("SELECT seen FROM unmapped_word WHERE source_id = 'university' AND word = '自由描述1'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT message FROM row_reject WHERE file_id = ? AND row_no = ?")
                        .params(f.id(), rows + 1)
                        .query(String.class)
                        .single())
                .contains("自由描述" + rows);
    }
}
