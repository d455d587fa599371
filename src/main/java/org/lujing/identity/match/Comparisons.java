package org.lujing.identity.match;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The four field comparisons of scored matching, each returning the first {@link Level} that holds. Pure functions
 * of the two values; the roster side is always clean (an 18-character ID number, an 11-digit phone), the row side
 * is what the partner typed.
 */
public final class Comparisons {

    /**
     * A rounded ID agreeing on fewer significant digits than area and birth date says little more than "same
     * district": no evidence either way. Excel keeps 15; a CSV saved from the General format keeps 6 (4.30104E+17).
     */
    static final int ROUNDED_MIN_DIGITS = 14;

    private Comparisons() {}

    /**
     * A row's ID as typed against a roster ID number. {@code typed} is the cleaned cell (digits and X; 15, 17, 18 or
     * 19 characters), or {@code ~} followed by the significant digits Excel kept of a rounded number
     * ({@code ~430104198} for 4.30104198E+17).
     */
    public static Level id(String typed, String roster18) {
        if (typed == null || typed.isEmpty() || roster18 == null) {
            return Level.ID_UNKNOWN;
        }
        if (typed.charAt(0) == '~') {
            return rounded(typed.substring(1), roster18);
        }
        if (typed.length() == 15) {
            String legacy = roster18.substring(0, 6) + roster18.substring(8, 17);
            if (legacy.equals(typed)) {
                return Level.ID_LEGACY_15;
            }
            return slip(typed, legacy);
        }
        if (typed.equals(roster18)) {
            return Level.ID_EQUAL;
        }
        Level slip = slip(typed, roster18);
        if (slip == Level.ID_DIFFERENT && typed.length() == 18) {
            // a one-digit slip whose writer (or spreadsheet) also recomputed the check character
            return slip(typed.substring(0, 17), roster18.substring(0, 17)) == Level.ID_ONE_SUBSTITUTION
                    ? Level.ID_ONE_SUBSTITUTION
                    : Level.ID_DIFFERENT;
        }
        return slip;
    }

    /** Equal after rounding the roster number to the digits Excel kept. */
    private static Level rounded(String digits, String roster18) {
        if (digits.isEmpty() || !roster18.chars().limit(17).allMatch(Character::isDigit)) {
            return Level.ID_UNKNOWN;
        }
        BigDecimal roster =
                new BigDecimal(roster18.substring(0, 17) + (roster18.charAt(17) == 'X' ? "0" : roster18.charAt(17)));
        String kept = roster.round(new MathContext(digits.length(), RoundingMode.HALF_UP))
                .unscaledValue()
                .toString();
        String roundedDigits = stripZeros(kept);
        if (!roundedDigits.equals(stripZeros(digits))) {
            return Level.ID_DIFFERENT;
        }
        return digits.length() >= ROUNDED_MIN_DIGITS ? Level.ID_ROUNDED_PREFIX : Level.ID_UNKNOWN;
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** One substitution, one adjacent transposition, one character missing or extra (a slip), or different. */
    private static Level slip(String a, String b) {
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (differences++ == 0) {
                        first = i;
                    }
                    if (differences > 2) {
                        return Level.ID_DIFFERENT;
                    }
                }
            }
            if (differences == 1) {
                return Level.ID_ONE_SUBSTITUTION;
            }
            if (differences == 2
                    && first + 1 < a.length()
                    && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first)) {
                return Level.ID_TRANSPOSITION;
            }
            return Level.ID_DIFFERENT;
        }
        return oneIndel(a, b) ? Level.ID_ONE_SUBSTITUTION : Level.ID_DIFFERENT;
    }

    private static boolean oneIndel(String a, String b) {
        if (Math.abs(a.length() - b.length()) != 1) {
            return false;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }

    /** Names: equal after folding, equal once simplified, same toneless pinyin, one character different, different. */
    public static Level name(NameKey row, NameKey roster) {
        if (row == null
                || roster == null
                || row.folded().isEmpty()
                || roster.folded().isEmpty()) {
            return Level.NAME_UNKNOWN;
        }
        if (row.folded().equals(roster.folded())) {
            return Level.NAME_EQUAL;
        }
        if (row.simplified().equals(roster.simplified())) {
            return Level.NAME_SIMPLIFIED;
        }
        if (!row.pinyin().isEmpty() && row.pinyin().equals(roster.pinyin())) {
            return Level.NAME_PINYIN;
        }
        String a = row.simplified();
        String b = roster.simplified();
        if (a.codePointCount(0, a.length()) == b.codePointCount(0, b.length()) && a.length() >= 2) {
            int[] x = a.codePoints().toArray();
            int[] y = b.codePoints().toArray();
            int differences = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) {
                    differences++;
                }
            }
            if (differences == 1) {
                return Level.NAME_ONE_CHARACTER;
            }
        }
        return Level.NAME_DIFFERENT;
    }

    /** Phones after dropping +86/0086, spaces, hyphens and brackets: equal, one slip, or different. */
    public static Level phone(String typed, String roster) {
        String a = phoneDigits(typed);
        if (a.isEmpty() || roster == null || roster.isEmpty()) {
            return Level.PHONE_UNKNOWN;
        }
        if (a.equals(roster)) {
            return Level.PHONE_EQUAL;
        }
        Level slip = slip(a, roster);
        return slip == Level.ID_DIFFERENT ? Level.PHONE_DIFFERENT : Level.PHONE_ONE_SLIP;
    }

    /** The digits of a typed phone: full-width folded, separators and the +86 / 0086 prefix dropped. */
    public static String phoneDigits(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(typed.length());
        boolean plus = false;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '\uFF10' && c <= '\uFF19') {
                c = (char) ('0' + (c - '\uFF10'));
            }
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if ((c == '+' || c == '\uFF0B') && digits.length() == 0) {
                plus = true;
            }
        }
        String d = digits.toString();
        if ((plus || d.length() == 13) && d.startsWith("86") && d.length() >= 12) {
            d = d.substring(2);
        } else if (d.startsWith("0086") && d.length() >= 14) {
            d = d.substring(4);
        }
        return d;
    }

    /** Birth dates: equal, one of year, month and day different (or day and month swapped), or different. */
    public static Level birth(LocalDate row, LocalDate roster) {
        if (row == null || roster == null) {
            return Level.BIRTH_UNKNOWN;
        }
        if (row.equals(roster)) {
            return Level.BIRTH_EQUAL;
        }
        int same = (row.getYear() == roster.getYear() ? 1 : 0)
                + (row.getMonthValue() == roster.getMonthValue() ? 1 : 0)
                + (row.getDayOfMonth() == roster.getDayOfMonth() ? 1 : 0);
        boolean swapped = row.getYear() == roster.getYear()
                && row.getMonthValue() == roster.getDayOfMonth()
                && row.getDayOfMonth() == roster.getMonthValue();
        return same == 2 || swapped ? Level.BIRTH_ONE_PART : Level.BIRTH_DIFFERENT;
    }
}
