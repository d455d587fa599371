package org.lujing.identity.match;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lujing.identity.match.ScoredCandidate.Veto;

/**
 * Scored matching of rows without a clean ID number against the roster (Fellegi–Sunter). Candidates are found
 * through blocking keys held in hash maps — the name's pinyin, the phone, the birth date, and three pieces of the ID
 * number so that one slip anywhere leaves one piece whole — so each row is compared with a handful of people, never
 * with the whole roster. Framework-free and read-only once built; {@link #match} may be called from many threads.
 */
public final class RecordLinker {

    /** A blocking key shared by more people than this says nothing that narrows the search; it is not used. */
    static final int MAX_BLOCK = 1_000;

    private final List<RosterPerson> roster;
    private final MatchModel model;
    private final MatchSettings settings;
    private final Map<String, List<RosterPerson>> blocks = new HashMap<>();

    public RecordLinker(List<RosterPerson> roster, MatchSettings settings) {
        this(roster, new MatchExamples(), settings);
    }

    /** With m estimated from pairs known to be one person where they are enough ({@link MatchModel}). */
    public RecordLinker(List<RosterPerson> roster, MatchExamples matches, MatchSettings settings) {
        this.roster = List.copyOf(roster);
        this.model = MatchModel.estimate(this.roster, matches);
        this.settings = settings;
        for (RosterPerson p : this.roster) {
            for (String key : rosterKeys(p)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>(2)).add(p);
            }
        }
    }

    public MatchModel model() {
        return model;
    }

    public int rosterSize() {
        return roster.size();
    }

    /** Scores the row's candidates, except the people an admin said it is not, and decides. */
    public MatchOutcome match(RowTraits row, Set<Long> notThese) {
        NameKey name = NameKey.of(row.name());
        Map<Long, RosterPerson> candidates = new HashMap<>();
        for (String key : rowKeys(row, name)) {
            List<RosterPerson> block = blocks.get(key);
            if (block != null && block.size() <= MAX_BLOCK) {
                for (RosterPerson p : block) {
                    if (!notThese.contains(p.id())) {
                        candidates.putIfAbsent(p.id(), p);
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            return MatchOutcome.none("no candidate");
        }
        List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
        for (RosterPerson p : candidates.values()) {
            scored.add(score(row, name, p));
        }
        scored.sort(Comparator.comparingDouble(ScoredCandidate::score)
                .reversed()
                .thenComparingLong(ScoredCandidate::subjectId));
        ScoredCandidate best = scored.get(0);
        ScoredCandidate second = scored.size() > 1 ? scored.get(1) : null;
        if (best.score() < settings.lower()) {
            return new MatchOutcome(MatchOutcome.Kind.NONE, best, second, "below the lower threshold");
        }
        if (best.score() < settings.upper()) {
            return new MatchOutcome(MatchOutcome.Kind.REVIEW, best, second, "between the thresholds");
        }
        if (best.veto() != null) {
            return new MatchOutcome(MatchOutcome.Kind.REVIEW, best, second, "veto " + best.veto());
        }
        if (second != null && best.score() - second.score() < settings.margin()) {
            return new MatchOutcome(MatchOutcome.Kind.REVIEW, best, second, "two people near-equally likely");
        }
        return new MatchOutcome(MatchOutcome.Kind.LINK, best, second, "above the upper threshold");
    }

    /** Compares one row with one person: levels, weights, total with the prior, and the safety rules. */
    public ScoredCandidate score(RowTraits row, NameKey name, RosterPerson p) {
        Level id = Comparisons.id(row.typedId(), p.idNumber());
        Level nameLevel = Comparisons.name(name, p.nameKey());
        Level phone = Comparisons.phone(row.phone(), p.phone());
        Level birth = Comparisons.birth(row.birth(), p.birth());
        List<Comparison> comparisons = new ArrayList<>(4);
        double total = model.prior();
        for (Level level : new Level[] {id, nameLevel, phone, birth}) {
            double w = model.weight(level, name);
            comparisons.add(new Comparison(level, w));
            total += w;
        }
        return new ScoredCandidate(p.id(), total, List.copyOf(comparisons), veto(id, nameLevel, birth));
    }

    private static Veto veto(Level id, Level name, Level birth) {
        if (name == Level.NAME_DIFFERENT) {
            return Veto.NAME_DIFFERENT;
        }
        if (birth == Level.BIRTH_DIFFERENT) {
            return Veto.BIRTH_DIFFERENT;
        }
        if (id == Level.ID_DIFFERENT) {
            return Veto.ID_DIFFERENT;
        }
        boolean idConfirms = !id.unknown() && !id.different();
        if (name == Level.NAME_ONE_CHARACTER && !idConfirms && birth != Level.BIRTH_EQUAL) {
            return Veto.POSSIBLE_RELATIVE;
        }
        return null;
    }

    private static List<String> rosterKeys(RosterPerson p) {
        List<String> keys = new ArrayList<>(6);
        keys.add("n" + p.nameKey().pinyin());
        if (p.phone() != null) {
            keys.add("p" + p.phone());
        }
        if (p.birth() != null) {
            keys.add("b" + p.birth());
        }
        idKeys(p.idNumber(), keys);
        return keys;
    }

    private static List<String> rowKeys(RowTraits row, NameKey name) {
        List<String> keys = new ArrayList<>(8);
        if (!name.pinyin().isEmpty()) {
            keys.add("n" + name.pinyin());
        }
        String phone = Comparisons.phoneDigits(row.phone());
        if (phone.length() == 11) {
            keys.add("p" + phone);
        }
        if (row.birth() != null) {
            keys.add("b" + row.birth());
        }
        String id = row.typedId();
        if (id != null && !id.isEmpty()) {
            if (id.charAt(0) == '~') {
                id = id.length() > 15 ? id.substring(1) : null;
            } else if (id.length() == 15) {
                id = id.substring(0, 6) + "19" + id.substring(6) + "?";
            }
            if (id != null && id.length() >= 14) {
                LocalDate birth = RosterPerson.birthOf(id);
                if (birth != null) {
                    keys.add("b" + birth);
                }
                if (id.length() == 18) {
                    idKeys(id, keys);
                }
            }
        }
        return keys;
    }

    /**
     * Pieces of an 18-character ID number such that one substitution or adjacent transposition anywhere leaves at
     * least one whole (with the birth date, a key of its own): area + last four, month to the end, area to month + last
     * two.
     */
    private static void idKeys(String id, List<String> keys) {
        if (id == null || id.length() != 18) {
            return;
        }
        keys.add("i" + id.substring(0, 6) + id.substring(14, 18));
        keys.add("j" + id.substring(10, 18));
        keys.add("k" + id.substring(0, 12) + id.substring(16, 18));
    }

    /** For the benchmark and tests: how many people a row is compared with. */
    int candidateCount(RowTraits row) {
        NameKey name = NameKey.of(row.name());
        Set<Long> ids = new java.util.HashSet<>();
        for (String key : rowKeys(row, name)) {
            List<RosterPerson> block = blocks.get(key);
            if (block != null && block.size() <= MAX_BLOCK) {
                block.forEach(p -> ids.add(p.id()));
            }
        }
        return ids.size();
    }
}
