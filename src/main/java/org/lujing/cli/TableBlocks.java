package org.lujing.cli;

import java.io.PrintStream;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.lujing.report.TextTable;

/**
 * Prints a list of any length as text tables of {@link #ROWS} rows, each as wide as its own rows need, as the list is
 * read: one table of every file or finding would hold them all to measure the columns first.
 */
final class TableBlocks {

    /** Rows per printed table. */
    static final int ROWS = 1_000;

    private TableBlocks() {}

    /**
     * Prints {@code items} to {@code out} a table at a time; returns how many. When there are none, prints the line
     * {@code none} (what the empty list means and what to do) instead of a table of headers alone.
     */
    static <T> long print(
            Iterable<T> items, Supplier<TextTable> table, BiConsumer<TextTable, T> row, String none, PrintStream out) {
        long count = 0;
        TextTable t = null;
        for (T item : items) {
            if (count % ROWS == 0) {
                if (t != null) {
                    out.print(t.render());
                }
                t = table.get();
            }
            row.accept(t, item);
            count++;
        }
        if (t == null) {
            out.println(none);
        } else {
            out.print(t.render());
        }
        return count;
    }
}
