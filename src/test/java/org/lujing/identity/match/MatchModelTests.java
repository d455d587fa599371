package org.lujing.identity.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lujing.identity.match.MatchModel.LevelWeight;
import org.lujing.identity.match.MatchModel.MSource;
import org.lujing.identity.match.MatchModel.USource;

/** How m is estimated from pairs known to be one person, and how every weight says where it came from. */
class MatchModelTests {

    static final List<RosterPerson> ROSTER = LabelledRows.generate(13, 900, 1).roster();

    @Test
    void tooFewExamplesLeaveEveryMAtItsPrior() {
        MatchExamples few = examples(Level.NAME_EQUAL, MatchModel.ENOUGH_EXAMPLES - 1);

        Map<Level, LevelWeight> model = explained(MatchModel.estimate(ROSTER, few));

        for (LevelWeight l : model.values()) {
            assertThat(l.m()).as(l.level().name()).isEqualTo(MatchModel.priorM(l.level()));
            assertThat(l.mSource()).as(l.level().name()).isEqualTo(MSource.PRIOR);
        }
        assertThat(model.get(Level.NAME_EQUAL).mPairs()).isEqualTo(MatchModel.ENOUGH_EXAMPLES - 1);
    }

    @Test
    void enoughExamplesGiveTheObservedSharesBlendedWithThePriorAndAddingUpToOne() {
        // 1,000 names compared: 900 equal, 40 traditional, 30 homophones, 20 one character off, 10 someone else's
        MatchExamples seen = new MatchExamples();
        add(seen, Level.NAME_EQUAL, 900);
        add(seen, Level.NAME_SIMPLIFIED, 40);
        add(seen, Level.NAME_PINYIN, 30);
        add(seen, Level.NAME_ONE_CHARACTER, 20);
        add(seen, Level.NAME_DIFFERENT, 10);

        MatchModel model = MatchModel.estimate(ROSTER, seen);
        Map<Level, LevelWeight> explained = explained(model);

        // (count + 20·prior) / (1,000 + 20), none below prior/4, so nothing to rescale here
        assertThat(explained.get(Level.NAME_EQUAL).m()).isCloseTo((900 + 20 * 0.85) / 1020, within(1e-9));
        assertThat(explained.get(Level.NAME_PINYIN).m()).isCloseTo((30 + 20 * 0.05) / 1020, within(1e-9));
        assertThat(explained.get(Level.NAME_PINYIN).mSource()).isEqualTo(MSource.LEDGER);
        assertThat(explained.get(Level.NAME_PINYIN).mPairs()).isEqualTo(1_000);
        assertThat(sum(explained, Level.Field.NAME)).isCloseTo(1.0, within(1e-9));
        // the weight in use is the one explained: log2(m/u)
        NameKey once = ROSTER.get(0).nameKey();
        assertThat(model.weight(Level.NAME_ONE_CHARACTER, once))
                .isCloseTo(explained.get(Level.NAME_ONE_CHARACTER).weight(), within(1e-9));
        // fields without examples keep their priors
        assertThat(explained.get(Level.PHONE_EQUAL).m()).isEqualTo(0.60);
        assertThat(explained.get(Level.PHONE_EQUAL).mSource()).isEqualTo(MSource.PRIOR);
    }

    @Test
    void aLedgerOfFlawlessRowsMakesASlipAtMostTwoBitsWeaker() {
        MatchExamples flawless = examples(Level.NAME_EQUAL, 100_000);

        Map<Level, LevelWeight> explained = explained(MatchModel.estimate(ROSTER, flawless));

        for (Level slip : List.of(Level.NAME_SIMPLIFIED, Level.NAME_PINYIN, Level.NAME_ONE_CHARACTER)) {
            double bitsLost = MatchModel.log2(
                    MatchModel.priorM(slip) / explained.get(slip).m());
            assertThat(bitsLost).as(slip.name()).isCloseTo(2.0, within(1e-9));
        }
        assertThat(sum(explained, Level.Field.NAME)).isCloseTo(1.0, within(1e-9));
        assertThat(explained.get(Level.NAME_EQUAL).m()).isGreaterThan(0.85);
    }

