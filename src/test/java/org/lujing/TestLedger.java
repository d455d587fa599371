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
            "error_report",
            "identity_match",
            "identity_decision",
            "subject_history",
            "support_record",
            "subject",
            "ingest_file",
            "stat_day",
            "stat_event",
            "stat_subject_month",
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

    private TestLedger() {}

    public static void empty(JdbcTemplate jdbc) {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
