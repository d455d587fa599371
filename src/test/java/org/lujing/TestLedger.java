package org.lujing;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties what the application records — files, rows, records, people, decisions, findings, rollups, key rotations,
 * feed ids, audit, job executions — so that a test starts from a known, empty ledger in a context that other tests
 * share. Quartz, the nodes and the id allocator and sequences stay: ids keep growing, nothing else remembers.
 */
public final class TestLedger {

    /** Children before parents (the foreign keys of db/migration). */
    static final List<String> TABLES = List.of(
            "record_source",
            "row_reject",
            "file_control_total",
            "file_claim",
            "ingest_file_note",
            "file_sheet_header",
            "error_report",
            "identity_match",
            "identity_decision",
            "subject_history",
            "support_record",
            "subject",
            "feed_record_reject",
            "ingest_file",
            "stat_day",
            "stat_event",
            "stat_subject_month",
            "stat_person_bits",
            "finding",
            "reconcile_run",
            "unmapped_word",
            "key_rotation",
            "nightly_run",
            "inbox_claim",
            "audit_log",
            "CAMEL_MESSAGEPROCESSED",
            "job_node",
            "BATCH_STEP_EXECUTION_CONTEXT",
            "BATCH_STEP_EXECUTION",
            "BATCH_JOB_EXECUTION_CONTEXT",
            "BATCH_JOB_EXECUTION_PARAMS",
            "BATCH_JOB_EXECUTION",
            "BATCH_JOB_INSTANCE");

    /**
     * Tables that stay: the schema's history, Quartz's store, the id allocator, the nodes and Spring Batch's sequences. Every
     * other table must be in {@link #TABLES}, so a table that a new migration adds cannot keep one test's rows for
     * the next (or block the emptying with its foreign key).
     */
    static final java.util.function.Predicate<String> KEPT = t -> t.startsWith("QRTZ_")
            || t.startsWith("FLYWAY")
            || t.endsWith("_SEQ")
            || t.equals("ID_BLOCK")
            // a counter that only grows, like the id blocks: emptying the ledger leaves it where it is
            || t.equals("RECONCILE_PASS")
            || t.equals("LUJING_NODE")
            // its one row is who runs a night, given back when the night ends
            || t.equals("NIGHTLY_RUNNER");

    private static volatile boolean checked;

    private TestLedger() {}

    public static void empty(JdbcTemplate jdbc) {
        if (!checked) {
            List<String> known = TABLES.stream().map(String::toUpperCase).toList();
            List<String> forgotten = jdbc
                    .queryForList(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                                    + " AND table_type = 'BASE TABLE'",
                            String.class)
                    .stream()
                    .map(String::toUpperCase)
                    .filter(t -> !known.contains(t) && !KEPT.test(t))
                    .sorted()
                    .toList();
            if (!forgotten.isEmpty()) {
                throw new IllegalStateException("TestLedger.TABLES does not empty " + forgotten
                        + ": add each (children before parents) or to KEPT if it must stay");
            }
            checked = true;
        }
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
