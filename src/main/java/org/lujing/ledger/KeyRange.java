package org.lujing.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of person keys ({@code subject_key}) by their first two characters, for a reader that groups records by
 * key a part at a time instead of holding every key at once. A key is a hex HMAC, so ranges of prefixes hold about as
 * many keys each. The first range has no lower bound and the last no upper one: a key of any other spelling still
 * falls in exactly one.
 *
 * @param from the smallest prefix in the range, or null for the first
 * @param to the first prefix past the range, or null for the last
 */
public record KeyRange(String from, String to) {

    /** Two hex characters' worth of prefixes: the most ranges there are. */
    public static final int PREFIXES = 256;

    /** Every key. */
    public static final KeyRange ALL = new KeyRange(null, null);

    /**
     * As many ranges as parts of {@code per} things that {@code count} things make: one for up to {@code per}, at
     * most {@link #PREFIXES}.
     */
    public static List<KeyRange> split(long count, int per) {
        int parts = (int) Math.min(PREFIXES, Math.max(1, (count + per - 1) / per));
        List<KeyRange> ranges = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            ranges.add(new KeyRange(
                    part == 0 ? null : prefix(part * PREFIXES / parts),
                    part == parts - 1 ? null : prefix((part + 1) * PREFIXES / parts)));
        }
        return ranges;
    }

    private static String prefix(int n) {
        return String.format("%02x", n);
    }

    /** The range as conditions on {@code column}, each followed by {@code AND}; empty for every key. */
    public String condition(String column) {
        return (from == null ? "" : column + " >= ? AND ") + (to == null ? "" : column + " < ? AND ");
    }

    /** The parameters of {@link #condition}, in order. */
    public List<Object> params() {
        List<Object> params = new ArrayList<>(2);
        if (from != null) {
            params.add(from);
        }
        if (to != null) {
            params.add(to);
        }
        return params;
    }
}
