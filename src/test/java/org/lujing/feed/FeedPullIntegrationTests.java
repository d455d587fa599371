package org.lujing.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.TestLedger;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.FileWithdrawal;
import org.lujing.read.FileOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The micro-lesson feed route against a local HTTP server: paging, a 5xx retried with backoff, the bearer token,
 * idempotence by record id, and the pulled records going through the same ingest and accounting as a dropped file.
 *
 * <p>Each test is a scenario of its own: an empty ledger, the feed's five lessons, a server that answers at once, and
 * whatever its "given" adds (the roster, an earlier pull, a failing first page).
 */
@SpringBootTest
class FeedPullIntegrationTests {

    static final Path HOME = TestHomes.fresh("feed");
    static final String TOKEN = "s3cret-token";
    static final int PAGE_SIZE = 3;
    static final int RETRIES = 2;
    static final long TIMEOUT_MS = 600;
    static final List<String> FIVE_LESSONS = List.of(
            record("ml-1", "赵一", "430104198001010014", "2025-03-03", "第1课 社区矫正法概述"),
            record("ml-2", "钱二", "430104198512120020", "2025-03-03", "第1课 社区矫正法概述"),
            record("ml-3", "赵一", "430104198001010014", "2025-03-10", "第2课 遵纪守法"),
            record("ml-4", "钱二", "430104198512120020", "2025-03-10", "第2课 遵纪守法"),
            record("ml-5", "赵一", "430104198001010014", "2025-03-17", "第3课 心理健康"));

    /** What the feed serves and what it was asked: set up again before each test. */
    static final List<String> records = new CopyOnWriteArrayList<>();

    static final List<String> requests = new CopyOnWriteArrayList<>();
    /** Requests that reached an address the feed's pages should never send the pull to. */
    static final List<String> stolen = new CopyOnWriteArrayList<>();

    static final AtomicBoolean failFirstPageOnce = new AtomicBoolean();
    static final AtomicBoolean failSecondPage = new AtomicBoolean();
    /** Requests the server is still answering: a timed-out pull leaves one behind that must not reach the next test. */
    static final AtomicInteger answering = new AtomicInteger();

