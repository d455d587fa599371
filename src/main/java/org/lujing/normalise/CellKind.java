package org.lujing.normalise;

/**
 * What a reader saw in a cell, beside its text: a DATE's text is ISO ({@code yyyy-MM-dd} or
 * {@code yyyy-MM-ddTHH:mm[:ss]}); a NUMBER's text is a decimal string, plain or with an exponent.
 */
public enum CellKind {
    TEXT,
    NUMBER,
    DATE,
    /**
     * A date cell whose number format shows month and day only (m"月"d"日"): its text is the ISO date the cell holds,
     * whose year is only the year it was typed in; a date written without a year takes its sheet's year instead
     * (domain.md), the cell's own when the sheet states none.
     */
    YEARLESS_DATE,
    BLANK
}
