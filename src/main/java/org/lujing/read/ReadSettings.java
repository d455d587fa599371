package org.lujing.read;

import java.util.Set;

/**
 * What a reader needs to know of the source: its header synonyms, which fields a header row must name,
 * and any declared CSV encoding or delimiter.
 */
public record ReadSettings(HeaderSynonyms synonyms, Set<Field> requiredHeaders, String encoding, String delimiter) {

    public static final int HEADER_SEARCH_ROWS = 20;
}