    @Test
    void theIdNumbersMAreNeverTakenFromTheLedger() {
        // a row tied by its valid ID number has it equal by construction: it says nothing about damaged ones
        MatchExamples ids = new MatchExamples();
        add(ids, Level.ID_EQUAL, 5_000);

        Map<Level, LevelWeight> explained = explained(MatchModel.estimate(ROSTER, ids));

        assertThat(ids.pairs(Level.Field.ID)).isZero();
        assertThat(explained.get(Level.ID_ONE_SUBSTITUTION).m()).isEqualTo(0.55);
        assertThat(explained.get(Level.ID_ONE_SUBSTITUTION).mSource()).isEqualTo(MSource.PRIOR);
    }

    @Test
    void examplesCompareWhatARowSaidWithItsPersonFieldByField() {
        RosterPerson p = RosterPerson.of(1, "刘海燕", "430104198003120022", "13800001111");
        MatchExamples seen = new MatchExamples();

        seen.add(new RowTraits("劉海燕", null, "13800001112", null), p);
        seen.add(new RowTraits("刘海燕", null, null, LocalDate.of(1980, 3, 21)), p);

        assertThat(seen.observed(Level.NAME_SIMPLIFIED)).isEqualTo(1);
        assertThat(seen.observed(Level.NAME_EQUAL)).isEqualTo(1);
        assertThat(seen.observed(Level.PHONE_ONE_SLIP)).isEqualTo(1);
        assertThat(seen.observed(Level.BIRTH_ONE_PART)).isEqualTo(1);
        // a field the row left empty is no example
        assertThat(seen.pairs(Level.Field.PHONE)).isEqualTo(1);
        assertThat(seen.pairs(Level.Field.BIRTH)).isEqualTo(1);
        assertThat(seen.pairs(Level.Field.NAME)).isEqualTo(2);
    }

    @Test
    void everyUSaysWhereItCameFrom() {
        Map<Level, LevelWeight> explained = explained(MatchModel.estimate(ROSTER));

        // a name one person carries: its share of the roster
        assertThat(explained.get(Level.NAME_EQUAL).uSource()).isEqualTo(USource.NAME_FREQUENCY);
        assertThat(explained.get(Level.NAME_EQUAL).u()).isCloseTo(1.0 / ROSTER.size(), within(1e-12));
        // one digit apart never happens among a sample of a 900-person roster's pairs: the floor
        assertThat(explained.get(Level.ID_ONE_SUBSTITUTION).uSource()).isEqualTo(USource.FLOOR);
        assertThat(explained.get(Level.ID_ONE_SUBSTITUTION).u()).isEqualTo(1e-6);
        // nearly all pairs of different people have different phones: measured on the sample
        assertThat(explained.get(Level.PHONE_DIFFERENT).uSource()).isEqualTo(USource.ROSTER_SAMPLE);
        assertThat(explained.get(Level.PHONE_DIFFERENT).uPairs()).isPositive();
        assertThat(explained.get(Level.PHONE_DIFFERENT).u()).isGreaterThan(0.99);
        // unknown levels weigh nothing and are not listed
        assertThat(explained).doesNotContainKeys(Level.ID_UNKNOWN, Level.NAME_UNKNOWN);
    }

    @Test
    void evidenceRoundsToOneDecimalAsPrintfWould() {
        for (double w : new double[] {16.75, -10.84, 0, -0.04, 19.149, 8.6, -16.65, 123.45}) {
            assertThat(ScoredCandidate.round(w))
                    .as(Double.toString(w))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", w));
        }
    }

    private static MatchExamples examples(Level level, int n) {
        MatchExamples e = new MatchExamples();
        add(e, level, n);
        return e;
    }

    private static void add(MatchExamples e, Level level, int n) {
        for (int i = 0; i < n; i++) {
            e.count(level);
        }
    }

    private static Map<Level, LevelWeight> explained(MatchModel model) {
        return model.explain().stream().collect(Collectors.toMap(LevelWeight::level, Function.identity()));
    }

    private static double sum(Map<Level, LevelWeight> explained, Level.Field field) {
        return explained.values().stream()
                .filter(l -> l.level().field() == field)
                .mapToDouble(LevelWeight::m)
                .sum();
    }
}
