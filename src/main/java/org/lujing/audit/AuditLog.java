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

    public List<Entry> since(Instant from) {
        return jdbc.sql("""
                        SELECT id, occurred_at, actor, action, target, reason, details FROM audit_log
                        WHERE occurred_at >= ? ORDER BY id""").param(Timestamp.from(from)).query(Entry.class).list();
    }
}
