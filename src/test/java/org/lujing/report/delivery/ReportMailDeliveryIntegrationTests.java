package org.lujing.report.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lujing.TestHomes;
import org.lujing.ledger.Period;
import org.lujing.report.ReportService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mail delivery of reports against a real SMTP server (GreenMail, in-process, on a free port): while the server is
 * down a report still reaches the outbox and the failed mail is logged and remembered; once the server is up the same
 * report arrives, attached byte for byte, and later reports follow.
 *
 * <p>Each test is a scenario of its own, with its own report (period) and the server down until the test starts it;
 * a report another test left unmailed may arrive meanwhile, so mails are counted per report.
 */
@SpringBootTest(
        properties = {
            "lujing.reports.delivery-delay=100",
            "lujing.reports.read-lock-min-age=100",
            "lujing.reports.mail.host=127.0.0.1",
            "lujing.reports.mail.security=none",
            "lujing.reports.mail.username=lujing",
            "lujing.reports.mail.password=s3cret",
            "lujing.reports.mail.from=lujing@community.test",
            "lujing.reports.mail.to=chief@office.test, clerk@office.test",
            "lujing.reports.mail.retries=1",
            "lujing.reports.mail.retry-delay-ms=50",
            "lujing.reports.mail.retry-after-ms=500"
        })
@ExtendWith(OutputCaptureExtension.class)
class ReportMailDeliveryIntegrationTests {

    static final Path HOME = TestHomes.fresh("report-mail");
    static final Path OUTBOX = HOME.resolve("outbox");
    static final int PORT = freePort();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    GreenMail smtp;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
        registry.add("lujing.reports.mail.port", () -> PORT);
    }

    @Autowired
    ReportService reports;

    @Autowired
    ReportMailer mailer;

    @AfterEach
    void stopServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aRefusedConnectionLeavesTheOutboxCopyAndLogsAndRemembersTheFailure(CapturedOutput output) throws IOException {
        // given no server listening on the configured port
        String report = "2025-Q2/statistics-2025-Q2.xlsx";

        // when
        List<Path> written = reports.writeStatistics(Period.parse("2025-Q2"), null, "zh");

        // then the outbox copy is made regardless
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(OUTBOX.resolve(report)).exists().hasSameBinaryContentAs(written.get(0)));
        // and the failed mail is said once, clearly, and kept for another attempt
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailer.failures()).containsKey(report));
        ReportMailer.Failure failure = mailer.failures().get(report);
        assertThat(failure.reason()).contains("127.0.0.1").containsIgnoringCase("refused");
        assertThat(output.getAll()).contains("report-mail: " + report + " was NOT mailed to chief@office.test");
        // not recorded as mailed, so it is offered again (the outbox has its own record)
        assertThat(Files.readString(HOME.resolve("data/report-delivery.idempotent")))
                .contains(report);
        assertThat(mailRepository()).doesNotContain(report);
    }

    @Test
    void onceTheServerIsUpTheFailedReportArrivesAttachedByteForByte() throws Exception {
        // given a report that could not be mailed while the server was down
        String report = "2025/statistics-2025.xlsx";
        String subject = "[麓景 Lujing] 统计报表 2025 / Statistics 2025";
        reports.writeStatistics(Period.parse("2025"), null, "zh");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailer.failures()).containsKey(report));

        // when the server comes up
        startServer();

        // then the report is mailed on a later attempt: one mail, delivered to each recipient's mailbox
        await().atMost(PATIENCE).until(() -> received(subject).size() >= 2);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailer.failures()).doesNotContainKey(report));
        List<MimeMessage> mails = received(subject);
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails.get(0);
        assertThat(recipients(mail)).containsExactlyInAnyOrder("chief@office.test", "clerk@office.test");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("lujing@community.test");
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(text(mail))
                .contains("附件为麓景系统生成的统计报表（2025）", "Attached is the statistics report (2025)", "已脱敏", "masked");
        List<Part> attachments = attachments(mail);
        assertThat(attachments).hasSize(1); // the workbook; the JSON beside it is for machines, not mail
        assertThat(attachments.get(0).getFileName()).isEqualTo("statistics-2025.xlsx");
        assertThat(attachments.get(0).getContentType()).startsWith(ReportMailer.XLSX);
        assertThat(attachments.get(0).getInputStream().readAllBytes())
                .isEqualTo(Files.readAllBytes(HOME.resolve("reports").resolve(report)));
        assertThat(mailRepository()).contains(report);
    }

    @Test
    void aReportWrittenWhileTheServerIsUpIsMailedOnceAndTheOutboxIsNotDeliveredAgain() throws Exception {
        // given the server is up
        String report = "2025-Q1/statistics-2025-Q1.xlsx";
        String subject = "[麓景 Lujing] 统计报表 2025-Q1 / Statistics 2025-Q1";
        startServer();

        // when
        List<Path> written = reports.writeStatistics(Period.parse("2025-Q1"), null, "en");

        // then one mail, one copy in each recipient's mailbox
        await().atMost(PATIENCE).until(() -> received(subject).size() >= 2);
        List<MimeMessage> quarter = received(subject);
        assertThat(quarter).hasSize(2);
        assertThat(attachments(quarter.get(0)).get(0).getInputStream().readAllBytes())
                .isEqualTo(Files.readAllBytes(written.get(0)));
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(OUTBOX.resolve(report)).exists()); // the two routes do not wait for each other

        // and nothing is mailed twice while the route keeps polling (every 100 ms)
        Thread.sleep(2_000);
        assertThat(received(subject)).hasSize(2);
        assertThat(mailRepository().lines().filter(l -> l.startsWith(report + "|")))
                .hasSize(1);
    }

    private void startServer() {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("lujing", "s3cret"));
        smtp.start();
    }

    /** The mails the server received for one report (another test's report may arrive meanwhile). */
    private List<MimeMessage> received(String subject) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).equals(subject))
                .toList();
    }

    static String mailRepository() throws IOException {
        Path store = HOME.resolve("data/report-mail.idempotent");
        return Files.exists(store) ? Files.readString(store) : "";
    }

    static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> recipients(MimeMessage mail) {
        try {
            return Arrays.stream(mail.getAllRecipients()).map(Address::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage mail) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() == null && part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part in " + mail.getSubject());
    }

    static List<Part> attachments(MimeMessage mail) throws Exception {
        List<Part> out = new ArrayList<>();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                out.add(parts.getBodyPart(i));
            }
        }
        return out;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
