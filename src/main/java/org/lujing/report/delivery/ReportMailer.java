package org.lujing.report.delivery;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind the report-delivery-mail route: which finished reports may be mailed on this poll, the mail that
 * carries one (bilingual subject and body, the report attached under its own name), and what happened to it.
 *
 * <p>A send that still fails after the route's redeliveries leaves the route failed, so the file consumer does not
 * record the report in the mail repository and will offer it again; {@link #accept} holds it back until its next
 * attempt is due, so a server that is down for a day costs a few log lines, not one every poll. The outbox copy is
 * a different route with its own repository and never waits for mail.
 */
public class ReportMailer implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** A report keeps failing: wait at most this many times {@code retry-after-ms} between attempts. */
    static final int MAX_BACKOFF = 16;

    /** A report that could not be mailed: how often, why the last time, and when it is tried again. */
    public record Failure(String report, int attempts, String reason, Instant nextAttempt) {}

    private final ReportMailSettings settings;
    private final Path sinceFile;
    private final Clock clock;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile Instant since;

    private final ReportFilesOnly inside;

    ReportMailer(ReportMailSettings settings, Path sinceFile, Clock clock) {
        this(settings, sinceFile, clock, null);
    }

    ReportMailer(ReportMailSettings settings, Path sinceFile, Clock clock, ReportFilesOnly inside) {
        this.inside = inside;
        this.settings = settings;
        this.sinceFile = sinceFile;
        this.clock = clock;
        if (settings.enabled()) {
            since(); // now, before the route's first poll, so a report written after the start is never "older"
        }
    }

    /**
     * Reports written before mail was first switched on are not mailed (they are in the outbox): turning mail on in a
     * home with a year of nightly reports must not send a year of mail. The moment is kept in
     * {@code data/report-mail.since}, so a restart does not move it.
     */
    Instant since() {
        Instant s = since;
        if (s == null) {
            synchronized (this) {
                if (since == null) {
                    since = readOrCreateSince();
                }
                s = since;
            }
        }
        return s;
    }

    private Instant readOrCreateSince() {
        try {
            if (Files.exists(sinceFile)) {
                return Instant.parse(Files.readString(sinceFile).strip());
            }
            Instant now = clock.instant();
            Files.createDirectories(sinceFile.toAbsolutePath().getParent());
            Files.writeString(sinceFile, now + "\n");
            return now;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep the mail start time in " + sinceFile + ": " + e.getMessage(), e);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    sinceFile + " does not hold a time (" + e.getParsedString()
                            + "); delete it to mail reports written from now on",
                    e);
        }
    }

    /** Whether the file consumer may hand this report to the route now (folders are always walked). */
    @Override
    public boolean accept(GenericFile<File> file) {
        if (inside != null && !inside.accept(file)) {
            return false;
        }
        if (file.isDirectory()) {
            return true;
        }
        if (file.getLastModified() < since().toEpochMilli()) {
            return false;
        }
        Failure failed = failures.get(file.getRelativeFilePath().replace('\\', '/'));
        return failed == null || !clock.instant().isBefore(failed.nextAttempt());
    }

    /** Turns the exchange of a report file into its mail: subject, body, and the file attached. */
    public void compose(Exchange exchange) {
        Message in = exchange.getIn();
        File file = in.getBody(File.class);
        String relative = relativePath(in, file);
        ReportName name = ReportName.of(relative);
        boolean attach = file.length() <= settings.maxAttachmentBytes();
        in.setHeader("Subject", subject(settings.subjectPrefix(), name));
        in.setBody(body(name, file.getName(), attach ? null : "outbox/" + relative));
        if (attach) {
            String type = file.getName().endsWith(".xlsx")
                    ? XLSX
                    : file.getName().endsWith(".json") ? "application/json" : "application/octet-stream";
            FileDataSource source = new FileDataSource(file) {
                @Override
                public String getContentType() {
                    return type;
                }
            };
            exchange.getIn(AttachmentMessage.class).addAttachment(file.getName(), new DataHandler(source));
        } else {
            LOG.warn(
                    "report-mail: {} is {} bytes, more than lujing.reports.mail.max-attachment-bytes ({}); mailed "
                            + "without it, pointing to the outbox",
                    relative,
                    file.length(),
                    settings.maxAttachmentBytes());
        }
    }

    /** The send went through: forget any earlier failure of this report. */
    public void sent(Exchange exchange) {
        String relative = relativePath(exchange.getIn(), null);
        Failure earlier = failures.remove(relative);
        LOG.info(
                "report-mail: {} mailed to {} via {}:{}{}",
                relative,
                settings.to(),
                settings.host(),
                settings.port(),
                earlier == null ? "" : " (after " + earlier.attempts() + " failed attempt(s))");
    }

    /**
     * Every redelivery failed: say so once, clearly, and hold the report back until its next attempt. The route stays
     * failed, so the mail repository does not record the report and it is not lost.
     */
    public void failed(Exchange exchange) {
        String relative = relativePath(exchange.getIn(), null);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Failure before = failures.get(relative);
        int attempts = before == null ? 1 : before.attempts() + 1;
        long factor = Math.min(MAX_BACKOFF, 1L << Math.min(attempts - 1, 30));
        Instant next =
                clock.instant().plus(Duration.ofMillis(settings.retryAfterMs()).multipliedBy(factor));
        String reason = reason(cause);
        failures.put(relative, new Failure(relative, attempts, reason, next));
        LOG.error(
                "report-mail: {} was NOT mailed to {} via {}:{} ({} redeliveries, attempt {}): {}. The report and its "
                        + "outbox copy are in place; mail tries again after {}",
                relative,
                settings.to(),
                settings.host(),
                settings.port(),
                settings.retries(),
                attempts,
                reason,
                next);
    }

    /** Reports that could not be mailed and wait for their next attempt, by path under reports/. */
    public Map<String, Failure> failures() {
        return Map.copyOf(failures);
    }

    private static String relativePath(Message in, File file) {
        String name = in.getHeader(Exchange.FILE_NAME, String.class);
        if (name == null && file != null) {
            name = file.getName();
        }
        return name == null ? "?" : name.replace('\\', '/');
    }

    /** The messages along the cause chain, each once: "Couldn't connect to host ...: Connection refused". */
    static String reason(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return parts.isEmpty() ? "unknown error" : String.join(": ", parts);
    }

    static String subject(String prefix, ReportName name) {
        String period = name.period().isEmpty() ? "" : " " + name.period();
        return (prefix.isEmpty() ? "" : prefix + " ") + name.zh() + period + " / " + name.en() + period;
    }

    /**
     * A short note in Chinese, then English. {@code outboxPath} is null when the report is attached, else where to
     * collect a report too large to mail.
     */
    static String body(ReportName name, String fileName, String outboxPath) {
        String zhPeriod = name.period().isEmpty() ? "" : "（" + name.period() + "）";
        String enPeriod = name.period().isEmpty() ? "" : " (" + name.period() + ")";
        String zhWhat = outboxPath == null
                ? "附件为麓景系统生成的" + name.zh() + zhPeriod + "，文件名 " + fileName + "。"
                : "麓景系统生成了" + name.zh() + zhPeriod + "（" + fileName + "），文件过大，未随邮件发送，请到 " + outboxPath + " 领取。";
        String enWhat = outboxPath == null
                ? "Attached is the " + name.en().toLowerCase(java.util.Locale.ROOT) + " report" + enPeriod
                        + " written by Lujing, file " + fileName + "."
                : "Lujing wrote the " + name.en().toLowerCase(java.util.Locale.ROOT) + " report" + enPeriod + " ("
                        + fileName + "); it is too large to mail, collect it from " + outboxPath + ".";
        return zhWhat + "\n"
                + "报表中的身份证号均已脱敏。请按信息保密制度保管，勿转发给无关人员。\n"
                + "本邮件由系统自动发送，请勿回复。\n\n"
                + enWhat + "\n"
                + "Identity numbers in it are masked. Keep it confidential and do not forward it.\n"
                + "This message was sent automatically; please do not reply.\n";
    }

    /** What a report file is, read from its name: {@code 2025/statistics-2025.xlsx} is the statistics of 2025. */
    record ReportName(String zh, String en, String period) {

        static ReportName of(String relativePath) {
            String path = relativePath.replace('\\', '/');
            int slash = path.lastIndexOf('/');
            String folder = slash < 0 ? "" : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
            String file = path.substring(slash + 1);
            int dot = file.lastIndexOf('.');
            String base = dot < 0 ? file : file.substring(0, dot);
            int dash = base.indexOf('-');
            String kind = dash < 0 ? base : base.substring(0, dash);
            String period = dash < 0 ? "" : base.substring(dash + 1);
            String[] words = switch (kind) {
                case "statistics" -> new String[] {"统计报表", "Statistics"};
                case "ledger" -> new String[] {"个人台账", "Ledger"};
                case "findings" -> new String[] {"核查发现", "Findings"};
                case "quality" -> new String[] {"数据质量报告", "Data quality"};
                default -> new String[] {"报表", "Report"};
            };
            if (words[1].equals("Report")) {
                period = "";
            } else if (period.isEmpty() && !folder.equals(kind) && !folder.isEmpty()) {
                period = folder; // reports/<night>/quality.xlsx: the night it was written for
            }
            if (period.equals("current")) {
                period = "";
            }
            return new ReportName(words[0], words[1], period.replace("_", ".."));
        }
    }
}
