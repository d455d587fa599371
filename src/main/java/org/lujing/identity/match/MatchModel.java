package org.lujing.identity.match;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Fellegi–Sunter weights: for each level, m = P(level | same person) and u = P(level | different people), and
 * its weight log2(m/u) in bits. m is estimated, field by field, from pairs known to be one person (ledger rows tied
 * by a valid ID number, {@link MatchExamples}) when there are {@link #ENOUGH_EXAMPLES} of them, blended with and
 * bounded by documented priors (how partners mistype, docs/identity-matching.md), else taken from the priors; u is
 * estimated from the roster itself — the rate at which pairs of different people on it agree at that level, from a
 * seeded sample of pairs, never below a floor (a roster cannot show chances smaller than one in its sample) — and for
 * the name's equal levels from how often that very name occurs on the roster (term frequency: 张伟 weighs less than a
 * rare name). The prior is the chance that a pending row's person is one given roster person: {@link #ON_ROSTER}
 * spread over the roster.
 *
 * <p>Why one class of this length: the model is the comparisons' levels with their m and u, where each came from, and
 * the weights derived from them; estimating m from the ledger's examples and explaining the result read the same
 * tables, so they stay beside them.
 */
public final class MatchModel {

    /** Share of pending rows without a clean ID whose person is on the roster at all; a cautious half. */
    static final double ON_ROSTER = 0.5;

    static final int SAMPLE_PAIRS = 200_000;

    /**
     * Among different people, the chance that the row's name is also written another way (traditional characters):
     * the rendering is as likely for a namesake as for the person, so it costs the name's agreement nothing.
     */
    static final double RENDERING = 0.05;

    /**
     * Pairs of a field the ledger must show before that field's m are estimated from them rather than taken from the
     * priors: with 200, a level seen in 5% of pairs is measured to within about ±3 points (one standard error 1.5).
     */
    public static final int ENOUGH_EXAMPLES = 200;

    /** How many pairs the priors count for in the blend: a level the ledger never shows keeps some of its prior. */
    static final double PRIOR_PAIRS = 20;

    /**
     * Rows tied by a valid ID number were typed more carefully than rows without one, so the ledger shows slips more
     * rarely than they happen where scored matching is needed: an estimate may make a level at most this many times
     * rarer than its prior (2 bits of weight), never more.
     */
    static final double MAX_SHRINK = 4;

    /** Where a level's m came from. */
    public enum MSource {
        /** the documented prior: too few examples in the ledger (or none possible, for the ID number) */
        PRIOR,
        /** estimated from the ledger's pairs, blended with the prior */
        LEDGER
    }

    /** Where a level's u came from. */
    public enum USource {
        /** the rate among a seeded sample of pairs of different people on the roster */
        ROSTER_SAMPLE,
        /** the floor: the sample showed it more rarely than a roster can tell */
        FLOOR,
        /** the share of the roster carrying the row's name (shown for a name one person carries) */
        NAME_FREQUENCY
    }

    /** One level's weight and where its m and u came from, for {@code identity model}. */
    public record LevelWeight(
            Level level, double m, MSource mSource, int mPairs, double u, USource uSource, int uPairs, double weight) {}

    private static final Map<Level, Double> M = new EnumMap<>(Level.class);
    private static final Map<Level, Double> U_FLOOR = new EnumMap<>(Level.class);

    static {
        // among rows that reach scoring with an ID typed, the number is damaged: it cannot equal a roster number (the
        // exact rule would have taken it), so the mass is on the slips; each field's m add up to one
        m(Level.ID_EQUAL, 0.01, 1e-7);
        m(Level.ID_ONE_SUBSTITUTION, 0.55, 1e-6);
        m(Level.ID_TRANSPOSITION, 0.20, 1e-6);
        m(Level.ID_LEGACY_15, 0.05, 1e-6);
        m(Level.ID_ROUNDED_PREFIX, 0.15, 1e-5);
        m(Level.ID_DIFFERENT, 0.04, 0.5);
        m(Level.NAME_EQUAL, 0.85, 1e-6);
        m(Level.NAME_SIMPLIFIED, 0.04, 1e-6);
        m(Level.NAME_PINYIN, 0.05, 1e-6);
        m(Level.NAME_ONE_CHARACTER, 0.03, 1e-4);
        m(Level.NAME_DIFFERENT, 0.03, 0.5);
        m(Level.PHONE_EQUAL, 0.60, 1e-5);
        m(Level.PHONE_ONE_SLIP, 0.10, 1e-4);
        m(Level.PHONE_DIFFERENT, 0.30, 0.5);
        m(Level.BIRTH_EQUAL, 0.95, 1e-5);
        m(Level.BIRTH_ONE_PART, 0.04, 1e-3);
        m(Level.BIRTH_DIFFERENT, 0.01, 0.5);
    }

