package org.lujing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A normalised support record ready for the ledger. Its identity is (subjectKey, category, date, agency):
 * subjectKey is the blind index of the person's ID number, so identity never needs the number itself.
 * Free text (activity name, outcome, notes) arrives already masked. A row without a usable ID number but with an
 * exact (name, phone) or (name, birth date) pair is keyed by that pair instead ({@link KeyKind}); subjectRef is the
 * encrypted value behind the key, so that a key rotation can rebuild it.
 */
public record RecordDraft(
        KeyKind keyKind,
        String subjectKey,
        String subjectRef,
        String indexKeyId,
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
