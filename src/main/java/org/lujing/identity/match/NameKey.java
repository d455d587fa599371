package org.lujing.identity.match;

/** A name's three compared forms, computed once per name. */
public record NameKey(String folded, String simplified, String pinyin) {

    public static NameKey of(String name) {
        String folded = NameForms.fold(name);
        String simplified = NameForms.simplified(folded);
        return new NameKey(folded, simplified, NameForms.pinyin(simplified));
    }
}
