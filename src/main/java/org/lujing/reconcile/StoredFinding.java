package org.lujing.reconcile;

import java.sql.Timestamp;
import java.time.LocalDate;

/** A finding as kept in the {@code finding} table, with its history (first/last seen, cleared) and status. */
public record StoredFinding(long id, String rule, String findingKey, String severity, Long subjectId,
        String personMasked, String sourceId, Long fileId, String details, LocalDate firstSeen, LocalDate lastSeen,
        String status, LocalDate clearedOn, String statusNote, String statusBy, Timestamp statusAt) {

    /** True while the last run that looked still saw it. */
    public boolean holds() {
        return clearedOn == null;
    }
}
