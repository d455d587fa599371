package org.lujing.ledger;

/**
 * A message kept in both languages, {@code 中文 ‖ English}: a refusal, a file's note, a finding's detail. Whoever shows
 * it picks the reader's half; a text without the separator is in one language and shown as it is. Here, in the
 * module every other one may use, so each writer and reader shares one separator.
 */
public final class Bilingual {

    /** Between the Chinese and the English. */
    public static final String SEPARATOR = " ‖ ";

    private Bilingual() {}

    /**
     * A text written in the older form {@code 中文 / English} (the readers' refusals) as one kept in both languages:
     * its first " / " after some Chinese becomes the separator. A text already kept in both, or with no Chinese
     * before its first " / ", is returned as it is.
     */
    public static String fromSlashed(String text) {
        if (text == null || text.contains(SEPARATOR)) {
            return text;
        }
        int slash = text.indexOf(" / ");
        if (slash < 0) {
            return text;
        }
        boolean chinese = text.substring(0, slash)
                .codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? text.substring(0, slash).strip() + SEPARATOR + text.substring(slash + 3) : text;
    }

    /** The Chinese half, or with {@code english} the English half; a text in one language, or null (""), as it is. */
    public static String half(String text, boolean english) {
        if (text == null) {
            return "";
        }
        int at = text.indexOf(SEPARATOR);
        if (at < 0) {
            return text;
        }
        return english ? text.substring(at + SEPARATOR.length()) : text.substring(0, at);
    }
}
