package org.lujing.normalise;

import java.util.HashMap;
import java.util.Map;

/** Folds header text and vocabulary words so that partners' spellings compare equal. */
public final class TextFolding {

    /**
     * Traditional → simplified, only for the characters partners actually use in the headers,
     * activity words, title and sign-off rows of domain.md: a general converter would be a
     * dependency for a few dozen characters, and must never touch names.
     */
    private static final Map<Character, Character> SIMPLIFIED = simplifiedMap(
            // identity and roster headers
            "證证証证號号碼码對对矯矫別别屬属區区電电話话機机聯联繫系係系",
            // dates, types, units, agencies, names of activities
            "動动務务時时間间類类項项幫帮單单辦办稱称內内課课長长數数冊册結结評评備备註注說说開开終终構构",
            // category words
            "調调査查協协會会組组參参個个點点訪访談谈測测導导諮咨詢询體体團团輔辅願愿週周線线實实專专場场風风崗岗" + "職职業业訓训練练擺摆脫脱難难發发讀读圖图與与為为",
            // totals, sign-off and title rows
            "計计總总審审報报紀纪館馆記记員员",
            // correction types and partner kinds
            "緩缓釋释暫暂監监執执醫医學学鐘钟詳详講讲環环驗验");

    private TextFolding() {}

    /**
     * Trim, full-width to half-width, drop every whitespace character, and map the traditional
     * forms of the domain's words to simplified ones. {@code null} folds to {@code ""}.
     */
    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        String half = toHalfWidth(s);
        StringBuilder out = new StringBuilder(half.length());
        for (int i = 0; i < half.length(); i++) {
            char c = half.charAt(i);
            if (isSpace(c)) {
                continue;
            }
            Character simplified = SIMPLIFIED.get(c);
            out.append((simplified != null) ? simplified.charValue() : c);
        }
        return out.toString();
    }

    /**
     * {@link #fold(String) Fold} a header, then drop trailing colons and one trailing unit in
     * brackets, so that {@code 時長（小時）：} compares equal to {@code 时长}.
     */
    public static String foldHeader(String s) {
        String folded = stripTrailingColons(fold(s));
        String withoutUnit = stripTrailingColons(stripTrailingBracket(folded));
        // A header that is nothing but a bracketed word keeps it: an empty header matches nothing.
        return withoutUnit.isEmpty() ? folded : withoutUnit;
    }

    /** Whether the text holds nothing but whitespace (including NBSP and the ideographic space). */
    public static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Full-width ASCII (U+FF01–U+FF5E) to half-width and every space-like character to a plain
     * space, keeping spaces: for values such as dates and names whose spaces separate parts.
     */
    public static String toHalfWidth(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append((char) (c - 0xFEE0));
            } else if (c != '\t' && c != '\n' && c != '\r' && isSpace(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    static boolean isSpace(char c) {
        // BOM and zero-width characters hide in copied cells and CSV headers.
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || c == '\uFEFF'
                || c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060';
    }

    private static String stripTrailingColons(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ':') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripTrailingBracket(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char close = s.charAt(s.length() - 1);
        char open = switch (close) {
            case ')' -> '(';
            case ']' -> '[';
            case '】' -> '【';
            case '〕' -> '〔';
            case '}' -> '{';
            default -> 0;
        };
        if (open == 0) {
            return s;
        }
        int start = s.lastIndexOf(open);
        return (start >= 0) ? s.substring(0, start) : s;
    }

    private static Map<Character, Character> simplifiedMap(String... pairs) {
        Map<Character, Character> map = new HashMap<>();
        for (String chunk : pairs) {
            if (chunk.length() % 2 != 0) {
                throw new IllegalStateException("Unpaired traditional/simplified characters: " + chunk);
            }
            for (int i = 0; i < chunk.length(); i += 2) {
                if (chunk.charAt(i) != chunk.charAt(i + 1)) {
                    map.put(chunk.charAt(i), chunk.charAt(i + 1));
                }
            }
        }
        return Map.copyOf(map);
    }
}
