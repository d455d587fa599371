package org.lujing.report.delivery;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.component.mail.DefaultAuthenticator;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.lujing.home.LujingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the report-delivery routes (routes/report-delivery.camel.yaml): the records of report versions already
 * delivered, one per destination and kept on disk so that a restart does not deliver every report again, and the
 * mail side (what to mail, how to log in, how the connection is secured).
 */
@Configuration(proxyBeanMethods = false)
class ReportDeliveryConfiguration {

    /** One line per delivered version; far more than a home's reports, so none is forgotten in practice. */
    static final int REMEMBERED_VERSIONS = 100_000;

    /**
     * Keys are {@code <path under reports/>|<size>|<modified>} (the route's idempotentKey), so a report written
     * again for the same period is a new version and is delivered again, while an unchanged one is never re-sent.
     */
    @Bean
    IdempotentRepository reportDeliveryRepository(LujingProperties properties) {
        return repository(properties.data().resolve("report-delivery.idempotent"));
    }

    /**
     * The same keys for mail, kept apart from the outbox's: a report is in one when it reached that destination, so
     * a mail that failed is offered again while its outbox copy is not made twice. Unused (no file) without a host.
     */
    @Bean
    IdempotentRepository reportMailRepository(LujingProperties properties) {
        return repository(properties.data().resolve("report-mail.idempotent"));
    }

    @Bean
    ReportMailer reportMailer(ReportMailSettings settings, LujingProperties properties) {
        return new ReportMailer(
                settings,
                properties.data().resolve("report-mail.since"),
                Clock.systemDefaultZone(),
                new ReportFilesOnly(properties.reports()));
    }

    /** The outbox route's filter: no symbolic link is followed, nothing outside reports/ is delivered. */
    @Bean
    ReportFilesOnly reportFilesOnly(LujingProperties properties) {
        return new ReportFilesOnly(properties.reports());
    }

    /** The login; with no username none is attempted (a relay that accepts the machine by its address). */
    @Bean
    MailAuthenticator reportMailAuthenticator(ReportMailSettings settings) {
        return settings.username().isEmpty()
                ? new DefaultAuthenticator(null, null)
                : new DefaultAuthenticator(settings.username(), settings.password());
    }

    /**
     * Jakarta Mail settings the endpoint URI cannot say: how the connection is secured, checked against the server's
     * name, and timeouts on every socket operation so a hung server cannot hold the route.
     */
    @Bean
    Properties reportMailProperties(ReportMailSettings settings) {
        return javaMailProperties(settings);
    }

    static Properties javaMailProperties(ReportMailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(settings.timeoutMs());
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        switch (settings.security()) {
            case "ssl" -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "none" -> {
                p.setProperty("mail.smtp.starttls.enable", "false");
            }
            default -> {
                // required, not opportunistic: a server that does not offer STARTTLS gets nothing in clear
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    private static IdempotentRepository repository(Path store) {
        return FileIdempotentRepository.fileIdempotentRepository(new File(store.toString()), REMEMBERED_VERSIONS);
    }
}
