package org.lujing.identity.match;

import java.util.List;
import java.util.Locale;

/**
 * One roster person scored against a row: the total in bits (prior included), the four comparisons, and the safety
 * rule that forbids linking it automatically, if any.
 */
public record ScoredCandidate(long subjectId, double score, List<Comparison> comparisons, Veto veto) {

    /** Why a candidate may not be linked automatically whatever its score. */
    public enum Veto {
        /** The names are not even one character apart. */
        NAME_DIFFERENT,
        /** The birth dates differ in more than one part. */
        BIRTH_DIFFERENT,
        /** The row's ID number is not within one slip of the person's. */
        ID_DIFFERENT,
        /** A one-character name difference that neither the ID nor the birth date confirms: a relative, maybe. */
        POSSIBLE_RELATIVE
    }

    /**
     * The evidence as compact JSON, levels and weights only (never a value):
     * {@code {"score":14.2,"prior":-9.8,"ID":["ONE_SUBSTITUTION",7.6],...}}.
     */
    public String evidenceJson(double prior) {
        StringBuilder json = new StringBuilder(160);
        json.append("{\"score\":").append(round(score)).append(",\"prior\":").append(round(prior));
        for (Comparison c : comparisons) {
            json.append(",\"")
                    .append(c.level().field().name())
                    .append("\":[\"")
                    .append(c.level().shortName())
                    .append("\",")
                    .append(round(c.weight()))
                    .append(']');
        }
        if (veto != null) {
            json.append(",\"veto\":\"").append(veto.name()).append('"');
        }
        return json.append('}').toString();
    }

    /**
     * One decimal, as {@code %.1f} writes it (half up, "-0.0" for a small negative), without String.format: evidence is
     * written for tens of thousands of links a night and format's parsing was a fifth of writing it.
     */
    static String round(double bits) {
        if (Double.isNaN(bits) || Double.isInfinite(bits)) {
            return String.format(Locale.ROOT, "%.1f", bits);
        }
        long tenths = Math.round(Math.abs(bits) * 10);
        return (bits < 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
    }
}
