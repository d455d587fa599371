package org.lujing.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals that lines up Chinese (double-width) and Latin text; numbers right-aligned. */
public final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public String render() {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = width(header[i]);
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], width(r[i]));
            }
        }
        // a column is right-aligned when it holds numbers (a dash among them for "none"); a dash in a column of words
        // (a .csv's sheet) or a year among names stays with the words
        boolean[] numeric = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            boolean anyNumber = false;
            boolean allNumbers = true;
            for (String[] r : rows) {
                String c = i < r.length && r[i] != null ? r[i] : "";
                if (c.isEmpty()) {
                    continue;
                }
                if (!isNumber(c)) {
                    allNumbers = false;
                    break;
                }
                anyNumber |= !isDash(c);
            }
            numeric[i] = anyNumber && allNumbers;
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths, new boolean[header.length]);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append(rule).append('\n');
        rows.forEach(r -> line(out, r, widths, numeric));
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "" : cells[i];
            String pad = " ".repeat(widths[i] - width(c));
            line.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + c : c + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * A count, an amount, a change or a share: {@code 1234}, {@code 1,234.5}, {@code -3}, {@code +16.6},
     * {@code 12.5%}; a lone dash stands for "none" in a column of numbers and lines up with them too.
     */
    static boolean isNumber(String s) {
        return isDash(s) || NUMBER.matcher(s).matches();
    }

    private static boolean isDash(String s) {
        return s.equals("-") || s.equals("—");
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+\\-−]?[0-9][0-9,]*(\\.[0-9]+)?%?");

    /** The columns {@code s} takes on a terminal: two for a CJK character or a full-width form, one for the rest. */
    public static int width(String s) {
        if (s == null) {
            return 0;
        }
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
