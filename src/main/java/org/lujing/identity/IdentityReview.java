package org.lujing.identity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lujing.identity.match.EvidenceWords;
import org.lujing.identity.match.RowTraits;
import org.lujing.ledger.KeyKind;
import org.lujing.normalise.Masking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The review queue of scored matching and the evidence of its automatic links, for the command line and the console:
 * each entry sets what the rows said beside the person they may be, masked (first 4 and last 2 of an ID number,
 * first 3 and last 2 of a phone, no birth date), with the levels and weights that scored them. Accepting is an
 * admin's LINK, rejecting a DIFFERENT ({@link IdentityMatcher#decide}): audited like `identity link`/`different`, and
 * honoured by every later run.
 */
@Component
public class IdentityReview {

    /** One side of a pair: what the pending rows said, or the person on the roster. All masked. */
    public record Side(String name, String idMasked, String phoneMasked) {}

    /** A candidate person with its score and evidence (codes in {@code evidence}, words in {@code evidenceZh/En}). */
    public record Candidate(
            long subjectId, Side person, BigDecimal score, String evidence, String evidenceZh, String evidenceEn) {}

    /** One entry of the queue (outcome REVIEW) or one automatic link's evidence (outcome LINKED). */
    public record Entry(
            long id,
            String outcome,
            String key,
            String keyKind,
            long records,
            Side rows,
            Candidate best,
            Candidate second,
            String why,
            Timestamp matchedAt) {}

    /**
     * Where a decision is audited: the audit log's {@code record}, passed in by the caller so that identity does not
     * depend on the audit package (which masks through identity).
     */
    @FunctionalInterface
    public interface Audit {
        void record(String actor, String action, String target, String reason, String details);
    }

    private final JdbcClient jdbc;
    private final KeyRing ring;
    private final IdentityMatcher matcher;

    public IdentityReview(JdbcClient jdbc, KeyRing ring, IdentityMatcher matcher) {
        this.jdbc = jdbc;
        this.ring = ring;
        this.matcher = matcher;
    }

    /**
     * The most entries a list shows: each costs a few lookups and a decryption, and a night's scored matching may
     * link tens of thousands (a helper's probe: 100,000 links made a 135 MB page, and two requests took the console
     * down). {@link #count} says how many there are in all.
     */
    public static final int SHOWN = 1000;

    /** The review queue, strongest first: the first {@link #SHOWN}. */
    public List<Entry> queue() {
        return shown("REVIEW", "m.score DESC, m.id");
    }

    /** The evidence of the automatic links still standing, newest first: the latest {@link #SHOWN}. */
    public List<Entry> links() {
        return shown("LINKED", "m.id DESC");
    }

    /** How many entries of an outcome ({@code REVIEW}, {@code LINKED}) there are. */
    public long count(String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_match WHERE outcome = ?")
                .param(outcome)
                .query(Long.class)
                .single();
    }

    /** The first {@link #SHOWN} entries of an outcome in that order: their ids first (by the match table alone). */
    private List<Entry> shown(String outcome, String order) {
        List<Long> ids = jdbc.sql(
                        "SELECT m.id FROM identity_match m WHERE m.outcome = ? ORDER BY " + order + " LIMIT " + SHOWN)
                .param(outcome)
                .query(Long.class)
                .list();
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return entries("m.id IN (" + in + ")", order);
    }

    public Optional<Entry> entry(long id) {
        return entries("m.id = " + id, "m.id").stream().findFirst();
    }

    /** An admin accepts: the key's records are this person (as `identity link`), audited. */
    public Entry accept(long id, String actor, String reason, Audit audit) {
        return decide(id, "LINK", actor, reason, audit);
    }

    /** No entry of that number waits for review (none ever had it, or it was decided or matched since). */
    public static class NoSuchEntryException extends IllegalArgumentException {
        NoSuchEntryException(String message) {
            super(message);
        }
    }

    /** An admin rejects: the key's records are never this person (as `identity different`), audited. */
    public Entry reject(long id, String actor, String reason, Audit audit) {
        return decide(id, "DIFFERENT", actor, reason, audit);
    }

