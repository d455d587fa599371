package org.lujing.reconcile;

/**
 * One thing a rule found as of a date, before it is stored.
 *
 * @param key what it is about, stable across runs: {@code subject:…}, {@code record:<id>}, {@code file:<id>},
 *     {@code source:<id>:<period>}
 * @param personMasked name and masked ID number, or null when the finding is not about a person
 * @param details a sentence for the operator, masked
 */
record Finding(
        String rule,
        String key,
        Severity severity,
        Long subjectId,
        String personMasked,
        String sourceId,
        Long fileId,
        String details) {

    /**
     * Details in both languages, {@code 中文 ‖ English}: screens and reports show the reader's language only (see
     * {@code ReportLanguage.oneLanguage}); JSON keeps the whole text.
     */
    static String text(String zh, String en) {
        return zh + " ‖ " + en;
    }

    /** A category code in Chinese (调查评估), or the code itself when it is none. */
    static String categoryZh(String code) {
        try {
            return org.lujing.ledger.Category.valueOf(code).zh();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(code);
        }
    }
}