    static final HttpServer server = startServer();
    static final Map<String, Object> overrides = new HashMap<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
        registry.add("lujing.feeds.micro-lesson.url", () -> base() + "/lessons?course=weekly");
        registry.add("lujing.feeds.micro-lesson.token", () -> TOKEN);
        registry.add("lujing.feeds.micro-lesson.page-size", () -> PAGE_SIZE);
        registry.add("lujing.feeds.micro-lesson.retries", () -> RETRIES);
        registry.add("lujing.feeds.micro-lesson.retry-delay-ms", () -> 20);
        registry.add("lujing.feeds.micro-lesson.timeout-ms", () -> TIMEOUT_MS);
    }

    @Autowired
    FeedPuller feeds;

    @Autowired
    FileIngestService ingest;

    @Autowired
    FileRegistry files;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FileWithdrawal withdrawal;

    @Autowired
    org.lujing.ingest.RejectedRows rejectedRows;

    @Autowired
    ConfigurableEnvironment environment;

    @Autowired
    org.springframework.batch.core.launch.JobOperator jobOperator;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("fileIngestJob")
    org.springframework.batch.core.job.Job fileIngestJob;

    @Autowired
    org.lujing.operations.JobControl control;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @BeforeEach
    void anEmptyLedgerAndAFeedOfFiveLessons() {
        TestLedger.empty(jdbcTemplate);
        records.clear();
        records.addAll(FIVE_LESSONS);
        failFirstPageOnce.set(false);
        failSecondPage.set(false);
        requests.clear();
        stolen.clear();
    }

    @AfterEach
    void waitForTheServerToAnswerEverythingItWasAsked() {
        await().atMost(Duration.ofSeconds(30)).until(() -> answering.get() == 0);
    }

    @AfterEach
    void dropOverrides() {
        environment.getPropertySources().remove("feed-test-overrides");
        overrides.clear();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aPullFetchesEveryPageRetriesA5xxAndIngestsTheRecordsLikeADroppedFile() {
        // given the people on the roster, and a feed whose first page fails once
        theRosterIsLoaded();
        long recordsBefore = supportRecords();
        int filesBefore = files.all().size();
        failFirstPageOnce.set(true);

        // when
        PullResult result = feeds.pull("micro-lesson");

        // then two pages, the first one after one failed attempt, every request with the token
        assertThat(result.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(result.pages()).isEqualTo(2);
        assertThat(result.fetched()).isEqualTo(5);
        assertThat(result.fresh()).isEqualTo(5);
        assertThat(requests)
                .containsExactly(
                        "GET /lessons?course=weekly&page=1&size=3 Bearer " + TOKEN + " -> 500",
                        "GET /lessons?course=weekly&page=1&size=3 Bearer " + TOKEN + " -> 200",
                        "GET /lessons?course=weekly&page=2&size=3 Bearer " + TOKEN + " -> 200");

        // and the file went through the ingest job with balanced accounting
        assertThat(result.file()).isNotNull();
        assertThat(result.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(result.file().sourceId()).isEqualTo("micro-lesson");
        assertThat(result.file().balances()).isTrue();
        assertThat(result.file().rowsRead()).isEqualTo(5);
        assertThat(result.file().accepted()).isEqualTo(5);
        assertThat(files.all()).hasSize(filesBefore + 1);
        assertThat(supportRecords()).isEqualTo(recordsBefore + 5);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM support_record r JOIN subject s ON s.id = r.subject_id WHERE r.category = 'MICRO_LESSON'")
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(markedIds()).isEqualTo(5);
        assertThat(Path.of(result.file().storedPath())).exists().startsWith(HOME.resolve("archive/micro-lesson"));
        assertThat(jsonFilesUnder(HOME.resolve("feeds")))
                .as("the staging copy is removed after the ingest")
                .isEmpty();
    }

    @Test
    void aSecondPullAddsNothing() {
        // given the five lessons pulled once
        theRosterIsLoaded();
        assertThat(feeds.pull("micro-lesson").status()).isEqualTo(PullResult.Status.INGESTED);
        long recordsBefore = supportRecords();
        int filesBefore = files.all().size();
        requests.clear();

        // when
        PullResult result = feeds.pull("micro-lesson");

        // then
        assertThat(result.status()).isEqualTo(PullResult.Status.NOTHING_NEW);
        assertThat(result.fetched()).isEqualTo(5);
        assertThat(result.fresh()).isZero();
        assertThat(result.file()).isNull();
        assertThat(requests).hasSize(2);
        assertThat(files.all()).hasSize(filesBefore);
        assertThat(supportRecords()).isEqualTo(recordsBefore);
        assertThat(markedIds()).isEqualTo(5);
    }

    @Test
    void aPullTakesOnlyTheRecordsNotSeenBeforeAndStopsAtAnEmptyPage() {
        // given the five lessons pulled once, then a sixth published
        theRosterIsLoaded();
        assertThat(feeds.pull("micro-lesson").status()).isEqualTo(PullResult.Status.INGESTED);
        long recordsBefore = supportRecords();
        records.add(record("ml-6", "钱二", "430104198512120020", "2025-03-17", "第3课 心理健康"));
        requests.clear();

        // when
        PullResult result = feeds.pull("micro-lesson");

        // then
        assertThat(result.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.fetched()).isEqualTo(6);
        assertThat(result.fresh()).isEqualTo(1);
        assertThat(result.file().rowsRead()).isEqualTo(1);
        assertThat(result.file().balances()).isTrue();
        assertThat(requests).last().asString().contains("page=3");
        assertThat(supportRecords()).isEqualTo(recordsBefore + 1);
        assertThat(markedIds()).isEqualTo(6);
    }

    @Test
    void aRecordTheIngestRefusedComesAgainOnceThePartnerCorrectsIt() {
        // given the five lessons pulled once, the third with an ID number whose check digit is wrong
        theRosterIsLoaded();
        records.set(2, record("ml-3", "赵一", "430104198001010015", "2025-03-10", "第2课 遵纪守法"));
        PullResult first = feeds.pull("micro-lesson");
        assertThat(first.outcome()).isEqualTo(FileOutcome.LOADED_WITH_REJECTS.name());
        assertThat(first.file().rejected()).isEqualTo(1);
        long recordsAfterFirst = supportRecords();

        // then the refused record's id is not taken, and sent unchanged it is not taken again (nor refused again)
        assertThat(markedIds()).isEqualTo(4);
        PullResult unchanged = feeds.pull("micro-lesson");
        assertThat(unchanged.status()).isEqualTo(PullResult.Status.NOTHING_NEW);
        assertThat(openRejects()).isEqualTo(1);

        // when the partner corrects it on the platform
        records.set(2, record("ml-3", "赵一", "430104198001010014", "2025-03-10", "第2课 遵纪守法"));
        PullResult corrected = feeds.pull("micro-lesson");

        // then the corrected record is taken, counted, and the reject it answers is closed, audited
        assertThat(corrected.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(corrected.fresh()).isEqualTo(1);
        assertThat(corrected.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(supportRecords()).isEqualTo(recordsAfterFirst + 1);
        assertThat(markedIds()).isEqualTo(5);
        assertThat(openRejects()).isZero();
        assertThat(rejectStatus(first.file().id())).isEqualTo("CLOSED");
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || target || ' ' || reason FROM audit_log")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains(
                        FeedRejects.ACTOR,
                        "REJECTS_CLOSE",
                        "file #" + first.file().id(),
                        "ml-3",
                        "更正")
                .contains("文件 #" + corrected.file().id() + " 第 1 行");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM feed_record_reject")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(feeds.pull("micro-lesson").status()).isEqualTo(PullResult.Status.NOTHING_NEW);
    }

    @Test
    void aRecordRefusedAgainLeavesOneRejectOpenAndAWithdrawnRefusalLetsItComeAgain() {
        // given the third lesson refused for its ID number
        theRosterIsLoaded();
        records.set(2, record("ml-3", "赵一", "430104198001010015", "2025-03-10", "第2课 遵纪守法"));
        PullResult first = feeds.pull("micro-lesson");
        assertThat(first.file().rejected()).isEqualTo(1);

        // when the partner changes it, still wrong (a date no calendar has)
        records.set(2, record("ml-3", "赵一", "430104198001010014", "2025-13-40", "第2课 遵纪守法"));
        PullResult again = feeds.pull("micro-lesson");

        // then the new refusal replaces the old: one reject still to fix, on the newer file
        assertThat(again.fresh()).isEqualTo(1);
        assertThat(again.outcome()).isEqualTo(FileOutcome.LOADED_WITH_REJECTS.name());
        assertThat(rejectStatus(first.file().id())).isEqualTo("CLOSED");
        assertThat(rejectStatus(again.file().id())).isEqualTo("OPEN");
        assertThat(openRejects()).isEqualTo(1);
        assertThat(markedIds()).isEqualTo(4);

        // and when an admin withdraws that newer file, the same record sent unchanged is taken again
        withdrawal.withdraw(again.file().id(), "admin", "测试");
        PullResult afterWithdrawal = feeds.pull("micro-lesson");
        assertThat(afterWithdrawal.fresh()).isEqualTo(1);
        assertThat(afterWithdrawal.file().rejected()).isEqualTo(1);
        assertThat(openRejects()).isEqualTo(1);
    }

    @Test
    void aWithdrawnPullIsTakenAgainByTheNextPull() {
        // given the five lessons pulled and loaded
        theRosterIsLoaded();
        long before = supportRecords();
        PullResult first = feeds.pull("micro-lesson");
        assertThat(first.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(markedIds()).isEqualTo(5);

        // when an admin withdraws their file (loaded under a mapping since found wrong, say)
        withdrawal.withdraw(first.file().id(), "admin", "测试：映射有误");

        // then their ids are no longer taken, and the next pull brings them again, loaded once more
        assertThat(markedIds()).isZero();
        assertThat(supportRecords()).isEqualTo(before);
        PullResult again = feeds.pull("micro-lesson");
        assertThat(again.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(again.fresh()).isEqualTo(5);
        assertThat(again.outcome()).isEqualTo(FileOutcome.LOADED.name());
        assertThat(supportRecords()).isEqualTo(before + 5);
        assertThat(markedIds()).isEqualTo(5);
    }

    @Test
    void aWithdrawnPullWhoseRefusalAnAdminClosedSendsThatRecordAgainToo() {
        // given the third lesson refused, its reject closed by an admin (handled otherwise), then the file withdrawn
        theRosterIsLoaded();
        records.set(2, record("ml-3", "赵一", "430104198001010015", "2025-03-10", "第2课 遵纪守法"));
        PullResult first = feeds.pull("micro-lesson");
        rejectedRows.closeAudited(first.file().id(), null, List.of(), n -> {});
        withdrawal.withdraw(first.file().id(), "admin", "测试");

        // then nothing of it is held back: the next pull takes all five again, the refused one included
        assertThat(jdbc.sql("SELECT COUNT(*) FROM feed_record_reject")
                        .query(Long.class)
                        .single())
                .isZero();
        PullResult again = feeds.pull("micro-lesson");
        assertThat(again.fresh()).isEqualTo(5);
        assertThat(again.file().rejected()).isEqualTo(1);
    }

    @Test
    void aPullWhoseIngestWasFinishedLaterIsSettledThenAndNotTakenAgain() throws Exception {
        // given a pull whose ingest did not complete (here its run failed before it began; a stop or a crash mid-way
        // leaves the same: a claimed file, nothing marked), the third lesson with a wrong check digit
        theRosterIsLoaded();
        records.set(2, record("ml-3", "赵一", "430104198001010015", "2025-03-10", "第2课 遵纪守法"));
        Path pulled = HOME.resolve("late-pull/20250310-020000.json");
        org.springframework.batch.core.job.JobExecution cutShort = jobOperator.start(
                fileIngestJob,
                new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                        .addString("file", pulled.toString())
                        .addString("source", "micro-lesson")
                        .addString("name", pulled.getFileName().toString())
                        .toJobParameters());
        assertThat(cutShort.getStatus()).isEqualTo(org.springframework.batch.core.BatchStatus.FAILED);
        assertThat(markedIds()).isZero();

        // and the copy a killed pull left beside it is deleted once the file is finished from its archive
        Path leftByTheKilledPull =
                Files.createDirectories(HOME.resolve("feeds/micro-lesson")).resolve(pulled.getFileName());
        Files.writeString(leftByTheKilledPull, "{\"records\": []}");

        // when it is finished later, as serve finishes it at its next start (or jobs restart does)
        Files.createDirectories(pulled.getParent());
        Files.writeString(pulled, "{\"records\": [\n" + String.join(",\n", records) + "\n]}\n");
        assertThat(control.restart(cutShort.getId()).getStatus())
                .isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);

        // then its records are settled as its pull would have settled them: four taken, the refused one kept
        assertThat(markedIds()).isEqualTo(4);
        assertThat(leftByTheKilledPull).doesNotExist();
        assertThat(jdbc.sql("SELECT record_id FROM feed_record_reject")
                        .query(String.class)
                        .list())
                .containsExactly("ml-3");
        // and the next pull takes nothing again: no record merged into itself, no second reject for ml-3
        long recordsBefore = supportRecords();
        assertThat(feeds.pull("micro-lesson").status()).isEqualTo(PullResult.Status.NOTHING_NEW);
        assertThat(supportRecords()).isEqualTo(recordsBefore);
        assertThat(openRejects()).isEqualTo(1);

        // and once the partner corrects it, the correction closes the reject of the file finished late
        records.set(2, record("ml-3", "赵一", "430104198001010014", "2025-03-10", "第2课 遵纪守法"));
        PullResult corrected = feeds.pull("micro-lesson");
        assertThat(corrected.fresh()).isEqualTo(1);
        assertThat(openRejects()).isZero();
    }

    @Test
    void aPullFinishedLateLeavesALaterPullsRefusalOfTheSameRecordStanding() throws Exception {
        // given a pull's file loaded but never settled (its pull gave up on it), the five lessons all valid then
        theRosterIsLoaded();
        Path late = Files.createDirectories(HOME.resolve("late-pull")).resolve("20250310-020000-a.json");
        Files.writeString(late, "{\"records\": [\n" + String.join(",\n", records) + "\n]}\n");
        IngestedFileRef a = new IngestedFileRef(
                ingest.ingest(late, "micro-lesson").file().orElseThrow().id());
        // and a later pull, while the partner has changed ml-3 into something refused
        records.set(2, record("ml-3", "赵一", "430104198001010015", "2025-03-10", "第2课 遵纪守法"));
        PullResult b = feeds.pull("micro-lesson");
        assertThat(b.file().rejected()).isEqualTo(1);

        // when the first file's late finish is settled
        events.publishEvent(new org.lujing.ingest.ResumedIngestFinished(a.id(), 0));

        // then the later refusal stands: its reject open, ml-3 still free to come once corrected
        assertThat(rejectStatus(b.file().id())).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT file_id FROM feed_record_reject WHERE record_id = 'ml-3'")
                        .query(Long.class)
                        .single())
                .isEqualTo(b.file().id());
        assertThat(markedIds()).isEqualTo(4);
        records.set(2, record("ml-3", "赵一", "430104198001010014", "2025-03-24", "第2课 遵纪守法"));
        assertThat(feeds.pull("micro-lesson").fresh()).isEqualTo(1);
        assertThat(openRejects()).isZero();
    }

    private record IngestedFileRef(long id) {}

    @Test
    void aPullWhoseIngestFailedIsFinishedByTheNextPullBeforeItAsksTheFeedAgain() {
        // given a pull whose ingest failed in this process (the database refusing its provenance mid-way): its file
        // stays in progress under this node's claim, which no takeover of dead nodes' work ever finishes
        theRosterIsLoaded();
        jdbc.sql("ALTER TABLE record_source RENAME TO record_source_away").update();
        PullResult failed;
        try {
            failed = feeds.pull("micro-lesson");
        } finally {
            jdbc.sql("ALTER TABLE record_source_away RENAME TO record_source").update();
        }
        assertThat(failed.status()).isEqualTo(PullResult.Status.INGEST_FAILED);
        long fileId = failed.file().id();
        assertThat(failed.file().outcome()).isEqualTo("IN_PROGRESS");
        assertThat(markedIds()).isZero();

        // when the next pull comes, the cause gone
        PullResult next = feeds.pull("micro-lesson");

        // then it finished that file first and settled its records, and took nothing a second time
        assertThat(jdbc.sql("SELECT outcome FROM ingest_file WHERE id = ?")
                        .param(fileId)
                        .query(String.class)
                        .single())
                .isEqualTo("LOADED");
        assertThat(markedIds()).isEqualTo(5);
        assertThat(next.status()).isEqualTo(PullResult.Status.NOTHING_NEW);
        assertThat(supportRecords()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM record_source")
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aPullWhileAnEarlierPullsFileIsUnfinishedAsksTheFeedNothing() {
        // given an earlier pull's file still in progress (its process killed; serve or another node finishing it):
        // its records are not marked taken until it is finished
        theRosterIsLoaded();
        long unfinished = jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format,
                          received_at, outcome)
                        VALUES ('micro-lesson', '20250310-020000.json', 'archive/20250310-020000.json', ?, 10, 'json',
                          CURRENT_TIMESTAMP, 'IN_PROGRESS')""").param("ab".repeat(32)).update() > 0
                ? jdbc.sql("SELECT MAX(id) FROM ingest_file").query(Long.class).single()
                : -1;
        try {
            requests.clear();
            long before = supportRecords();

            // when the night's pull comes
            PullResult waiting = feeds.pull("micro-lesson");

            // then it asks the feed nothing and takes nothing — each record would be taken a second time — and
            // says why, in the worker's words
            assertThat(waiting.status()).isEqualTo(PullResult.Status.SKIPPED);
            assertThat(waiting.messageZh())
                    .isEqualTo("该来源的文件 #" + unfinished + " 尚未入库完成，其中的记录还未标记为已取，这次不拉取；"
                            + "下次拉取会先把它完成（不能完成时请查看 files），再取新记录");
            assertThat(requests).isEmpty();
            assertThat(supportRecords()).isEqualTo(before);
            assertThat(markedIds()).isZero();
        } finally {
            jdbc.sql("DELETE FROM ingest_file WHERE id = ?").param(unfinished).update();
        }

        // and once it is finished, the next pull takes the records
        assertThat(feeds.pull("micro-lesson").status()).isEqualTo(PullResult.Status.INGESTED);
    }

    @Test
    void aFeedWithoutUrlIsSkippedWithoutAnyRequest() {
        override("lujing.feeds.micro-lesson.url", "");
        requests.clear();

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.SKIPPED);
        assertThat(result.message()).contains("lujing.feeds.micro-lesson.url");
        assertThat(result.messageZh()).isNull();
        assertThat(requests).isEmpty();
    }

    @Test
    void aFeedThatCannotBeReachedIsReportedAfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        override("lujing.feeds.micro-lesson.url", "http://127.0.0.1:" + closedPort + "/lessons");
        int filesBefore = files.all().size();

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.message()).contains("after " + RETRIES + " retries");
        assertThat(result.messageZh()).isEqualTo("连接被拒绝（接口服务未运行或端口不对），重试 " + RETRIES + " 次后仍未成功");
        assertThat(files.all()).hasSize(filesBefore);
    }

    @Test
    void aFeedAnswering5xxIsRetriedWithBackoffThenReported() {
        override("lujing.feeds.micro-lesson.url", base() + "/down");
        requests.clear();

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.message()).contains("HTTP 503").doesNotContain("page=");
        assertThat(result.messageZh()).startsWith("接口返回 HTTP 503（").doesNotContain("page=");
        assertThat(requests).hasSize(1 + RETRIES).allSatisfy(r -> assertThat(r).endsWith("-> 503"));
    }

    @Test
    void aFeedThatDoesNotAnswerInTimeIsReported() {
        override("lujing.feeds.micro-lesson.url", base() + "/slow");
        long start = System.nanoTime();

        PullResult result = feeds.pull("micro-lesson");

        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(ms).isLessThan((RETRIES + 1) * (TIMEOUT_MS + 1000));
        assertThat(result.messageZh()).startsWith("接口在时限内没有应答");
    }

    @Test
    void aPageTricklingInIsCutAtItsDeadlineAndReportedNotWaitedForEver() {
        // given a platform that answers at once, then sends a byte at a time, each well within the read timeout
        override("lujing.feeds.micro-lesson.url", base() + "/trickle");
        override("lujing.feeds.micro-lesson.page-deadline-ms", 2000);

        // when it is pulled
        PullResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> feeds.pull("micro-lesson"));

        // then the page is cut at its deadline and reported at once (a redelivery would trickle again), nothing taken
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.messageZh()).startsWith("接口第 1 页在 2 秒内没有传完（lujing.feeds.micro-lesson.page-deadline-ms）");
        assertThat(requests).filteredOn(r -> r.endsWith("-> trickle")).hasSize(1);
        assertThat(markedIds()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> answering.get() == 0);
    }

    @Test
    void aPageThatIsNotJsonIsReportedWithoutLeakingItsContent() {
        override("lujing.feeds.micro-lesson.url", base() + "/garbage");

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.message()).doesNotContain("430104198001010014");
        assertThat(result.messageZh()).startsWith("接口页面不是 JSON（第 ").doesNotContain("430104198001010014");
    }

    @Test
    void aPageLargerThanTheLimitIsCutOffNotReadWhole() {
        // given a feed whose page never ends (a platform that ignores the page size, streamed), and a limit of 4 KiB
        override("lujing.feeds.micro-lesson.url", base() + "/endless");
        override("lujing.feeds.micro-lesson.max-page-bytes", 4096);
        endlessBytes.set(0);

        // when it is pulled (closing such an answer would read it to its end: the pull would never finish)
        PullResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> feeds.pull("micro-lesson"));

        // then the page is reported at once, naming the limit and its setting, nothing taken, and the connection was
        // cut after little more than the limit (the rest never crossed the wire into the heap)
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.messageZh())
                .startsWith("接口第 1 页超过 4096 字节的上限（lujing.feeds.micro-lesson.max-page-bytes）")
                .doesNotContain("重试");
        assertThat(result.message()).contains("larger than 4096 bytes");
        await().atMost(Duration.ofSeconds(30)).until(() -> answering.get() == 0);
        assertThat(endlessBytes.get()).isLessThan(64L << 20);
        assertThat(markedIds()).isZero();
        assertThat(supportRecords()).isZero();
        assertThat(jsonFilesUnder(HOME.resolve("feeds"))).isEmpty();
    }

    @Test
    void aGzippedPageIsReadAndWhatItUnpacksToIsWhatCounts() {
        // given the five lessons on one page sent gzipped (unasked), and a gzip bomb: 4 MiB of spaces in some 4 KiB
        theRosterIsLoaded();
        override("lujing.feeds.micro-lesson.url", base() + "/gzipped");

        // when the first is pulled
        PullResult lessons = feeds.pull("micro-lesson");

        // then its records are read as if sent plain
        assertThat(lessons.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(lessons.fresh()).isEqualTo(5);
        assertThat(markedIds()).isEqualTo(5);

        // and the bomb is measured unpacked: over a 1 MiB limit, whatever its size on the wire
        override("lujing.feeds.micro-lesson.url", base() + "/bomb");
        override("lujing.feeds.micro-lesson.max-page-bytes", 1 << 20);
        PullResult bomb = feeds.pull("micro-lesson");
        assertThat(bomb.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(bomb.messageZh()).contains("超过 1048576 字节的上限");
    }

    @Test
    void aPullThatFailsAfterItsFirstPagesLeavesNoFileOfTheirRecords() {
        // given a feed whose second page cannot be had: the first page's three records were written to the pull's file
        theRosterIsLoaded();
        failSecondPage.set(true);

        // when it is pulled
        PullResult result = feeds.pull("micro-lesson");

        // then nothing is taken, and the file of the first page's records (ID numbers in clear) is gone
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(markedIds()).isZero();
        assertThat(supportRecords()).isZero();
        assertThat(jsonFilesUnder(HOME.resolve("feeds"))).isEmpty();
    }

    @Test
    void aRefusedTokenIsSaidAtOnceWithTheSettingToCheckNotRetried() {
        override("lujing.feeds.micro-lesson.token", "expired-token");
        requests.clear();

        PullResult result = feeds.pull("micro-lesson");

        // one request: asking again with the same token changes nothing; the words name the setting, never the token
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(requests).hasSize(1).allSatisfy(r -> assertThat(r).endsWith("-> 401"));
        assertThat(result.messageZh())
                .startsWith("接口拒绝访问第 1 页（HTTP 401）：请检查 lujing.feeds.micro-lesson.token")
                .doesNotContain("expired-token")
                .doesNotContain("重试");
    }

    @Test
    void anErrorAnswerIsRetriedWithoutReadingItsBody() {
        // given a feed that answers 500 with a body that never ends
        override("lujing.feeds.micro-lesson.url", base() + "/huge-error");
        requests.clear();

        // when it is pulled
        PullResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> feeds.pull("micro-lesson"));

        // then each attempt is cut at its status, retried as any 5xx, and reported (the body was read whole, into a
        // String, before: an endless one took the process down)
        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.messageZh()).startsWith("接口返回 HTTP 500（");
        assertThat(requests).hasSize(1 + RETRIES).allSatisfy(r -> assertThat(r).endsWith("-> 500"));
    }

    @Test
    void aNextPageTheFeedNamesOnItsOwnHostIsFollowed() {
        theRosterIsLoaded();
        override("lujing.feeds.micro-lesson.url", base() + "/linked");

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(result.pages()).isEqualTo(2);
        assertThat(result.fresh()).isEqualTo(5);
        assertThat(requests).anyMatch(r -> r.startsWith("GET /linked?cursor=2 Bearer " + TOKEN));
    }

    @Test
    void aPageNamingItselfAsTheNextStopsThePullAsALoopNotAtMaxPages() {
        theRosterIsLoaded();
        override("lujing.feeds.micro-lesson.url", base() + "/loop");
        requests.clear();

        PullResult result = feeds.pull("micro-lesson");

        // one request, not max-pages (1,000) of the same page; its records taken, the loop said, no advice to raise
        // max-pages
        assertThat(requests).hasSize(1);
        assertThat(result.pages()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(PullResult.Status.INGESTED);
        assertThat(result.fresh()).isEqualTo(5);
        assertThat(result.messageZh()).contains("接口分页循环").doesNotContain("max-pages");
    }

    @Test
    void aNextPageElsewhereIsNotFollowedAndTheTokenGoesNowhereElse() {
        for (String elsewhere : List.of("/to-other-host", "/to-file")) {
            // given a page whose next page is on another host (localhost is not the configured 127.0.0.1), or a
            // Camel address of another component
            requests.clear();
            override("lujing.feeds.micro-lesson.url", base() + elsewhere);
            int filesBefore = files.all().size();

            // when
            PullResult result = feeds.pull("micro-lesson");

            // then the pull stops at once, says why and where to change the feed, and nothing is taken
            assertThat(result.status()).as(elsewhere).isEqualTo(PullResult.Status.UNREACHABLE);
            assertThat(result.messageZh())
                    .as(elsewhere)
                    .contains("下一页地址在 ")
                    .contains("不在所配置的接口 " + base())
                    .contains("lujing.feeds.micro-lesson.url")
                    .doesNotContain("steal");
            assertThat(requests).as(elsewhere).hasSize(1).noneMatch(r -> r.contains("steal"));
            assertThat(stolen).isEmpty();
            assertThat(new java.io.File("/tmp/lujing-feed-steal.txt")).doesNotExist();
            assertThat(files.all()).hasSize(filesBefore);
        }
    }

    @Test
    void aRedirectIsReportedNotFollowedNorRetried() {
        override("lujing.feeds.micro-lesson.url", base() + "/moved");

        PullResult result = feeds.pull("micro-lesson");

        assertThat(result.status()).isEqualTo(PullResult.Status.UNREACHABLE);
        assertThat(result.messageZh())
                .contains("重定向（302）")
                .contains("指向 http://localhost:" + server.getAddress().getPort())
                .contains("lujing.feeds.micro-lesson.url")
                .doesNotContain("secret-path");
        assertThat(requests).hasSize(1).allMatch(r -> r.startsWith("GET /moved"));
        assertThat(stolen).isEmpty();
    }

    private void theRosterIsLoaded() {
        assertThat(ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/merge/roster/roster.csv"), "roster")
                        .outcome())
                .isEqualTo(FileOutcome.LOADED.name());
    }

    private void override(String key, Object value) {
        overrides.put(key, value);
        if (!environment.getPropertySources().contains("feed-test-overrides")) {
            environment.getPropertySources().addFirst(new MapPropertySource("feed-test-overrides", overrides));
        }
    }

    private long supportRecords() {
        return jdbc.sql("SELECT COUNT(*) FROM support_record").query(Long.class).single();
    }

    private long openRejects() {
        return jdbc.sql("SELECT COUNT(*) FROM row_reject WHERE status = 'OPEN'")
                .query(Long.class)
                .single();
    }

    private String rejectStatus(long fileId) {
        return jdbc.sql("SELECT status FROM row_reject WHERE file_id = ?")
                .param(fileId)
                .query(String.class)
                .single();
    }

    private long markedIds() {
        return jdbc.sql("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'micro-lesson-feed'")
                .query(Long.class)
                .single();
    }

    private static List<Path> jsonFilesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String record(String id, String name, String idNumber, String date, String lesson) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"idNumber\": \"" + idNumber + "\", \"date\": \""
                + date + "\", \"activityName\": \"" + lesson + "\", \"hours\": 0.5}";
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpServer startServer() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.setExecutor(Executors.newCachedThreadPool());
            s.createContext("/lessons", answering(FeedPullIntegrationTests::lessons));
            s.createContext("/linked", answering(ex -> {
                boolean second =
                        String.valueOf(ex.getRequestURI().getRawQuery()).contains("cursor=2");
                respond(
                        ex,
                        200,
                        second
                                ? "{\"records\": [" + String.join(",", records.subList(3, 5)) + "]}"
                                : "{\"records\": [" + String.join(",", records.subList(0, 3)) + "], \"next\": \""
                                        + base() + "/linked?cursor=2\"}");
            }));
            s.createContext(
                    "/to-other-host",
                    answering(ex -> respond(
                            ex,
                            200,
                            "{\"records\": [" + records.get(0) + "], \"next\": \"http://localhost:"
                                    + s.getAddress().getPort() + "/steal?page=2\"}")));
            s.createContext(
                    "/to-file",
                    answering(ex -> respond(
                            ex,
                            200,
                            "{\"records\": [" + records.get(0)
                                    + "], \"next\": \"file:/tmp?fileName=lujing-feed-steal.txt\"}")));
            s.createContext("/moved", answering(ex -> {
                requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " -> 302");
                ex.getResponseHeaders()
                        .add("Location", "http://localhost:" + s.getAddress().getPort() + "/steal/secret-path");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }));
            s.createContext("/steal", answering(ex -> {
                stolen.add(ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization"));
                respond(ex, 200, "[]");
            }));
            s.createContext("/down", answering(ex -> respond(ex, 503, "{\"error\": \"maintenance\"}")));
            s.createContext(
                    "/loop",
                    answering(
                            ex -> respond(ex, 200, "{\"records\": [" + String.join(",", records) + "], \"next\": 1}")));
            s.createContext("/garbage", answering(ex -> respond(ex, 200, "<html>赵一 430104198001010014</html>")));
            s.createContext("/endless", answering(ex -> endless(ex, 200)));
            s.createContext("/huge-error", answering(ex -> endless(ex, 500)));
            s.createContext(
                    "/gzipped",
                    answering(ex -> gzipped(
                            ex, "{\"records\": [" + String.join(",", FIVE_LESSONS) + "], \"hasMore\": false}")));
            s.createContext("/bomb", answering(ex -> gzipped(ex, "[" + " ".repeat(4 << 20) + "]")));
            s.createContext("/trickle", answering(FeedPullIntegrationTests::trickle));
            s.createContext("/slow", answering(ex -> {
                try {
                    Thread.sleep(TIMEOUT_MS * 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(ex, 200, "[]");
            }));
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpHandler answering(HttpHandler handler) {
        return ex -> {
            answering.incrementAndGet();
            try {
                handler.handle(ex);
            } finally {
                answering.decrementAndGet();
            }
        };
    }

    /** The assumed platform: GET ?page=N&size=S (pages from 1), bearer token, {"records": [...]} per page. */
    private static void lessons(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(auth)) {
            respond(ex, 401, "{\"error\": \"unauthorized\"}");
            return;
        }
        Map<String, String> q = new HashMap<>();
        for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], p.length > 1 ? p[1] : "");
        }
        int page = Integer.parseInt(q.get("page"));
        int size = Integer.parseInt(q.get("size"));
        if (page == 2 && failSecondPage.get()) {
            respond(ex, 503, "{\"error\": \"maintenance\"}");
            return;
        }
        if (page == 1 && failFirstPageOnce.getAndSet(false)) {
            respond(ex, 500, "{\"error\": \"try again\"}");
            return;
        }
        List<String> slice = new ArrayList<>();
        for (int i = (page - 1) * size; i < Math.min(records.size(), page * size); i++) {
            slice.add(records.get(i));
        }
        respond(
                ex,
                200,
                "{\"platform\": \"智慧矫正\", \"page\": " + page + ", \"records\": [" + String.join(",", slice) + "]}");
    }

    /** Bytes the endless answer sent before the client went away. */
    static final java.util.concurrent.atomic.AtomicLong endlessBytes = new java.util.concurrent.atomic.AtomicLong();

    /** An answer that never ends: records, streamed until the client goes away. */
    private static void endless(HttpExchange ex, int status) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " -> " + status);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, 0);
        byte[] record = (record("ml-x", "赵一", "430104198001010014", "2025-03-03", "第1课") + ",")
                .getBytes(StandardCharsets.UTF_8);
        try (java.io.OutputStream out = ex.getResponseBody()) {
            out.write("{\"records\": [".getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.write(record);
                endlessBytes.addAndGet(record.length);
            }
        } catch (IOException clientWentAway) {
            // what an aborted connection looks like from here
        } finally {
            ex.close();
        }
    }

    /** A page that starts at once and then sends one space every 200 ms, for ever: never a read timeout. */
    private static void trickle(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " -> trickle");
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        try (java.io.OutputStream out = ex.getResponseBody()) {
            out.write("{\"records\": [".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                Thread.sleep(200);
                out.write(' ');
                out.flush();
            }
        } catch (IOException clientWentAway) {
            // what an aborted connection looks like from here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    /** The body gzipped, with Content-Encoding: gzip, whether the client asked for it or not. */
    private static void gzipped(HttpExchange ex, String body) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " -> 200 gzip");
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(packed)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().add("Content-Encoding", "gzip");
        ex.sendResponseHeaders(200, packed.size());
        ex.getResponseBody().write(packed.toByteArray());
        ex.close();
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + auth + " -> " + status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
