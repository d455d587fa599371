package org.lujing.report.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.files.PrivateFiles;
import org.lujing.ledger.Period;
import org.lujing.report.ReportService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report-delivery route on a running app: reports written under reports/2025/ reach the outbox once; with no mail
 * host configured, nothing else happens.
 *
 * <p>Each test writes the reports of a period of its own and reads only its own folder, so any test runs alone; what
 * it puts in reports/ by hand it writes as Lujing would (private), or takes away afterwards.
 */
@SpringBootTest(properties = {"lujing.reports.delivery-delay=100", "lujing.reports.read-lock-min-age=100"})
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
    void aWrittenReportIsDeliveredToTheOutboxWithItsPeriodFolder() throws IOException {
        // given / when
        List<Path> written = reports.writeStatistics(Period.parse("2025"), null, "zh");

        // then
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(outboxFiles("2025"))
                        .containsExactlyInAnyOrder("2025/statistics-2025.xlsx", "2025/statistics-2025.json"));
        for (Path report : written) {
            assertThat(OUTBOX.resolve("2025").resolve(report.getFileName())).hasSameBinaryContentAs(report);
        }
        assertThat(written).allSatisfy(report -> assertThat(report).exists()); // the reports stay in place
    }

    @Test
    void anUnchangedReportIsNotDeliveredAgain() throws IOException, InterruptedException {
        // given a delivered report whose outbox copy was collected
        delivered("2025-Q2");
        Path collected = OUTBOX.resolve("2025-Q2/statistics-2025-Q2.json");
        Files.delete(collected);

        // when the route polls many more times (every 100 ms)
        Thread.sleep(2_000);

        // then
        assertThat(collected).doesNotExist();
    }

    @Test
    void aReportWrittenAgainIsDeliveredAsANewVersion() throws IOException {
        // given a delivered report
        delivered("2025-Q3");

        // when it is rewritten in place, as a rerun of the report would (written beside, privately, then renamed)
        PrivateFiles.writeString(HOME.resolve("reports/2025-Q3/statistics-2025-Q3.json"), "{\"rewritten\": true}\n");

        // then
        Path delivered = OUTBOX.resolve("2025-Q3/statistics-2025-Q3.json");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivered).hasContent("{\"rewritten\": true}\n"));
        assertThat(outboxFiles("2025-Q3"))
                .containsExactlyInAnyOrder("2025-Q3/statistics-2025-Q3.xlsx", "2025-Q3/statistics-2025-Q3.json");
    }

    @Test
    void withoutAMailHostNoMailIsAttempted() throws IOException {
        // given the default configuration (lujing.reports.mail.host empty) and reports delivered to the outbox
        delivered("2025-Q4");

        // then the mail route was never created, nothing was tried, and the home holds no trace of mail
        assertThat(camel.getRoute("report-delivery")).isNotNull();
        assertThat(camel.getRoute("report-delivery-mail")).isNull();
        assertThat(mailer.failures()).isEmpty();
        assertThat(HOME.resolve("data/report-mail.idempotent")).doesNotExist();
        assertThat(HOME.resolve("data/report-mail.since")).doesNotExist();
    }

    @Test
    void reportsAndTheOutboxArePrivate() throws IOException {
        // given reports written by Lujing and delivered
        delivered("2025-01");

        // then reports/ and outbox/ as archive/: folders 0700, files 0600, at every level
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
    void aSymbolicLinkInReportsIsNeverFollowedOutOfIt() throws IOException {
        // given: links in reports/ to a file and a folder outside it, and a real report written after them
        Path secrets = Files.createDirectories(HOME.resolve("elsewhere"));
        Files.writeString(secrets.resolve("secret.json"), "{\"id\": \"110105194912310021\"}\n");
        PrivateFiles.createPrivateDirectories(HOME.resolve("reports/2025-11"));
        Path fileLink = HOME.resolve("reports/2025-11/leak.json");
        Path folderLink = HOME.resolve("reports/linked");
        Files.createSymbolicLink(fileLink, secrets.resolve("secret.json"));
        Files.createSymbolicLink(folderLink, secrets);
        try {
            reports.writeStatistics(Period.parse("2025-11"), null, "zh");

            // then the real report arrives and neither link's target does
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(outboxFiles()).contains("2025-11/statistics-2025-11.json"));
            assertThat(outboxFiles())
                    .noneMatch(f -> f.contains("leak") || f.contains("secret") || f.startsWith("linked"));
        } finally {
            // links out of reports/ are this test's own: no other test should walk into them
            Files.deleteIfExists(fileLink);
            Files.deleteIfExists(folderLink);
        }
    }

    /** The period's reports written by Lujing and both delivered to the outbox. */
    private void delivered(String period) throws IOException {
        List<Path> written = reports.writeStatistics(Period.parse(period), null, "zh");
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (Path report : written) {
                assertThat(OUTBOX.resolve(period).resolve(report.getFileName())).hasSameBinaryContentAs(report);
            }
        });
    }

    static List<String> outboxFiles(String period) throws IOException {
        return outboxFiles().stream().filter(f -> f.startsWith(period + "/")).toList();
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