    /** The decision and its audit entry in one transaction; then the ledger is matched again under it. */
    private Entry decide(long id, String kind, String actor, String reason, Audit audit) {
        Entry e = entry(id)
                .filter(x -> x.outcome().equals("REVIEW"))
                .orElseThrow(() -> new NoSuchEntryException("没有待复核的条目 #" + id + "（见 `identity review`）；它可能已被处理或已自动匹配"
                        + " ‖ there is no review entry #" + id
                        + " (see `identity review`); it may have been decided or matched since"));
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("复核决定需要写明原因 ‖ a review decision needs a reason");
        }
        String fullKey = jdbc.sql("SELECT subject_key FROM identity_match WHERE id = ?")
                .param(id)
                .query(String.class)
                .single()
                .strip();
        matcher.decide(
                kind,
                fullKey,
                e.best().subjectId(),
                actor,
                reason,
                () -> audit.record(
                        actor,
                        "IDENTITY_" + kind,
                        "key " + fullKey.substring(0, 12) + " → person #"
                                + e.best().subjectId() + " (review #" + id + ")",
                        reason,
                        e.best().evidence()));
        return e;
    }

    private List<Entry> entries(String where, String order) {
        List<Entry> out = new ArrayList<>();
        jdbc.sql("""
                        SELECT m.id, m.outcome, m.subject_key, m.subject_id, m.score, m.evidence, m.second_subject_id,
                          m.second_score, m.second_evidence, m.why, m.matched_at,
                          (SELECT COUNT(*) FROM support_record r WHERE r.subject_key = m.subject_key) AS records,
                          (SELECT MIN(r.key_kind) FROM support_record r WHERE r.subject_key = m.subject_key) AS key_kind,
                          (SELECT MIN(r.person_name) FROM support_record r WHERE r.subject_key = m.subject_key) AS person_name,
                          (SELECT MIN(r.subject_ref_enc) FROM support_record r WHERE r.subject_key = m.subject_key) AS ref
                        FROM identity_match m WHERE %s ORDER BY %s""".formatted(where, order))
                .query((rs, n) -> {
                    String keyKind = rs.getString("key_kind");
                    Side rows = rowSide(keyKind, rs.getString("person_name"), rs.getString("ref"));
                    Candidate best =
                            candidate(rs.getLong("subject_id"), rs.getBigDecimal("score"), rs.getString("evidence"));
                    long second = rs.getLong("second_subject_id");
                    Candidate runnerUp = rs.wasNull()
                            ? null
                            : candidate(second, rs.getBigDecimal("second_score"), rs.getString("second_evidence"));
                    out.add(new Entry(
                            rs.getLong("id"),
                            rs.getString("outcome"),
                            rs.getString("subject_key").strip().substring(0, 12),
                            keyKind == null ? null : keyKind.strip(),
                            rs.getLong("records"),
                            rows,
                            best,
                            runnerUp,
                            rs.getString("why"),
                            rs.getTimestamp("matched_at")));
                    return null;
                })
                .list();
        return out;
    }

    private Side rowSide(String keyKind, String name, String reference) {
        if (keyKind == null || reference == null) {
            return new Side(name, null, null);
        }
        KeyKind kind = KeyKind.valueOf(keyKind.strip());
        String label = switch (kind) {
            case ID_NUMBER -> IdentityKeys.ID_NUMBER;
            case NAME_PHONE -> IdentityKeys.NAME_PHONE;
            case NAME_BIRTH_DATE -> IdentityKeys.NAME_BIRTH;
            case NAME_TYPED_ID -> IdentityKeys.NAME_TYPED_ID;
        };
        String plain = ring.decrypt(label, reference);
        String traits = IdentityKeys.traits(plain);
        String typedId = null;
        String phone = null;
        if (traits != null) {
            RowTraits t = RowTraits.decode(traits);
            typedId = t.typedId();
            phone = t.phone();
        } else if (kind == KeyKind.NAME_PHONE) {
            phone = plain.substring(plain.indexOf('\u001f') + 1);
        }
        String idMasked = typedId == null
                ? null
                : typedId.startsWith("~") ? "≈" + Masking.idNumber(typedId.substring(1)) : Masking.idNumber(typedId);
        return new Side(name, idMasked, phone == null ? null : Masking.phone(phone));
    }

    private Candidate candidate(long subjectId, BigDecimal score, String evidence) {
        Side person = jdbc.sql("SELECT name, id_masked, phone_enc FROM subject WHERE id = ?")
                .param(subjectId)
                .query((rs, n) -> new Side(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3) == null
                                ? null
                                : Masking.phone(ring.decrypt(IdentityKeys.PHONE, rs.getString(3)))))
                .optional()
                .orElse(new Side("#" + subjectId, null, null));
        return new Candidate(
                subjectId,
                person,
                score,
                evidence,
                EvidenceWords.of(evidence, true),
                EvidenceWords.of(evidence, false));
    }
}