    private static void m(Level level, double m, double uFloor) {
        M.put(level, m);
        U_FLOOR.put(level, uFloor);
    }

    private final int rosterSize;
    private final Map<Level, Double> m;
    private final Map<Level.Field, Integer> examples;
    private final Map<Level, Double> u;
    private final java.util.Set<Level> uFloored;
    private final int pairsSampled;
    private final Map<String, Integer> foldedCounts;
    private final Map<String, Integer> simplifiedCounts;
    private final Map<String, Integer> pinyinCounts;
    private final double prior;

    private MatchModel(
            int rosterSize,
            Map<Level, Double> m,
            Map<Level.Field, Integer> examples,
            Map<Level, Double> u,
            java.util.Set<Level> uFloored,
            int pairsSampled,
            Map<String, Integer> foldedCounts,
            Map<String, Integer> simplifiedCounts,
            Map<String, Integer> pinyinCounts) {
        this.rosterSize = rosterSize;
        this.m = m;
        this.examples = examples;
        this.u = u;
        this.uFloored = uFloored;
        this.pairsSampled = pairsSampled;
        this.foldedCounts = foldedCounts;
        this.simplifiedCounts = simplifiedCounts;
        this.pinyinCounts = pinyinCounts;
        this.prior = log2(ON_ROSTER / Math.max(1, rosterSize));
    }

    /** Estimates u from the roster; every m is its prior. */
    public static MatchModel estimate(List<RosterPerson> roster) {
        return estimate(roster, new MatchExamples());
    }

