package org.lujing.read;

import java.util.Set;
import org.lujing.ledger.Category;
import org.lujing.normalise.Vocabulary;

/**
 * What a reader needs to know of the source: its header synonyms, which fields a header row must name, any declared
 * CSV encoding or delimiter, and — for an activity source — its vocabulary and default category, so that a sheet
 * without a category column can take its category from its name or title (or be passed over when nothing gives one).
 *
 * @param vocabulary the source's activity words, or null when sheets need no category (a roster)
 * @param defaultCategory the category of a sheet that names none, or null
 */
public record ReadSettings(
        HeaderSynonyms synonyms,
        Set<Field> requiredHeaders,
        String encoding,
        String delimiter,
        Vocabulary vocabulary,
        Category defaultCategory) {

    public static final int HEADER_SEARCH_ROWS = 20;

    public ReadSettings(HeaderSynonyms synonyms, Set<Field> requiredHeaders, String encoding, String delimiter) {
        this(synonyms, requiredHeaders, encoding, delimiter, null, null);
    }
}
