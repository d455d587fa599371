package org.lujing.reconcile;

/**
 * One thing a rule found as of a date, before it is stored.
 *
 * @param key what it is about, stable across runs: {@code subject:…}, {@code record:<id>}, {@code file:<id>},
 *     {@code source:<id>:<period>}
 * @param personMasked name and masked ID number, or null when the finding is not about a person
 * @param details a sentence for the operator in both languages ({@link FindingDetails}), masked
 */
record Finding(
        String rule,
        String key,
        Severity severity,
        Long subjectId,
        String personMasked,
        String sourceId,
        Long fileId,
        String details) {}
