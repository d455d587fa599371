package org.lujing.normalise;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks ID numbers and phones for every screen, log line and report that is not an audited admin view. */
public final class Masking {

    // Excel and CSV exports turn long numbers into 4.30104199003071E17: still identifying.
    private static final Pattern EXPONENT = Pattern.compile("(?<![0-9.])[0-9]\\.[0-9]+[Ee]\\+?[0-9]{1,2}(?![0-9])");

    private Masking() {}

    /**
     * First 4 and last 2 characters, a {@code *} for each one between ({@code 4301************3X}).
     * First-6/last-4 would leave the birth date readable beside other fields; shorter input than
     * 7 characters is masked whole.
     */
    public static String idNumber(String id) {
        return keepEnds(id, 4, 2);
    }

    /** First 3 and last 2 digits ({@code 138******78}); shorter input than 6 characters is masked whole. */
    public static String phone(String p) {
        return keepEnds(p, 3, 2);
    }

    /**
     * A file's name (or any one-line text a person typed: a user name at sign-in) as Lujing records and shows it:
     * masked like any text ({@link #value}), and each control character
     * (a newline, a terminal escape, a text-direction override) made a {@code _}, so a name cannot split a table's
     * line, colour an operator's terminal or read backwards on a screen.
     */
    public static String fileName(String name) {
        String masked = value(name);
        StringBuilder out = null;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (Character.getType(c) == Character.CONTROL
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u2028'
                    || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(masked);
                }
                out.setCharAt(i, '_');
            }
        }
        return out == null ? masked : out.toString();
    }

    /**
     * Masks, inside any text, each run of 15 or more digits (optionally ending in X, optionally
     * split by single spaces or hyphens) as an ID number, each 11-digit run starting with 1 as a
     * mobile, and long numbers in exponent form; other text is kept, for masked copies of rows.
     */
    public static String value(String anyCellText) {
        if (anyCellText == null) {
            return "";
        }
        String text = maskExponents(anyCellText);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (!isDigit(text.charAt(i))) {
                out.append(text.charAt(i));
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            StringBuilder compact = new StringBuilder();
            while (end < text.length()) {
                char c = text.charAt(end);
                if (isDigit(c)) {
                    compact.append(c);
                    digits++;
                    end++;
                } else if (isX(c) && digits >= 14) {
                    compact.append(c);
                    end++;
                    break;
                } else if ((c == ' ' || c == '-') && end + 1 < text.length() && isDigit(text.charAt(end + 1))) {
                    end++;
                } else {
                    break;
                }
            }
            String run = compact.toString();
            if (run.length() >= 15) {
                out.append(idNumber(run));
            } else if (isMobile(run)) {
                out.append(phone(run));
            } else if (run.length() == 13
                    && (run.startsWith("86") || run.startsWith("８６"))
                    && isMobile(run.substring(2))) {
                out.append(run, 0, 2).append(phone(run.substring(2)));
            } else {
                out.append(text, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    private static String maskExponents(String text) {
        Matcher matcher = EXPONENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String plain;
            try {
                plain = new BigDecimal(matcher.group()).toBigInteger().toString();
            } catch (NumberFormatException ex) {
                plain = matcher.group();
            }
            String masked = (plain.length() >= 11) ? keepEnds(matcher.group(), 4, 0) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isMobile(String run) {
        return run.length() == 11 && (run.charAt(0) == '1' || run.charAt(0) == '１');
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
    }

    private static boolean isX(char c) {
        return c == 'X' || c == 'x' || c == 'Ｘ' || c == 'ｘ';
    }

    private static String keepEnds(String s, int head, int tail) {
        if (s == null) {
            return "";
        }
        int length = s.length();
        StringBuilder out = new StringBuilder(length);
        if (length < head + tail + 1) {
            return "*".repeat(length);
        }
        out.append(s, 0, head);
        out.append("*".repeat(length - head - tail));
        out.append(s, length - tail, length);
        return out.toString();
    }
}
