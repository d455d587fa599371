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
    JdbcClient jdbc;

    @Test
    void rowsMadeValidByAVocabularyChangeJoinTheLedgerExactlyOnce() throws IOException {
        // given a file with an unknown activity word and a bad check digit
        IngestedFile file = ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/retry/ledger.csv"), "community")
                .file()
                .orElseThrow();
        assertThat(file.outcome()).isEqualTo(FileOutcome.LOADED_WITH_REJECTS.name());
        assertThat(files.openRejects(file.id()))
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
        assertThat(files.openRejects(file.id())).extracting(RejectedRow::reason).containsExactly("ID_CHECKSUM");

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

    private java.util.List<String> unmapped() {
        return jdbc.sql("SELECT word FROM unmapped_word WHERE source_id = 'community'")
                .query(String.class)
                .list();
    }
}
