package org.lujing.reconcile;

/** What a person has done about a finding; kept across runs, whatever later runs see. */
public enum FindingStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
