package org.lujing.reconcile;

/** What a person has done about a finding; kept across runs, whatever later runs see. */
public enum FindingStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    /** A status as a filter names it, in any case; refused in both languages when there is no such status. */
    public static FindingStatus parse(String text) {
        String wanted = text.strip().toUpperCase(java.util.Locale.ROOT);
        for (FindingStatus s : values()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("没有状态 " + text.strip() + "；状态有 OPEN、ACKNOWLEDGED、RESOLVED ‖ there is no"
                + " status " + text.strip() + "; the statuses are OPEN, ACKNOWLEDGED, RESOLVED");
    }
}
