package org.lujing.read;

import org.lujing.normalise.CellKind;

/** One cell as read: its text (numbers as written in the file, dates as ISO text) and what kind of cell held it. */
public record Cell(String text, CellKind kind) {

    public static final Cell BLANK = new Cell("", CellKind.BLANK);

    /**
     * A formula's error (#DIV/0!, #N/A): no value, so blank to every rule, but its code kept for the message that
     * says why a required value is missing.
     */
    public static Cell error(String code) {
        return code == null || code.isBlank() ? BLANK : new Cell(code.strip(), CellKind.BLANK);
    }

    /**
     * What a formula cell without a stored result stands for (a workbook written by a program that does not compute
     * formulas, never opened and saved in Excel): no value, like an error.
     */
    public static final String NO_RESULT = "=?";

    /** A formula cell whose result the file does not hold. */
    public static Cell noResult() {
        return new Cell(NO_RESULT, CellKind.BLANK);
    }

    /** The formula error this blank cell stands for ({@link #NO_RESULT} for a formula without a result), or null. */
    public String errorCode() {
        return kind == CellKind.BLANK && text != null && !text.isBlank() ? text : null;
    }

    public static Cell text(String text) {
        return text == null || text.isBlank() ? BLANK : new Cell(text, CellKind.TEXT);
    }

    public boolean isBlank() {
        return kind == CellKind.BLANK || text == null || text.isBlank();
    }
}
