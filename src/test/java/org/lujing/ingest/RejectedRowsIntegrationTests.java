package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A file's rejected rows read a page at a time through the unique index (file, sheet, row): every row once, in
 * order, across sheets, with or without the resolved ones, and a "next" that never leads to an empty page.
 */
class RejectedRowsIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    RejectedRows rejects;

    @Autowired
    JdbcClient jdbc;

    long fileId;

    /** The file's own two rejects (sheet "") and 25 more over two sheets, every third resolved. */
    @BeforeEach
    void aFileWithRejectsOnThreeSheets() {
        fileId = ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/retry/ledger.csv"), "community")
                .file()
                .orElseThrow()
                .id();
        for (int i = 0; i < 25; i++) {
            String sheet = i < 10 ? "二月" : "一月";
            jdbc.sql("""
                            INSERT INTO row_reject (file_id, source_id, sheet, row_no, column_name, reason, message,
                              masked_values, status, created_at)
                            VALUES (?, 'community', ?, ?, '活动类型', 'UNKNOWN_CATEGORY', 'no such word', '[]', ?, ?)""")
                    .params(fileId, sheet, 100 - i, i % 3 == 0 ? "RESOLVED" : "OPEN", Timestamp.from(Instant.now()))
                    .update();
        }
    }

    @Test
    void pagesWalkEveryRowOnceInSheetAndRowOrder() {
        List<String> all = new ArrayList<>();
        rejects.forEach(fileId, false, r -> all.add(r.sheet() + "/" + r.rowNo()));
        assertThat(all).hasSize(27).doesNotHaveDuplicates();
        assertThat(all.subList(0, 2)).allMatch(s -> s.startsWith("/"));
        assertThat(all.get(2)).isEqualTo("一月/76");
        assertThat(all.get(26)).isEqualTo("二月/100");

        // pages of 4 give the same rows; the last page's "next" is null, and none is empty
        for (int size : new int[] {1, 4, 9, 27, 100}) {
            List<String> paged = new ArrayList<>();
            RejectedRows.After after = null;
            int pages = 0;
            do {
                RejectedRows.Page page = rejects.page(fileId, false, after, size);
                assertThat(page.rows()).isNotEmpty().hasSizeLessThanOrEqualTo(size);
                page.rows().forEach(r -> paged.add(r.sheet() + "/" + r.rowNo()));
                after = page.next();
                pages++;
            } while (after != null);
            assertThat(paged).as("pages of " + size).isEqualTo(all);
            assertThat(pages).isEqualTo((27 + size - 1) / size);
        }
    }

    @Test
    void openRowsAloneSkipTheResolvedOnes() {
        List<RejectedRow> open = new ArrayList<>();
        rejects.forEach(fileId, true, open::add);

        assertThat(open).hasSize(2 + 16).allMatch(r -> r.status().equals("OPEN"));
        assertThat(rejects.count(fileId, true)).isEqualTo(18);
        assertThat(rejects.count(fileId, false)).isEqualTo(27);
        assertThat(rejects.page(fileId, true, null, 18).next()).isNull();
        assertThat(rejects.files(true)).contains(fileId);
        // and a retry's places alone (sheet, row), three to a query here: the same rows, in the same order
        List<String> places = new ArrayList<>();
        rejects.forEachOpenPlace(fileId, 3, (sheet, row) -> places.add(sheet + "/" + row));
        assertThat(places)
                .containsExactlyElementsOf(
                        open.stream().map(r -> r.sheet() + "/" + r.rowNo()).toList());
    }

    @Test
    void countsTellWhatToFixMostFrequentFirst() {
        assertThat(rejects.counts(fileId))
                .first()
                .isEqualTo(new RejectedRows.ReasonCount("UNKNOWN_CATEGORY", "活动类型", "OPEN", 17));
        assertThat(rejects.counts(fileId).stream()
                        .mapToLong(RejectedRows.ReasonCount::rows)
                        .sum())
                .isEqualTo(27);
    }

    @Test
    void eachPageIsARangeOfTheUniqueIndexNotASortOfTheFile() {
        // HSQLDB would otherwise walk the foreign key's index over the file's every reject and sort them per page
        String plan = String.join(
                "\n",
                jdbc.sql("EXPLAIN PLAN FOR SELECT id FROM row_reject"
                                + " WHERE file_id = " + fileId + " AND sheet = '一月' AND row_no > 0 AND status = 'OPEN'"
                                + " ORDER BY file_id, sheet, row_no LIMIT 10")
                        .query(String.class)
                        .list());

        assertThat(plan).contains("index=ROW_REJECT_ROW").contains("uses index");
        // and so is the step from one sheet to the next
        String next = String.join(
                "\n",
                jdbc.sql("EXPLAIN PLAN FOR SELECT sheet FROM row_reject WHERE file_id = " + fileId
                                + " AND sheet > '一月' ORDER BY file_id, sheet LIMIT 1")
                        .query(String.class)
                        .list());
        assertThat(next).contains("index=ROW_REJECT_ROW").contains("uses index");
    }
}
