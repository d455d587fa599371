package org.lujing.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A file seen as sheets of raw rows, before any header is known: what CSV and spreadsheet readers have in common. */
interface RawSheets extends Closeable {

    /** The next sheet, or null when there are no more. */
    RawSheet nextSheet() throws IOException;

    default boolean date1904() {
        return false;
    }

    /** One sheet's rows in file order. */
    interface RawSheet {
        String name();

        /** The next row, or null at the end of the sheet. */
        RawRow nextRow() throws IOException;

        /** Rows handed out so far in which a cell took its value from a merged region above or beside it. */
        default int mergeFilledRows() {
            return 0;
        }
    }

    /** A row as it stands in the file, numbered as the partner sees it (1-based). */
    record RawRow(int number, List<Cell> cells) {}
}
