package org.lujing.read;

import org.lujing.normalise.CellKind;

/** One cell as read: its text (numbers as written in the file, dates as ISO text) and what kind of cell held it. */
public record Cell(String text, CellKind kind) {

    public static final Cell BLANK = new Cell("", CellKind.BLANK);

    public static Cell text(String text) {
        return text == null || text.isBlank() ? BLANK : new Cell(text, CellKind.TEXT);
    }

    public boolean isBlank() {
        return kind == CellKind.BLANK || text == null || text.isBlank();
    }
}
