package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.read.FileOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** After an admin extends a vocabulary, a file's rejected rows are retried and the ones now valid join once. */
@SpringBootTest(properties = "camel.main.auto-startup=false")
class RejectRetryIntegrationTests {

    static final Path HOME = TestHomes.fresh("retry");
    static final Path JOBS = HOME.resolve("jobs");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) throws IOException {
        copyTree(Path.of("jobs"), JOBS);
        registry.add("lujing.home", HOME::toString);
        registry.add("lujing.jobs-dir", JOBS::toString);
    }

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
        Path community = JOBS.resolve("sources/community.yaml");
        Files.writeString(
                community,
                Files.readString(community).replace("PUBLIC_WELFARE: [义务劳动]", "PUBLIC_WELFARE: [义务劳动, 棋艺比赛]"),
                StandardCharsets.UTF_8);
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

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
