package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lujing.audit.AuditLog;
import org.lujing.normalise.Masking;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads findings and records what operators do about them (acknowledge, resolve), each action in the audit log. */
@Service
public class FindingsService {

    static final RowMapper<StoredFinding> ROW = (rs, i) -> new StoredFinding(
            rs.getLong("id"),
            rs.getString("rule"),
            rs.getString("finding_key"),
            rs.getString("severity"),
            longOrNull(rs, "subject_id"),
            rs.getString("person_masked"),
            rs.getString("source_id"),
            longOrNull(rs, "file_id"),
            rs.getString("details"),
            PersonDisplay.date(rs.getDate("first_seen")),
            PersonDisplay.date(rs.getDate("last_seen")),
            rs.getString("status"),
            PersonDisplay.date(rs.getDate("cleared_on")),
            rs.getString("status_note"),
            rs.getString("status_by"),
            rs.getTimestamp("status_at"));

    private static final String COLUMNS = """
            SELECT id, rule, finding_key, severity, subject_id, person_masked, source_id, file_id, details, first_seen,
                   last_seen, status, cleared_on, status_note, status_by, status_at FROM finding""";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    FindingsService(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Findings in the order they were first opened, as one list: for callers that know the list is short. Outputs of
     * every finding iterate {@link #inOrder} instead.
     *
     * @param date null: those holding now (not cleared); a date: those that held on it (first seen on or before it,
     *     and not cleared by then)
     * @param rule null for every rule
     * @param status null for every status
     */
    public List<StoredFinding> list(LocalDate date, String rule, FindingStatus status) {
        List<StoredFinding> out = new ArrayList<>();
        inOrder(date, rule, status).forEach(out::add);
        return out;
    }

    /** Findings a page of {@link #inOrder} reads. */
    static final int ORDER_PAGE = 1_000;

    /**
     * The findings {@link #list} selects, in the same order, read {@value #ORDER_PAGE} at a time as they are iterated
     * (by the key's index, on from the last id): for outputs of every finding (the findings workbook and its JSON,
     * {@code findings}, {@code /api/findings}) written as they are read. A wrong supervision period on the roster
     * makes one finding per record of that person; 400,000 findings held as one list ran {@code findings} out of a
     * 256 MB heap. The rule is checked at once (an unknown rule fails before anything is written) and applied to
     * each page: asked for in SQL, HSQLDB would read the rule's every finding through its index for each page.
     */
    public Iterable<StoredFinding> inOrder(LocalDate date, String rule, FindingStatus status) {
        List<Object> params = new ArrayList<>();
        String where = where(date, null, status, params);
        String wanted = rule == null ? null : ruleName(rule);
        String sql = COLUMNS + where + " AND id > ? ORDER BY id FETCH FIRST " + ORDER_PAGE + " ROWS ONLY";
        java.util.function.LongFunction<List<StoredFinding>> after = id -> {
            List<Object> paged = new ArrayList<>(params);
            paged.add(id);
            return jdbc.sql(sql).params(paged).query(ROW).list();
        };
        return () -> java.util.stream.Stream.iterate(
                        after.apply(0),
                        page -> !page.isEmpty(),
                        page -> page.size() < ORDER_PAGE
                                ? List.of()
                                : after.apply(page.get(page.size() - 1).id()))
                .flatMap(List::stream)
                .filter(f -> wanted == null || wanted.equals(f.rule()))
                .iterator();
    }

    /** A page of the findings {@link #list} selects, and how many it selects in all. */
    public record Page(List<StoredFinding> findings, long total) {}

    /**
     * The findings still open (not cleared) of a rule and status, in the order found, {@code size} a page from the
     * {@code page}th (from 1), read by the key's index: one finding per record of a wrong supervision period is a
     * finding per record, and the console showed them all on one page.
     */
    @Transactional(readOnly = true)
    public Page page(String rule, FindingStatus status, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(null, rule, status, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM finding" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        // a page number typed into the address may lie far past the end: an offset past it reads nothing (the
        // console then shows the last page), one past the database's integer range would fail the query
        paged.add(Math.min((long) (Math.max(page, 1) - 1) * size, Integer.MAX_VALUE));
        return new Page(
                jdbc.sql(COLUMNS + where + " ORDER BY id LIMIT ? OFFSET ?")
                        .params(paged)
                        .query(ROW)
                        .list(),
                total);
    }

    private static String where(LocalDate date, String rule, FindingStatus status, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (date == null) {
            sql.append(" AND cleared_on IS NULL");
        } else {
            sql.append(" AND first_seen <= ? AND (cleared_on IS NULL OR cleared_on > ?)");
            params.add(date);
            params.add(date);
        }
        if (rule != null) {
            sql.append(" AND rule = ?");
            params.add(ruleName(rule));
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        return sql.toString();
    }

    /** A rule's name as stored, from its code in any case or its name in either language; an unknown rule refused. */
    private static String ruleName(String rule) {
        return FindingWords.ruleCode(rule);
    }

    @Transactional(readOnly = true)
    public Optional<StoredFinding> find(long id) {
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(ROW).optional();
    }

    /** Someone has seen it and is on it; a resolved finding cannot be acknowledged again. */
    @Transactional
    public StoredFinding acknowledge(long id, String note, String actor) {
        StoredFinding f = find(id).orElseThrow(() -> new FindingNotFoundException(id));
        if (FindingStatus.RESOLVED.name().equals(f.status())) {
            throw new IllegalArgumentException("核查发现 #" + id + " 已解决 ‖ finding #" + id + " is already resolved");
        }
        return change(f, FindingStatus.ACKNOWLEDGED, note, actor, "FINDING_ACK");
    }

    /** Settled by a person (fixed at the source, or accepted as it is); later runs keep it resolved. */
    @Transactional
    public StoredFinding resolve(long id, String note, String actor) {
        StoredFinding f = find(id).orElseThrow(() -> new FindingNotFoundException(id));
        return change(f, FindingStatus.RESOLVED, note, actor, "FINDING_RESOLVE");
    }

    private static Long longOrNull(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private StoredFinding change(StoredFinding f, FindingStatus status, String note, String actor, String action) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException(
                    "请写明原因：" + (status == FindingStatus.RESOLVED ? "解决" : "确认") + "核查发现需要填写说明 ‖ say why: a note is"
                            + " required to " + status.name().toLowerCase(Locale.ROOT) + " a finding");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("需要注明操作人 ‖ an actor is required");
        }
        if (note.strip().length() > org.lujing.audit.AuditLog.MAX_REASON) {
            throw new IllegalArgumentException("说明最多 " + org.lujing.audit.AuditLog.MAX_REASON + " 个字符（现为 "
                    + note.strip().length() + " 个），请写得简短些 ‖ a note holds at most "
                    + org.lujing.audit.AuditLog.MAX_REASON
                    + " characters (this one has " + note.strip().length() + ")");
        }
        String masked = Masking.value(note.strip());
        jdbc.sql("UPDATE finding SET status = ?, status_note = ?, status_by = ?, status_at = ? WHERE id = ?")
                .params(
                        status.name(),
                        masked.length() > 1000 ? masked.substring(0, 1000) : masked,
                        actor,
                        Timestamp.from(Instant.now()),
                        f.id())
                .update();
        audit.record(actor, action, "finding #" + f.id(), note, null);
        return find(f.id()).orElseThrow();
    }
}
