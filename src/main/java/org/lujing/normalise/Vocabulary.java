package org.lujing.normalise;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lujing.ledger.Category;

/** A source's vocabulary: the activity words it uses, each mapped to one category. */
public final class Vocabulary {

    private final Map<String, Category> byKey;

    private final Map<Category, Set<String>> words;

    private Vocabulary(Map<Category, List<String>> extraWords) {
        Map<String, Category> keys = new HashMap<>();
        Map<String, String> spelled = new HashMap<>();
        Map<Category, Set<String>> configured = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            Set<String> categoryWords = new LinkedHashSet<>(category.defaultWords());
            List<String> extras = (extraWords != null) ? extraWords.getOrDefault(category, List.of()) : List.of();
            for (String extra : (extras != null) ? extras : List.<String>of()) {
                if (!TextFolding.isBlank(extra)) {
                    categoryWords.add(extra.strip());
                }
            }
            configured.put(category, Collections.unmodifiableSet(categoryWords));
            for (String word : categoryWords) {
                add(keys, spelled, word, category);
            }
            add(keys, spelled, category.zh(), category);
            add(keys, spelled, category.name(), category);
        }
        this.byKey = Map.copyOf(keys);
        this.words = Collections.unmodifiableMap(configured);
    }

    /** Every category's default words plus the source's extra words. */
    public static Vocabulary of(Map<Category, List<String>> extraWords) {
        return new Vocabulary(extraWords);
    }

    /**
     * The category of an activity word, compared after {@link TextFolding#fold folding} and
     * ignoring Latin case; a category's code and its Chinese name are understood too.
     */
    public Optional<Category> lookup(String word) {
        if (TextFolding.isBlank(word)) {
            return Optional.empty();
        }
        return Optional.ofNullable(this.byKey.get(key(word)));
    }

    /**
     * The category named somewhere inside a longer text, such as a sheet name (心理测评(3月)) or a title row
     * (2025年团体辅导签到表): the longest vocabulary word the folded text contains decides; when the longest words
     * found name different categories the text is ambiguous and names none. An exact word is {@link #lookup}'s.
     */
    public Optional<Category> find(String text) {
        Optional<Category> exact = lookup(text);
        if (exact.isPresent() || TextFolding.isBlank(text)) {
            return exact;
        }
        String folded = key(text);
        int longest = 0;
        Category found = null;
        boolean ambiguous = false;
        for (Map.Entry<String, Category> e : this.byKey.entrySet()) {
            String word = e.getKey();
            // one-letter words and Latin codes (PSYCH_ASSESSMENT) are too short or too unlike a title to be found in
            // one
            if (word.length() < 2 || word.chars().allMatch(c -> c < 128) || !folded.contains(word)) {
                continue;
            }
            if (word.length() > longest) {
                longest = word.length();
                found = e.getValue();
                ambiguous = false;
            } else if (word.length() == longest && e.getValue() != found) {
                ambiguous = true;
            }
        }
        return ambiguous ? Optional.empty() : Optional.ofNullable(found);
    }

    /** The words configured for a category: its default words and the source's extras. */
    public Set<String> words(Category category) {
        return this.words.getOrDefault(category, Set.of());
    }

    private static void add(Map<String, Category> keys, Map<String, String> spelled, String word, Category category) {
        String key = key(word);
        Category existing = keys.putIfAbsent(key, category);
        if (existing != null && existing != category) {
            throw new IllegalArgumentException("Activity word '" + word + "' maps to both " + existing + " (as '"
                    + spelled.get(key) + "') and " + category + ": a word must name one category");
        }
        spelled.putIfAbsent(key, word);
    }

    private static String key(String word) {
        return TextFolding.fold(word).toLowerCase(Locale.ROOT);
    }
}
