package org.lujing.report.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lujing.TestHomes;
import org.lujing.ledger.Period;
import org.lujing.report.ReportService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report-delivery route on a running app: reports written under reports/2025/ reach the outbox once; with no mail
 * host configured, nothing else happens.
 */
@SpringBootTest(properties = {"lujing.reports.delivery-delay=100", "lujing.reports.read-lock-min-age=100"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportDeliveryRouteIntegrationTests {

    static final Path HOME = TestHomes.fresh("report-delivery");
    static final Path OUTBOX = HOME.resolve("outbox");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    ReportService reports;

    @Autowired
    CamelContext camel;

    @Autowired
    ReportMailer mailer;

    @Test
    @Order(1)
    void aWrittenReportIsDeliveredToTheOutboxWithItsPeriodFolder() throws IOException {
        // given / when
        List<Path> written = reports.writeStatistics(Period.parse("2025"), null, "zh");

        // then
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(outboxFiles())
                        .containsExactlyInAnyOrder("2025/statistics-2025.xlsx", "2025/statistics-2025.json"));
        for (Path report : written) {
            assertThat(OUTBOX.resolve("2025").resolve(report.getFileName())).hasSameBinaryContentAs(report);
        }
        assertThat(written).allSatisfy(report -> assertThat(report).exists()); // the reports stay in place
    }

    @Test
    @Order(2)
    void anUnchangedReportIsNotDeliveredAgain() throws IOException, InterruptedException {
        // given a delivered report whose outbox copy was collected
        Path collected = OUTBOX.resolve("2025/statistics-2025.json");
        await().atMost(PATIENCE).until(() -> Files.exists(collected));
        Files.delete(collected);

        // when the route polls many more times (every 100 ms)
        Thread.sleep(2_000);

        // then
        assertThat(collected).doesNotExist();
    }

    @Test
    @Order(3)
    void aReportWrittenAgainIsDeliveredAsANewVersion() throws IOException {
        // given a report rewritten in place, as a rerun of the report would (written beside, then renamed)
        Path report = HOME.resolve("reports/2025/statistics-2025.json");
        Path staged = HOME.resolve("reports/2025/statistics-2025.json.partial");
        Files.writeString(staged, "{\"rewritten\": true}\n");
        Files.move(staged, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        // then
        Path delivered = OUTBOX.resolve("2025/statistics-2025.json");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivered).hasContent("{\"rewritten\": true}\n"));
        assertThat(outboxFiles()).containsExactlyInAnyOrder("2025/statistics-2025.xlsx", "2025/statistics-2025.json");
    }

    @Test
    @Order(4)
    void withoutAMailHostNoMailIsAttempted() {
        // given the default configuration (lujing.reports.mail.host empty) and reports delivered to the outbox above
        // then the mail route was never created, nothing was tried, and the home holds no trace of mail
        assertThat(camel.getRoute("report-delivery")).isNotNull();
        assertThat(camel.getRoute("report-delivery-mail")).isNull();
        assertThat(mailer.failures()).isEmpty();
        assertThat(HOME.resolve("data/report-mail.idempotent")).doesNotExist();
        assertThat(HOME.resolve("data/report-mail.since")).doesNotExist();
    }

    @Test
    @Order(5)
    void reportsAndTheOutboxArePrivate() throws IOException {
        // given the reports written again by Lujing (test 3 rewrote one by hand) and delivered
        reports.writeStatistics(Period.parse("2025"), null, "zh");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(OUTBOX.resolve("2025/statistics-2025.json"))
                        .hasSameBinaryContentAs(HOME.resolve("reports/2025/statistics-2025.json")));
        // reports/ and outbox/ as archive/: folders 0700, files 0600, at every level
        for (Path root : List.of(HOME.resolve("reports"), OUTBOX)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    String mode =
                            java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    assertThat(mode)
                            .as(HOME.relativize(p).toString())
                            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                }
            }
        }
    }

    @Test
    @Order(6)
    void aSymbolicLinkInReportsIsNeverFollowedOutOfIt() throws IOException {
        // given: links in reports/ to a file and a folder outside it, and a real report written after them
        Path secrets = Files.createDirectories(HOME.resolve("elsewhere"));
        Files.writeString(secrets.resolve("secret.json"), "{\"id\": \"110105194912310021\"}\n");
        Files.createSymbolicLink(HOME.resolve("reports/2025/leak.json"), secrets.resolve("secret.json"));
        Files.createSymbolicLink(HOME.resolve("reports/linked"), secrets);
        reports.writeStatistics(Period.parse("2025-11"), null, "zh");

        // then the real report arrives and neither link's target does
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(outboxFiles()).contains("2025-11/statistics-2025-11.json"));
        assertThat(outboxFiles()).noneMatch(f -> f.contains("leak") || f.contains("secret") || f.startsWith("linked"));
    }

    static List<String> outboxFiles() throws IOException {
        if (!Files.isDirectory(OUTBOX)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(OUTBOX)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> OUTBOX.relativize(f).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
