package org.lujing.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.lujing.normalise.Masking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: every unmasked view or export, every admin decision, every job rerun — who, when, what, why.
 * Append-only through the application: this class is the only writer and it has no update or delete.
 */
@Component
public class AuditLog {

    /** One entry as stored. */
    public record Entry(
            long id, Timestamp occurredAt, String actor, String action, String target, String reason, String details) {}

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an entry in the caller's transaction, so an action and its entry commit or roll back together. Free
     * text is masked: an audit entry never holds an identity value in clear.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String actor, String action, String target, String reason, String details) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an actor");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            // refused before the action it records is taken (the caller's transaction rolls back), never cut
            throw new IllegalArgumentException(
                    "原因最多 " + MAX_REASON + " 个字符（现为 " + reason.length() + " 个），请写得简短些 ‖ a reason" + " holds at most "
                            + MAX_REASON + " characters (this one has " + reason.length() + ")");
        }
        jdbc.sql(
                        "INSERT INTO audit_log (occurred_at, actor, action, target, reason, details) VALUES (?, ?, ?, ?, ?, ?)")
                // an actor is a name typed at sign-in: one printable line (a newline could forge the next entry's)
                .params(
                        Timestamp.from(Instant.now()),
                        Masking.fileName(actor),
                        action,
                        mask(target),
                        mask(reason),
                        mask(details))
                .update();
    }

    /** What {@code audit_log.reason} (and a finding's note) holds. */
    public static final int MAX_REASON = 1000;

    private static String mask(String text) {
        return text == null ? null : Masking.value(text);
    }

    /** Entries a page of {@link #since} reads. */
    static final int PAGE = 1_000;

    private static final String COLUMNS =
            "SELECT id, occurred_at, actor, action, target, reason, details FROM audit_log ";

    /**
     * The entries from {@code from} on, oldest first, read {@value #PAGE} at a time as they are iterated, by id from
     * the first entry at or after {@code from}: {@code audit} and {@code /api/audit} write them as they read them.
     * The log only grows (every admin's action, every refused sign-in); held as one list, years of it would be.
     */
    public Iterable<Entry> since(Instant from) {
        Timestamp at = Timestamp.from(from);
        Long first = firstSince(at);
        if (first == null) {
            return List.of();
        }
        java.util.function.LongFunction<List<Entry>> after =
                id -> jdbc.sql(COLUMNS + "WHERE id > ? ORDER BY id FETCH FIRST " + PAGE + " ROWS ONLY")
                        .param(id)
                        .query(Entry.class)
                        .list();
        // an entry written later under a clock set back (another node's) is still left out, as the date says
        return () -> java.util.stream.Stream.iterate(
                        after.apply(first - 1),
                        page -> !page.isEmpty(),
                        page -> page.size() < PAGE
                                ? List.of()
                                : after.apply(page.get(page.size() - 1).id()))
                .flatMap(List::stream)
                .filter(e -> !e.occurredAt().before(at))
                .iterator();
    }

    /** The newest entries from a date on, newest first, and how many there are from then on. */
    public record Newest(List<Entry> entries, long total) {}

    /** The newest {@code limit} entries from {@code from} on (the console's page), and how many there are. */
    public Newest newest(Instant from, int limit) {
        Timestamp at = Timestamp.from(from);
        Long first = firstSince(at);
        if (first == null) {
            return new Newest(List.of(), 0);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE occurred_at >= ?")
                .param(at)
                .query(Long.class)
                .single();
        List<Entry> entries = jdbc
                .sql(COLUMNS + "WHERE id >= ? ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param(first)
                .query(Entry.class)
                .list()
                .stream()
                .filter(e -> !e.occurredAt().before(at))
                .toList();
        return new Newest(entries, total);
    }

    /** The first entry at or after {@code at}, found through the index on the time; null when there is none. */
    private Long firstSince(Timestamp at) {
        return jdbc.sql("SELECT MIN(id) FROM audit_log WHERE occurred_at >= ?")
                .param(at)
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
