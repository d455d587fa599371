package org.lujing.identity.match;

import java.time.LocalDate;

/**
 * What a row without a clean ID number says about its person: the name, the ID as typed (see
 * {@link Comparisons#id}), the phone as typed and a birth date column. Confidential: kept encrypted, and its
 * {@code toString} shows none of it.
 */
public record RowTraits(String name, String typedId, String phone, LocalDate birth) {

    /** A compact, stable text form for encryption: four fields separated by U+001F. */
    public String encode() {
        return nz(name) + '\u001f' + nz(typedId) + '\u001f' + nz(phone) + '\u001f' + (birth == null ? "" : birth);
    }

    public static RowTraits decode(String text) {
        String[] p = text.split("\u001f", -1);
        return new RowTraits(
                blank(p[0]),
                p.length > 1 ? blank(p[1]) : null,
                p.length > 2 ? blank(p[2]) : null,
                p.length > 3 && !p[3].isEmpty() ? LocalDate.parse(p[3]) : null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "RowTraits[masked]";
    }
}