    /**
     * Estimates u from the roster (name frequencies, and the levels of a seeded sample of pairs of different people)
     * and m from the examples of true matches, field by field where they are enough.
     */
    public static MatchModel estimate(List<RosterPerson> roster, MatchExamples matches) {
        Map<String, Integer> folded = new HashMap<>();
        Map<String, Integer> simplified = new HashMap<>();
        Map<String, Integer> pinyin = new HashMap<>();
        for (RosterPerson p : roster) {
            folded.merge(p.nameKey().folded(), 1, Integer::sum);
            simplified.merge(p.nameKey().simplified(), 1, Integer::sum);
            pinyin.merge(p.nameKey().pinyin(), 1, Integer::sum);
        }
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        int n = roster.size();
        int pairs = 0;
        if (n >= 2) {
            SplittableRandom random = new SplittableRandom(20_261_129L);
            long possible = (long) n * (n - 1) / 2;
            int sample = (int) Math.min(SAMPLE_PAIRS, possible);
            for (int i = 0; i < sample; i++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n - 1);
                if (b >= a) {
                    b++;
                }
                RosterPerson x = roster.get(a);
                RosterPerson y = roster.get(b);
                counts.merge(Comparisons.id(x.idNumber(), y.idNumber()), 1, Integer::sum);
                counts.merge(Comparisons.name(x.nameKey(), y.nameKey()), 1, Integer::sum);
                counts.merge(Comparisons.phone(x.phone(), y.phone()), 1, Integer::sum);
                counts.merge(Comparisons.birth(x.birth(), y.birth()), 1, Integer::sum);
                pairs++;
            }
        }
        Map<Level, Double> u = new EnumMap<>(Level.class);
        java.util.Set<Level> floored = java.util.EnumSet.noneOf(Level.class);
        for (Level level : Level.values()) {
            if (level.unknown()) {
                continue;
            }
            double observed = pairs == 0 ? 0 : counts.getOrDefault(level, 0) / (double) pairs;
            if (level.different()) {
                // among pairs where both have the field: the rate of disagreement
                int known = 0;
                for (Level l : Level.values()) {
                    if (l.field() == level.field() && !l.unknown()) {
                        known += counts.getOrDefault(l, 0);
                    }
                }
                observed = known == 0 ? 1.0 : counts.getOrDefault(level, 0) / (double) known;
            }
            if (observed < U_FLOOR.get(level)) {
                floored.add(level);
            }
            u.put(level, Math.max(observed, U_FLOOR.get(level)));
        }
        Map<Level.Field, Integer> examples = new EnumMap<>(Level.Field.class);
        for (Level.Field field : Level.Field.values()) {
            examples.put(field, matches.pairs(field));
        }
        return new MatchModel(n, mOf(matches), examples, u, floored, pairs, folded, simplified, pinyin);
    }

    /**
     * m per level: for a field with {@link #ENOUGH_EXAMPLES} pairs, the observed share blended with the prior as
     * {@link #PRIOR_PAIRS} pairs, (count + 20·prior) / (pairs + 20) — these add up to one — then raised to at least
     * prior / {@link #MAX_SHRINK} where the ledger shows a level rarer than that, what the raise adds being taken from
     * the field's commonest level so that they still add up to one; else the prior.
     */
    static Map<Level, Double> mOf(MatchExamples known) {
        Map<Level, Double> m = new EnumMap<>(M);
        for (Level.Field field : Level.Field.values()) {
            int pairs = known.pairs(field);
            if (pairs < ENOUGH_EXAMPLES) {
                continue;
            }
            double raised = 0;
            Level commonest = null;
            Map<Level, Double> estimated = new EnumMap<>(Level.class);
            for (Level level : Level.values()) {
                if (level.field() != field || level.unknown()) {
                    continue;
                }
                double prior = M.get(level);
                double blended = (known.observed(level) + PRIOR_PAIRS * prior) / (pairs + PRIOR_PAIRS);
                double bounded = Math.max(blended, prior / MAX_SHRINK);
                raised += bounded - blended;
                estimated.put(level, bounded);
                if (commonest == null || blended > estimated.get(commonest)) {
                    commonest = level;
                }
            }
            estimated.merge(commonest, -raised, Double::sum);
            m.putAll(estimated);
        }
        return m;
    }

    /** Every level's m, u and weight and where they came from (a name's agreeing levels for a name one person has). */
    public List<LevelWeight> explain() {
        List<LevelWeight> out = new java.util.ArrayList<>();
        for (Level level : Level.values()) {
            if (level.unknown()) {
                continue;
            }
            int mPairs = examples.getOrDefault(level.field(), 0);
            MSource mSource =
                    level.field() != Level.Field.ID && mPairs >= ENOUGH_EXAMPLES ? MSource.LEDGER : MSource.PRIOR;
            boolean byName = level == Level.NAME_EQUAL || level == Level.NAME_SIMPLIFIED || level == Level.NAME_PINYIN;
            double uShown = byName ? u(level, null) : u.get(level);
            USource uSource =
                    byName ? USource.NAME_FREQUENCY : uFloored.contains(level) ? USource.FLOOR : USource.ROSTER_SAMPLE;
            out.add(new LevelWeight(
                    level, m.get(level), mSource, mPairs, uShown, uSource, pairsSampled, log2(m.get(level) / uShown)));
        }
        return out;
    }

    /** The prior m of a level (docs/identity-matching.md). */
    public static double priorM(Level level) {
        return M.get(level);
    }

    /** The weight in bits of one comparison's level, with the name's term frequency where it applies. */
    public double weight(Level level, NameKey rowName) {
        if (level.unknown()) {
            return 0;
        }
        return log2(m.get(level) / u(level, rowName));
    }

    /**
     * u of a level; for the name's agreeing levels, the share of the roster carrying that name (at least one; a
     * {@code null} name: a name one person carries).
     */
    double u(Level level, NameKey rowName) {
        double floor = u.get(level);
        if (rowName == null) {
            double one = 1.0 / Math.max(1, rosterSize);
            return switch (level) {
                case NAME_EQUAL, NAME_PINYIN -> Math.max(floor, one);
                case NAME_SIMPLIFIED -> Math.max(floor, one * RENDERING);
                default -> floor;
            };
        }
        return switch (level) {
            case NAME_EQUAL -> Math.max(floor, share(foldedCounts, rowName.folded()));
            case NAME_SIMPLIFIED -> Math.max(floor, share(simplifiedCounts, rowName.simplified()) * RENDERING);
            case NAME_PINYIN -> Math.max(floor, share(pinyinCounts, rowName.pinyin()));
            default -> floor;
        };
    }

    double m(Level level) {
        return m.get(level);
    }

    private double share(Map<String, Integer> counts, String key) {
        return Math.max(1, counts.getOrDefault(key, 0)) / (double) Math.max(1, rosterSize);
    }

    /** log2 of the prior odds that a pending row is one given person on the roster. */
    public double prior() {
        return prior;
    }

    public int rosterSize() {
        return rosterSize;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
