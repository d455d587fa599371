package org.lujing.identity.match;

import java.util.EnumMap;
import java.util.Map;

/**
 * Pairs known to be one person — a ledger row tied to its person by a valid ID number, beside that person's roster
 * entry — compared field by field as scored matching compares a row with a candidate: how often each level occurs
 * among true matches, the evidence for m ({@link MatchModel#estimate(java.util.List, MatchExamples)}). The ID number
 * itself is not counted: a row tied by its valid ID number has it equal by construction, so it says nothing about how
 * a damaged one differs. Holds counts only, never a value.
 */
public final class MatchExamples {

    private final Map<Level, Integer> counts = new EnumMap<>(Level.class);

    /** Compares what a row said (name, phone, birth date) with the roster person it is known to be. */
    public void add(RowTraits row, RosterPerson person) {
        count(Comparisons.name(NameKey.of(row.name()), person.nameKey()));
        count(Comparisons.phone(row.phone(), person.phone()));
        count(Comparisons.birth(row.birth(), person.birth()));
    }

    /** Counts one observed level (an unknown one says nothing and is not counted). */
    public void count(Level level) {
        if (level.field() != Level.Field.ID && !level.unknown()) {
            counts.merge(level, 1, Integer::sum);
        }
    }

    /** How many pairs showed this level. */
    public int observed(Level level) {
        return counts.getOrDefault(level, 0);
    }

    /** How many pairs could compare this field (both sides had a value). */
    public int pairs(Level.Field field) {
        int n = 0;
        for (Map.Entry<Level, Integer> e : counts.entrySet()) {
            if (e.getKey().field() == field) {
                n += e.getValue();
            }
        }
        return n;
    }
}
