package org.lujing.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.ledger.Category;
import org.lujing.normalise.Vocabulary;
import org.lujing.read.Field;
import org.lujing.read.HeaderSynonyms;

/**
 * One partner source, loaded from {@code jobs/sources/<id>.yaml}: who delivers, in which formats, how often,
 * and the header synonyms and activity words it adds to the common ones.
 */
public record SourceDefinition(
        String id,
        String agency,
        String description,
        List<String> formats,
        Cadence cadence,
        boolean roster,
        Category defaultCategory,
        String encoding,
        String delimiter,
        String datePattern,
        Map<Field, List<String>> headers,
        Map<Category, List<String>> vocabularyWords,
        HeaderSynonyms headerSynonyms,
        Vocabulary vocabulary) {

    /** How often a source is expected to deliver. */
    public enum Cadence {
        NONE,
        WEEKLY,
        MONTHLY
    }

    public Optional<Category> defaultCategoryOpt() {
        return Optional.ofNullable(defaultCategory);
    }

    public boolean accepts(String format) {
        return formats.isEmpty() || formats.contains(format);
    }
}
