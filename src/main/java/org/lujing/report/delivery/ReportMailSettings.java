package org.lujing.report.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail delivery of finished reports ({@code lujing.reports.mail.*}); an empty host means no mail at all.
 *
 * @param host the SMTP server; empty: reports go to the outbox only and the mail route is not even created
 * @param port the server's port (587 for STARTTLS, 465 for SSL, 25 for none)
 * @param security {@code starttls} (required, not opportunistic), {@code ssl} (TLS from the first byte), or
 *     {@code none} (only for a relay on the same machine or network)
 * @param username login at the server; empty: no authentication
 * @param password the login's password, normally from {@code LUJING_REPORTS_MAIL_PASSWORD}
 * @param from the sender address
 * @param to recipients, comma-separated
 * @param subjectPrefix put before every subject, so a mail rule can file them
 * @param maxAttachmentBytes a larger report is not attached; the mail says where to collect it instead
 * @param retries redeliveries of a failed send, right away, before the attempt counts as failed
 * @param retryDelayMs delay before the first redelivery; each further one waits twice as long
 * @param retryAfterMs after a failed attempt, how long until the report is tried again (doubling up to 16 times
 *     as long while it keeps failing); a restart tries at once
 * @param timeoutMs connect, read and write timeout of the SMTP connection
 */
@ConfigurationProperties("lujing.reports.mail")
public record ReportMailSettings(
        @DefaultValue("") String host,
        @DefaultValue("587") int port,
        @DefaultValue("starttls") String security,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("") String from,
        @DefaultValue("") String to,
        @DefaultValue("[麓景 Lujing]") String subjectPrefix,
        @DefaultValue("20971520") long maxAttachmentBytes,
        @DefaultValue("3") int retries,
        @DefaultValue("2000") long retryDelayMs,
        @DefaultValue("600000") long retryAfterMs,
        @DefaultValue("30000") long timeoutMs) {

    static final List<String> SECURITY = List.of("starttls", "ssl", "none");

    public ReportMailSettings {
        host = host == null ? "" : host.strip();
        security = security == null || security.isBlank()
                ? "starttls"
                : security.strip().toLowerCase(Locale.ROOT);
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        from = from == null ? "" : from.strip();
        to = to == null ? "" : to.strip();
        subjectPrefix = subjectPrefix == null ? "" : subjectPrefix.strip();
        if (!host.isEmpty()) {
            // checked only when mail is on: a home without mail must start whatever these say
            if (!SECURITY.contains(security)) {
                throw new IllegalArgumentException(
                        "lujing.reports.mail.security must be one of " + SECURITY + ", was '" + security + "'");
            }
            if (from.isEmpty()) {
                throw new IllegalArgumentException("lujing.reports.mail.host is set (" + host
                        + ") but lujing.reports.mail.from is empty: give the sender address");
            }
            if (split(to).isEmpty()) {
                throw new IllegalArgumentException("lujing.reports.mail.host is set (" + host
                        + ") but lujing.reports.mail.to is empty: name at least one recipient");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("lujing.reports.mail.port must be 1..65535, was " + port);
            }
        }
    }

    /** Whether reports are mailed at all. */
    public boolean enabled() {
        return !host.isEmpty();
    }

    List<String> recipients() {
        return split(to);
    }

    private static List<String> split(String addresses) {
        return Arrays.stream(addresses.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ReportMailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username="
                + username + ", from=" + from + ", to=" + to + "]";
    }
}
