package org.lujing.ingest;

import org.lujing.ledger.RecordDraft;
import org.lujing.ledger.SubjectDraft;
import org.lujing.normalise.ReasonCode;

/** What normalising one row gave: a record, a roster entry, a reject or a skip. Every row read gives exactly one. */
sealed interface RowResult {

    String sheet();

    int row();

    record NewRecord(String sheet, int row, RecordDraft draft) implements RowResult {}

    record RosterEntry(String sheet, int row, SubjectDraft draft) implements RowResult {}

    /**
     * @param column the header of the offending column, as the partner wrote it, or null
     * @param maskedValues the row's cells with identity values masked, as JSON
     * @param unmappedWord the activity word that maps to no category (UNKNOWN_CATEGORY only)
     */
    record Rejected(
            String sheet,
            int row,
            ReasonCode reason,
            String column,
            String message,
            String maskedValues,
            String unmappedWord)
            implements RowResult {}

    /**
     * @param why blank, total or sign-off
     * @param declaredCount for a total row, the count it states (合计：25人次 → 25), kept for reconciliation
     * @param text for a total row, its text (masked)
     */
    record Skipped(String sheet, int row, String why, Integer declaredCount, String text) implements RowResult {

        Skipped(String sheet, int row, String why) {
            this(sheet, row, why, null, null);
        }
    }
}
