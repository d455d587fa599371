package org.lujing.ledger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The persons {@code stat_person_bits} holds, and those it should hold, as comparable rows. */
public final class PersonBitsRows {

    private PersonBitsRows() {}

    /** Every person the stored blocks hold, as {@code month|category|subject_id}, in order. */
    public static List<Map<String, Object>> stored(JdbcClient jdbc) {
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.sql("SELECT month, category, block, persons FROM stat_person_bits ORDER BY month, category, block")
                .query(rs -> {
                    BitSet persons = new BitSet();
                    PersonBits.addTo(persons, rs.getInt(3), rs.getBytes(4));
                    int month = rs.getInt(1);
                    String category = rs.getString(2);
                    persons.stream().forEach(id -> rows.add(row(month, category, id)));
                });
        return rows;
    }

    /** The persons of {@code stat_subject_month}'s rows with records, the same way. */
    public static List<Map<String, Object>> expected(JdbcClient jdbc) {
        return jdbc.sql("SELECT month, category, subject_id FROM stat_subject_month WHERE records > 0"
                        + " ORDER BY month, category, subject_id")
                .query((rs, n) -> row(rs.getInt(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    private static Map<String, Object> row(int month, String category, long subjectId) {
        return Map.of("person", month + "|" + category + "|" + subjectId);
    }
}
