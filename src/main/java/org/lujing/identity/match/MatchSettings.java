package org.lujing.identity.match;

/**
 * The thresholds of scored matching, in bits of posterior log-odds: at or above {@code upper} a row is linked
 * automatically, from {@code lower} to {@code upper} it waits for review, below {@code lower} it stays pending;
 * {@code margin} is how far the best candidate must lead the second to be linked automatically.
 */
public record MatchSettings(double upper, double lower, double margin) {

    public static final MatchSettings DEFAULTS = new MatchSettings(9, 0, 6);

    public MatchSettings {
        if (lower > upper) {
            throw new IllegalArgumentException(
                    "lujing.identity.match.lower (" + lower + ") must not exceed .upper (" + upper + ")");
        }
        if (margin < 0) {
            throw new IllegalArgumentException("lujing.identity.match.margin must not be negative");
        }
    }
}
