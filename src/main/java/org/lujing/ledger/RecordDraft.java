package org.lujing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A normalised support record ready for the ledger. Its identity is (subjectKey, category, date, agency):
 * subjectKey is the blind index of the person's ID number, so identity never needs the number itself.
 * Free text (activity name, outcome, notes) arrives already masked.
 */
public record RecordDraft(
        String subjectKey,
        String idMasked,
        String personName,
        Category category,
        LocalDate date,
        String agency,
        String activityName,
        BigDecimal hours,
        BigDecimal quantity,
        String outcome,
        String notes) {}
