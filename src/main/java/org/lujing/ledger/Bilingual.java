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
