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

    /**
     * A {@code limit} an API caller gave, checked: between 1 and {@code max}, else 400 saying so — a limit of 0 had
     * answered one row, and one of a million the maximum, without a word.
     */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "limit 须在 1 到 " + max + " 之间，而不是 " + limit + org.lujing.ledger.Bilingual.SEPARATOR
                            + "limit must be between 1 and " + max + ", not " + limit);
        }
        return limit;
    }
}
