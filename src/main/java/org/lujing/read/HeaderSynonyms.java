package org.lujing.read;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.normalise.TextFolding;

/** Maps a header cell's text to a {@link Field}: the common synonyms plus a source's own, compared after folding. */
public final class HeaderSynonyms {

    private final Map<String, Field> byFoldedHeader = new HashMap<>();

    private HeaderSynonyms(Map<Field, List<String>> extra) {
        for (Field field : Field.values()) {
            put(field.key(), field);
            for (String header : field.commonHeaders()) {
                put(header, field);
            }
        }
        extra.forEach((field, headers) -> headers.forEach(h -> put(h, field)));
    }

    public static HeaderSynonyms common() {
        return new HeaderSynonyms(Map.of());
    }

    public static HeaderSynonyms with(Map<Field, List<String>> extra) {
        return new HeaderSynonyms(extra == null ? new EnumMap<>(Field.class) : extra);
    }

    private void put(String header, Field field) {
        String folded = TextFolding.foldHeader(header);
        Field previous = byFoldedHeader.put(folded, field);
        if (previous != null && previous != field) {
            throw new IllegalArgumentException(
                    "header '" + header + "' is a synonym of both " + previous.key() + " and " + field.key());
        }
        byFoldedHeader.put(folded.toLowerCase(java.util.Locale.ROOT), field);
    }

    public Optional<Field> lookup(String headerText) {
        if (headerText == null) {
            return Optional.empty();
        }
        String folded = TextFolding.foldHeader(headerText);
        Field f = byFoldedHeader.get(folded);
        if (f == null) {
            f = byFoldedHeader.get(folded.toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.ofNullable(f);
    }
}
