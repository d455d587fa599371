package org.lujing.identity;

import java.sql.Date;
import java.util.List;
import java.util.Optional;
import org.lujing.ledger.Bilingual;
import org.lujing.ledger.PendingRanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only views of people and of records waiting to be identified, for screens and the command line. */
@Component
public class IdentityQueries {

    /** A person on the roster, identity masked; the ciphertext is there for an audited unmasked view only. */
    public record SubjectView(
            long id,
            String name,
            String idMasked,
            String idCipher,
            String gender,
            String community,
            String correctionType,
            Date supervisionStart,
            Date supervisionEnd,
            long records) {}

    /** Records waiting for their person, grouped by key: how they would match and how many people they could be. */
    public record PendingKey(
            String subjectKey,
            String keyKind,
            String names,
            String idMasked,
            long records,
            String agency,
            long candidates) {

        public PendingKey {
            // HSQLDB types the query's CASE as CHAR(2): a key with one name came back as "张建国  "
            names = names == null ? null : names.strip();
        }
    }

    /** A change to a person's roster entry. */
    public record HistoryEntry(
            long subjectId,
            Long fileId,
            java.sql.Timestamp changedAt,
            String field,
            String oldValue,
            String newValue) {}

    private final JdbcClient jdbc;

    public IdentityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SUBJECTS = """
            SELECT s.id, s.name, s.id_masked, s.id_number_enc AS id_cipher, s.gender, s.community, s.correction_type,
              s.supervision_start, s.supervision_end,
              (SELECT COUNT(*) FROM support_record r WHERE r.subject_id = s.id AND r.merged_into IS NULL) AS records
            FROM subject s\s""";

    public List<SubjectView> subjects() {
        return jdbc.sql(SUBJECTS + "ORDER BY s.id").query(SubjectView.class).list();
    }

    /** One person of the roster, read by id (it read the whole roster, a count of records per person, to pick one). */
    public Optional<SubjectView> subject(long id) {
        return jdbc.sql(SUBJECTS + "WHERE s.id = ?")
                .param(id)
                .query(SubjectView.class)
                .optional();
    }

    /** Pending records a range of {@link #pending} groups at once. */
    static final int PENDING_RANGE = 20_000;

    /**
     * The keys of the pending records, with what they said and how many people on the roster their key names, read a
     * range of keys at a time as they are iterated ({@link PendingRanges}; one range, in order of arrival, while no
     * more than {@value #PENDING_RANGE} records are pending; else each range's keys in order of arrival). Grouped at
     * once, 380,000 pending records ran {@code identity pending} out of a 256 MB heap.
     */
    public Iterable<PendingKey> pending() {
        return pending(PENDING_RANGE);
    }

    /** As {@link #pending()}, with the pending records a range groups given. */
    Iterable<PendingKey> pending(int perRange) {
        PendingRanges plan = PendingRanges.ofAll(jdbc, perRange);
        // each kind of key counted through its own index of the roster (an OR of the three read the roster per key)
        String sql = """
                SELECT r.subject_key, r.key_kind, MIN(r.person_name) || CASE WHEN COUNT(DISTINCT r.person_name) > 1
                         THEN ' …' ELSE '' END AS names,
                  MIN(r.id_masked) AS id_masked, COUNT(*) AS records,
                  MIN(r.agency) AS agency,
                  (SELECT COUNT(*) FROM subject s WHERE s.name_phone_idx = r.subject_key)
                    + (SELECT COUNT(*) FROM subject s WHERE s.name_birth_idx = r.subject_key)
                    + (SELECT COUNT(*) FROM subject s WHERE s.id_number_idx = r.subject_key) AS candidates
                FROM support_record r WHERE %s%s
                GROUP BY r.subject_key, r.key_kind ORDER BY MIN(r.id)""";
        return () -> plan.ranges().stream()
                .flatMap(range -> jdbc
                        .sql(sql.formatted(range.condition("r.subject_key"), plan.noPerson("r.subject_id")))
                        .params(range.params())
                        .query(PendingKey.class)
                        .list()
                        .stream())
                .iterator();
    }

    public List<HistoryEntry> history(long subjectId) {
        return jdbc.sql("""
                        SELECT subject_id, file_id, changed_at, field, old_value, new_value FROM subject_history
                        WHERE subject_id = ? ORDER BY id""").param(subjectId).query(HistoryEntry.class).list();
    }

    /**
     * The full key for a prefix an operator typed (at least 8 hexadecimal characters, naming exactly one pending or
     * decided key). Keys are lower-case hexadecimal: anything else is refused before it reaches {@code LIKE}, where
     * {@code %} or {@code _} would match any key.
     */
    public String resolveKey(String typed) {
        String prefix = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        if (prefix.length() < 8 || !prefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("请给出键的至少 8 个字符（0–9、a–f；见 `identity pending`），而不是“" + typed + "”"
                    + Bilingual.SEPARATOR + "give at least 8 characters of the key (0-9, a-f; see `identity pending`),"
                    + " not \"" + typed + "\"");
        }
        List<String> keys = jdbc.sql("SELECT DISTINCT subject_key FROM support_record WHERE subject_key LIKE ?")
                .param(prefix + "%")
                .query(String.class)
                .list();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("没有记录的键以 " + prefix + " 开头（见 `identity pending`）" + Bilingual.SEPARATOR
                    + "no records have a key starting " + prefix + " (see `identity pending`)");
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("键的开头 " + prefix + " 对应不止一个键：请多给几个字符" + Bilingual.SEPARATOR
                    + "the key prefix " + prefix + " is ambiguous: give more characters");
        }
        return keys.get(0);
    }
}
