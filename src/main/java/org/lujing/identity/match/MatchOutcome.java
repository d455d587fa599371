package org.lujing.identity.match;

/** What scored matching decided for one row: link, review or nothing, with the best and second-best candidates. */
public record MatchOutcome(Kind kind, ScoredCandidate best, ScoredCandidate second, String why) {

    /** The three outcomes. */
    public enum Kind {
        LINK,
        REVIEW,
        NONE
    }

    static MatchOutcome none(String why) {
        return new MatchOutcome(Kind.NONE, null, null, why);
    }
}
