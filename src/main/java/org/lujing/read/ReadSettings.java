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
 * @param roster whether the source is the roster: a table with an activity's columns (日期, 类别, 活动名称) and none of
 *     the roster's own (矫正类别, 矫正起止日期) is an activity ledger sent to the wrong place, and is passed over
 */
public record ReadSettings(
        HeaderSynonyms synonyms,
        Set<Field> requiredHeaders,
        String encoding,
        String delimiter,
        Vocabulary vocabulary,
        Category defaultCategory,
        boolean roster) {

    public static final int HEADER_SEARCH_ROWS = 20;

    public ReadSettings(HeaderSynonyms synonyms, Set<Field> requiredHeaders, String encoding, String delimiter) {
        this(synonyms, requiredHeaders, encoding, delimiter, null, null);
    }

    public ReadSettings(
            HeaderSynonyms synonyms,
            Set<Field> requiredHeaders,
            String encoding,
            String delimiter,
            Vocabulary vocabulary,
            Category defaultCategory) {
        this(synonyms, requiredHeaders, encoding, delimiter, vocabulary, defaultCategory, false);
    }

    /** The columns only an activity ledger has, and those only a roster has. */
    static final Set<Field> ACTIVITY_ONLY = Set.of(Field.DATE, Field.CATEGORY, Field.ACTIVITY_NAME);

    static final Set<Field> ROSTER_ONLY = Set.of(Field.CORRECTION_TYPE, Field.SUPERVISION_START, Field.SUPERVISION_END);

    /** Whether a table with these columns, read for this source, is an activity ledger and not a roster. */
    boolean activityLedgerAsRoster(Set<Field> columns) {
        return roster
                && columns.stream().anyMatch(ACTIVITY_ONLY::contains)
                && columns.stream().noneMatch(ROSTER_ONLY::contains);
    }
}
