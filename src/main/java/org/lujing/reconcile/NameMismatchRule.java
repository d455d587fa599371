package org.lujing.reconcile;

import java.util.function.Consumer;
import org.lujing.identity.match.Comparisons;
import org.lujing.identity.match.Level;
import org.lujing.identity.match.NameKey;
import org.springframework.stereotype.Component;

/**
 * NAME_MISMATCH: a counted record tied to its person by a valid ID number whose row names someone else than the
 * roster does for that number — an ID column shifted by a row, a neighbour's number copied down, a roster name
 * typed wrong. The statistics credit the roster's person either way; the finding says whose name the partner wrote.
 * One finding per record, HIGH.
 *
 * <p>Names that differ only in rendering are one name: full-width letters and spaces, traditional against
 * simplified (劉海燕 = 刘海燕), the same toneless pinyin (a homophone slip, 刘海艳); so is a name a partner masked
 * for sharing ({@code 张*}, {@code 张某某}, {@code 张×丰}) whose characters agree where it shows them. Records tied
 * by a pair, by scoring or by an admin's hand carry no number to doubt and are not checked. Read by windows of
 * record ids; only records whose stored names differ as text leave the database.
 */
@Component
class NameMismatchRule implements ReconciliationRule {

    static final String NAME = "NAME_MISMATCH";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(ReconcileContext ctx, Consumer<Finding> found) {
        ctx.windows(
                "support_record",
                (from, to) -> ctx
                        .jdbc()
                        .sql("""
                        SELECT r.id, r.person_name, r.category, r.activity_date, r.agency, r.first_file_id,
                               f.source_id, s.id AS subject_id, s.name, s.id_masked
                        FROM support_record r
                        JOIN subject s ON s.id = r.subject_id
                        LEFT JOIN ingest_file f ON f.id = r.first_file_id
                        WHERE r.id >= ? AND r.id < ? AND r.merged_into IS NULL
                          AND r.key_kind = 'ID_NUMBER' AND r.match_method = 'ID_NUMBER'
                          AND r.person_name IS NOT NULL AND r.person_name <> s.name
                        ORDER BY r.id""")
                        .params(from, to)
                        .query((rs, i) -> sameName(rs.getString("person_name"), rs.getString("name"))
                                ? null
                                : new Finding(
                                        NAME,
                                        "record:" + rs.getLong("id"),
                                        Severity.HIGH,
                                        rs.getLong("subject_id"),
                                        PersonDisplay.of(rs.getString("name"), rs.getString("id_masked")),
                                        rs.getString("source_id"),
                                        rs.getLong("first_file_id"),
                                        FindingDetails.nameMismatch(
                                                rs.getString("category"),
                                                String.valueOf(rs.getDate("activity_date")),
                                                rs.getString("agency"),
                                                PersonDisplay.of(rs.getString("person_name"), null),
                                                rs.getString("name"))))
                        .list()
                        .stream()
                        .filter(java.util.Objects::nonNull)
                        .forEach(found));
    }

    /** Characters a partner writes in place of a name's hidden ones. */
    private static boolean masks(int c) {
        return c == '*' || c == '＊' || c == '×' || c == '某';
    }

    /**
     * Whether the name a row wrote is the roster's name: the same in any rendering the matching treats as one
     * ({@link Comparisons#name}), or masked with its shown characters agreeing — position by position when as long
     * as the roster's name, else as the start of it ({@code 张*} and {@code 张某} for 张三丰).
     */
    static boolean sameName(String written, String roster) {
        NameKey row = NameKey.of(written);
        NameKey person = NameKey.of(roster);
        Level level = Comparisons.name(row, person);
        if (level == Level.NAME_EQUAL
                || level == Level.NAME_SIMPLIFIED
                || level == Level.NAME_PINYIN
                || level == Level.NAME_UNKNOWN) {
            return true;
        }
        int[] w = row.simplified().codePoints().toArray();
        int[] r = person.simplified().codePoints().toArray();
        int shown = 0;
        int masked = 0;
        for (int c : w) {
            if (masks(c)) {
                masked++;
            }
        }
        if (masked == 0 || masked == w.length) {
            return false;
        }
        if (w.length == r.length) {
            for (int i = 0; i < w.length; i++) {
                if (!masks(w[i]) && w[i] != r[i]) {
                    return false;
                }
            }
            return true;
        }
        while (shown < w.length && !masks(w[shown])) {
            shown++;
        }
        for (int i = shown; i < w.length; i++) {
            if (!masks(w[i])) {
                return false;
            }
        }
        if (shown > r.length) {
            return false;
        }
        for (int i = 0; i < shown; i++) {
            if (w[i] != r[i]) {
                return false;
            }
        }
        return true;
    }
}
