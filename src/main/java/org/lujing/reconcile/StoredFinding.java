package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.LocalDate;

/** A finding as kept in the {@code finding} table, with its history (first/last seen, cleared) and status. */
public record StoredFinding(
        long id,
        String rule,
        String findingKey,
        String severity,
        Long subjectId,
        String personMasked,
        String sourceId,
        Long fileId,
        String details,
        LocalDate firstSeen,
        LocalDate lastSeen,
        String status,
        LocalDate clearedOn,
        String statusNote,
        String statusBy,
        Timestamp statusAt) {

    /** True while the last run that looked still saw it. */
    public boolean holds() {
        return clearedOn == null;
    }

    /** The shape of {@code findings --json} and {@code GET /api/findings}: an interface scripts rely on. */
    public java.util.Map<String, Object> asJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put("rule", rule);
        m.put("key", findingKey);
        m.put("severity", severity);
        m.put("subjectId", subjectId);
        m.put("person", personMasked);
        m.put("source", sourceId);
        m.put("fileId", fileId);
        m.put("details", details);
        m.put("firstSeen", firstSeen.toString());
        m.put("lastSeen", lastSeen.toString());
        m.put("clearedOn", clearedOn == null ? null : clearedOn.toString());
        m.put("status", status);
        m.put("statusNote", statusNote);
        m.put("statusBy", statusBy);
        m.put("statusAt", statusAt == null ? null : statusAt.toInstant().toString());
        return m;
    }
}
