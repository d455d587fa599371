package org.lujing.reconcile;

/** What a person has done about a finding; kept across runs, whatever later runs see. */
public enum FindingStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    /**
     * A status as a filter names it: its code in any case or its word in either language (待处理, Open); refused in
     * both languages when there is no such status.
     */
    public static FindingStatus parse(String text) {
        return FindingWords.statusOf(text);
    }
}
