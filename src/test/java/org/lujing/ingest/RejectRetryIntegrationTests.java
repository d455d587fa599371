package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.read.FileOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** After an admin extends a vocabulary, a file's rejected rows are retried and the ones now valid join once. */
class RejectRetryIntegrationTests extends SharedLedgerContext {

    @Autowired
    FileIngestService ingest;

    @Autowired
    RejectRetryService retry;

    @Autowired
    FileRegistry files;

    @Autowired
    RejectedRows rejectedRows;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsMadeValidByAVocabularyChangeJoinTheLedgerExactlyOnce() throws IOException {
        // given a file with an unknown activity word and a bad check digit
        IngestedFile file = ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/retry/ledger.csv"), "community")
                .file()
                .orElseThrow();
        assertThat(file.outcome()).isEqualTo(FileOutcome.LOADED_WITH_REJECTS.name());
        assertThat(rejectedRows.page(file.id(), true, null, 10_000).rows())
                .extracting(RejectedRow::reason)
                .containsExactly("UNKNOWN_CATEGORY", "ID_CHECKSUM");
        assertThat(unmapped()).containsExactly("棋艺比赛");

        // a retry with nothing changed changes nothing
        assertThat(retry.retry(file.id()))
                .extracting(RejectRetryService.Result::accepted, RejectRetryService.Result::stillRejected)
                .containsExactly(0, 2);

        // when the admin maps the word and retries
        editSource("community", yaml -> yaml.replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 棋艺比赛]"));
        RejectRetryService.Result result = retry.retry(file.id());

        // then the row joins, the other stays rejected, and the file still balances
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.stillRejected()).isEqualTo(1);
        IngestedFile after = files.find(file.id()).orElseThrow();
        assertThat(new int[] {after.rowsRead(), after.accepted(), after.merged(), after.rejected(), after.skipped()})
                .containsExactly(3, 2, 0, 1, 0);
        assertThat(after.balances()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record WHERE category = 'PUBLIC_WELFARE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(unmapped()).isEmpty();
        assertThat(rejectedRows.page(file.id(), true, null, 10_000).rows())
                .extracting(RejectedRow::reason)
                .containsExactly("ID_CHECKSUM");

        // and retrying again adds nothing
        assertThat(retry.retry(file.id()).accepted()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aFileWhoseEveryRowWasRefusedIsRetriedSliceBySliceEveryRowOnce(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        // given more refused rows than one retry transaction takes: one word the vocabulary does not know
        int rows = RejectRetryService.SLICE + 500;
        StringBuilder csv = new StringBuilder("日期,姓名,身份证号,活动类型,合作单位\n");
        String[] agencies = {"湘江英烈纪念馆", "长沙高新区总工会", "湖南工商大学"};
        for (int i = 0; i < rows; i++) {
            csv.append(java.time.LocalDate.of(2025, 1, 1).plusDays(i % 365))
                    .append(",赵一,430104198001010014,棋艺比赛,")
                    .append(agencies[i % 3])
                    .append('\n');
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("all-refused.csv"), csv);
        IngestedFile refused = ingest.ingest(file, "community").file().orElseThrow();
        assertThat(refused.rejected()).isEqualTo(rows);

        // when the word is mapped and the file retried
        editSource("community", yaml -> yaml.replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 棋艺比赛]"));
        RejectRetryService.Result result = retry.retry(refused.id());

        // then every row joined once: 3 × 365 distinct records, the rest merged into them
        assertThat(result.accepted()).isEqualTo(3 * 365);
        assertThat(result.merged()).isEqualTo(rows - 3 * 365);
        assertThat(result.stillRejected()).isZero();
        IngestedFile after = files.find(refused.id()).orElseThrow();
        assertThat(after.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(new int[] {after.rowsRead(), after.accepted(), after.merged(), after.rejected()})
                .containsExactly(rows, 3 * 365, rows - 3 * 365, 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source WHERE file_id = ?")
                        .param(refused.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(rows);
        assertThat(rejectedRows.count(refused.id(), true)).isZero();

        // and a second retry finds nothing open
        assertThat(retry.retry(refused.id()).accepted()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(3 * 365);
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void aRowRefusedAgainKeepsWhatChangedAndOnlyThat(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // given a loaded file with a refused row (a wrong check digit)
        Path csv = java.nio.file.Files.writeString(
                dir.resolve("refused-again.csv"),
                "日期,姓名,身份证号,活动类型,合作单位\n2025-03-01,孙三,430104198001010015,义务劳动,湖南工商大学\n");
        IngestedFile file = ingest.ingest(csv, "community").file().orElseThrow();
        assertThat(file.rejected()).isEqualTo(1);
        RejectedRow first = rejectedRows.page(file.id(), true, null, 10).rows().get(0);

        // when a retry refuses it again for another reason, in another column, without its values
        RejectedRow changed = refuseAgain(file.id(), first, null);
        // then the new reason, message and empty column and values are what it keeps
        assertThat(java.util.Arrays.asList(
                        changed.reason(), changed.columnName(), changed.message(), changed.maskedValues()))
                .containsExactly("VALUE_INVALID", null, "时长无效 / hours invalid", null);

        // and refused again the same way but with its values back, only the values change
        RejectedRow back = refuseAgain(file.id(), first, first.maskedValues());
        assertThat(back.maskedValues()).isEqualTo(first.maskedValues());
        assertThat(back.reason()).isEqualTo("VALUE_INVALID");
    }

    /** Refuses the row again as a retry would, as VALUE_INVALID with no column and these values; reads it back. */
    private RejectedRow refuseAgain(long fileId, RejectedRow row, String maskedValues) {
        new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(t -> files.updateRejects(
                        fileId,
                        java.util.List.of(new RowResult.Rejected(
                                row.sheet(),
                                row.rowNo(),
                                org.lujing.normalise.ReasonCode.VALUE_INVALID,
                                null,
                                "时长无效 / hours invalid",
                                maskedValues,
                                null))));
        return rejectedRows.page(fileId, true, null, 10).rows().get(0);
    }

    private java.util.List<String> unmapped() {
        return jdbc.sql("SELECT word FROM unmapped_word WHERE source_id = 'community'")
                .query(String.class)
                .list();
    }

    @Test
    void rowsAreClosedOnlyWithTheirAuditEntry() throws IOException {
        IngestedFile file = ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/retry/ledger.csv"), "community")
                .file()
                .orElseThrow();
        assertThat(rejectedRows.count(file.id(), true)).isEqualTo(2);

        // when the audit log cannot be written, nothing is closed
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> rejectedRows.closeAudited(file.id(), null, java.util.List.of(), n -> {
                            throw new IllegalStateException("the audit log is down");
                        }))
                .hasMessageContaining("audit log is down");
        assertThat(rejectedRows.count(file.id(), true)).isEqualTo(2);

        // and when it can, both rows are closed and the entry says how many
        java.util.List<Integer> audited = new java.util.ArrayList<>();
        assertThat(rejectedRows.closeAudited(file.id(), null, java.util.List.of(), audited::add))
                .isEqualTo(2);
        assertThat(audited).containsExactly(2);
        assertThat(rejectedRows.count(file.id(), true)).isZero();
    }
}
