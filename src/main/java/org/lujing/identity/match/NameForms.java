package org.lujing.identity.match;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forms of a name that matching compares: folded (NFKC, no spaces, one middle dot), simplified (ICU's
 * Traditional-Simplified) and toneless pinyin (ICU's Han-Latin, then Latin-ASCII). Both transforms work character by
 * character on names, so each character is transformed once and cached: a roster of 50,000 names uses a few thousand
 * characters, and ICU transliterators are neither cheap nor safe to share between threads.
 */
public final class NameForms {

    private static final ConcurrentHashMap<Integer, String> SIMPLIFIED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, String> PINYIN = new ConcurrentHashMap<>();
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private static final ThreadLocal<Transliterator> TO_PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

    private NameForms() {}

    /** NFKC (full-width letters and digits to half-width), no white space, every middle-dot variant as U+00B7. */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return;
            }
            if (c == '\u30FB' || c == '\uFF65' || c == '\u2022' || c == '\u2027' || c == '\u2219' || c == '.') {
                c = '\u00B7';
            }
            out.appendCodePoint(Character.isLetter(c) && c < 0x2E80 ? Character.toLowerCase(c) : c);
        });
        return out.toString();
    }

    /** The folded name with every traditional character replaced by its simplified form. */
    public static String simplified(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .forEach(c -> out.append(
                        c < 0x2E80
                                ? new String(Character.toChars(c))
                                : SIMPLIFIED.computeIfAbsent(
                                        c, k -> TO_SIMPLIFIED.get().transliterate(new String(Character.toChars(k))))));
        return out.toString();
    }

    /** Toneless pinyin of the simplified name, syllables joined by nothing: 刘海燕 and 刘海艳 both give liuhaiyan. */
    public static String pinyin(String simplified) {
        StringBuilder out = new StringBuilder(simplified.length() * 4);
        simplified.codePoints().forEach(c -> {
            if (c < 0x2E80) {
                if (Character.isLetterOrDigit(c)) {
                    out.appendCodePoint(c);
                }
                return;
            }
            out.append(PINYIN.computeIfAbsent(c, k -> {
                String latin = TO_PINYIN.get().transliterate(new String(Character.toChars(k)));
                StringBuilder letters = new StringBuilder(latin.length());
                latin.codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
                return letters.toString();
            }));
        });
        return out.toString();
    }
}
