package org.lujing.normalise;

/** Normalises a person's name for display and for exact (name + phone) matching. */
public final class NameNormaliser {

    private static final char MIDDLE_DOT = '\u00B7';

    private NameNormaliser() {}

    /**
     * Trim, full-width to half-width, no spaces around or between CJK characters, one space
     * between Latin words; the separators of transliterated names ({@code 买买提·艾力}) all become
     * U+00B7. Traditional characters are kept: a name is written the way its owner writes it.
     * {@code null} gives {@code ""}.
     */
    public static String normalise(String name) {
        String half = TextFolding.toHalfWidth(name);
        StringBuilder out = new StringBuilder(half.length());
        boolean pendingSpace = false;
        for (int i = 0; i < half.length(); i++) {
            char c = dot(half.charAt(i));
            if (TextFolding.isSpace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace && isLatin(out.charAt(out.length() - 1)) && isLatin(c)) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    private static char dot(char c) {
        // Katakana middle dot, its half-width form, bullet and hyphenation point all stand for U+00B7.
        return (c == '\u30FB' || c == '\uFF65' || c == '\u2022' || c == '\u2027' || c == '\u2219') ? MIDDLE_DOT : c;
    }

    private static boolean isLatin(char c) {
        return c < 0x2E80 && c != MIDDLE_DOT && (Character.isLetterOrDigit(c) || c == '.' || c == '\'' || c == '-');
    }
}
