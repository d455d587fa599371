package org.lujing.console;

import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * A list the console reads a page at a time (files, findings): the page asked for, or the last one when asked past it
 * (a number typed into the address, or the list shrank), with the number of pages.
 *
 * @param found what the read returned for the page shown
 * @param page the page shown, from 1
 * @param pages how many pages there are, at least 1
 */
record Paging<P>(P found, int page, int pages) {

    /**
     * Reads page {@code asked} with {@code read} (a page number from 1 to its rows and their total), and once more
     * for the last page when {@code asked} lies past it.
     */
    static <P> Paging<P> read(int asked, int size, IntFunction<P> read, ToLongFunction<P> total) {
        int shown = Math.max(asked, 1);
        P found = read.apply(shown);
        int pages = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (total.applyAsLong(found) + size - 1) / size));
        if (shown > pages) {
            shown = pages;
            found = read.apply(shown);
        }
        return new Paging<>(found, shown, pages);
    }
}
