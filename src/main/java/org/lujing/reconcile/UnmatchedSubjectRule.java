package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * UNMATCHED_SUBJECT: records whose person is still not on the roster a grace period after they arrived. One
 * finding per person key ({@code support_record.subject_key}, the blind index of the ID number or of the fallback
 * pair): it holds when the key has a record without a person ({@code subject_id} null, not merged) whose
 * {@code created_at} date + {@code lujing.reconcile.grace-days} (default 7) ≤ the as-of date.
 */
@Component
class UnmatchedSubjectRule implements ReconciliationRule {

    static final String NAME = "UNMATCHED_SUBJECT";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> evaluate(ReconcileContext ctx) {
        // created_at date + grace ≤ as-of  ⇔  created_at < start of (as-of − grace + 1 day)
        LocalDate lastArrival = ctx.asOf().minusDays(ctx.settings().graceDays());
        Timestamp before = Timestamp.valueOf(lastArrival.plusDays(1).atStartOfDay());
        List<Finding> out = new ArrayList<>();
        ctx.jdbc()
                .sql("""
                        SELECT r.subject_key, r.key_kind, r.person_name, r.id_masked, r.created_at, r.first_file_id,
                               f.source_id, k.records, k.first_date, k.last_date
                        FROM support_record r
                        JOIN (SELECT subject_key, MIN(id) AS first_id, COUNT(*) AS records,
                                     MIN(activity_date) AS first_date, MAX(activity_date) AS last_date
                              FROM support_record
                              WHERE subject_id IS NULL AND merged_into IS NULL
                              GROUP BY subject_key
                              HAVING MIN(created_at) < ?) k ON k.first_id = r.id
                        LEFT JOIN ingest_file f ON f.id = r.first_file_id
                        ORDER BY r.id""")
                .param(before)
                .query((rs, i) -> out.add(new Finding(
                        NAME,
                        "subject:" + rs.getString("subject_key").strip(),
                        Severity.MEDIUM,
                        null,
                        PersonDisplay.of(rs.getString("person_name"), rs.getString("id_masked")),
                        rs.getString("source_id"),
                        rs.getLong("first_file_id"),
                        Finding.text(
                                rs.getInt("records") + " 条记录（" + rs.getDate("first_date") + " … "
                                        + rs.getDate("last_date") + "，按" + keyKindZh(rs.getString("key_kind"))
                                        + "匹配）仍找不到名册中的人员；首次收到于 "
                                        + rs.getTimestamp("created_at")
                                                .toLocalDateTime()
                                                .toLocalDate() + "，宽限 "
                                        + ctx.settings().graceDays() + " 天",
                                rs.getInt("records") + " record(s) dated " + rs.getDate("first_date") + " … "
                                        + rs.getDate("last_date")
                                        + " (matched by " + rs.getString("key_kind")
                                        + ") still have no person on the roster;"
                                        + " first arrived "
                                        + rs.getTimestamp("created_at")
                                                .toLocalDateTime()
                                                .toLocalDate()
                                        + ", grace " + ctx.settings().graceDays() + " days"))))
                .list();
        return out;
    }

    private static String keyKindZh(String kind) {
        return switch (String.valueOf(kind).strip()) {
            case "ID_NUMBER" -> "身份证号";
            case "NAME_PHONE" -> "姓名和电话";
            case "NAME_BIRTH_DATE" -> "姓名和出生日期";
            case "NAME_TYPED_ID" -> "姓名和有误的身份证号";
            default -> String.valueOf(kind);
        };
    }
}
