package org.lujing.normalise;

/**
 * What a reader saw in a cell, beside its text: a DATE's text is ISO ({@code yyyy-MM-dd} or
 * {@code yyyy-MM-ddTHH:mm[:ss]}); a NUMBER's text is a decimal string, plain or with an exponent.
 */
public enum CellKind {
    TEXT,
    NUMBER,
    DATE,
    BLANK
}
