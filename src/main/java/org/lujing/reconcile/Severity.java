package org.lujing.reconcile;

/** How urgently a finding wants a person's attention. */
public enum Severity {
    /** the ledger or a file contradicts itself: figures may be wrong (OUTSIDE_SUPERVISION, CONTROL_TOTAL_MISMATCH) */
    HIGH,
    /** something is missing or waiting; figures are right but incomplete */
    MEDIUM
}
