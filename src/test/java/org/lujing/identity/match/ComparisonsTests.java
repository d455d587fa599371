package org.lujing.identity.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Every level of every comparison of scored matching, on the cases issue 13 names. */
class ComparisonsTests {

    static final String ID = "11010519491231002X";

    @Test
    void idLevels() {
        assertThat(Comparisons.id(ID, ID)).isEqualTo(Level.ID_EQUAL);
        // one digit mistyped (the check character then fails)
        assertThat(Comparisons.id("11010519491231092X", ID)).isEqualTo(Level.ID_ONE_SUBSTITUTION);
        // one digit mistyped and the check character recomputed by whoever typed it
        assertThat(Comparisons.id("110105194912310921", ID)).isEqualTo(Level.ID_ONE_SUBSTITUTION);
        // a digit left out
        assertThat(Comparisons.id("1101051949123102X", ID)).isEqualTo(Level.ID_ONE_SUBSTITUTION);
        // two neighbours swapped
        assertThat(Comparisons.id("11010591491231002X", ID)).isEqualTo(Level.ID_TRANSPOSITION);
        // two digits swapped that are not neighbours, or two slips: different
        assertThat(Comparisons.id("11010529491131002X", ID)).isEqualTo(Level.ID_DIFFERENT);
        // the 15-digit legacy number of the same person
        assertThat(Comparisons.id("110105491231002", ID)).isEqualTo(Level.ID_LEGACY_15);
        assertThat(Comparisons.id("110105491231003", ID)).isEqualTo(Level.ID_ONE_SUBSTITUTION);
        // rounded by Excel to 15 significant digits: 1.10105194912310E+17
        assertThat(Comparisons.id("~110105194912310", ID)).isEqualTo(Level.ID_ROUNDED_PREFIX);
        assertThat(Comparisons.id("~110105194912311", ID)).isEqualTo(Level.ID_DIFFERENT);
        // 4.30104E+17 keeps only the district: agreeing says nothing, disagreeing does
        assertThat(Comparisons.id("~110105", ID)).isEqualTo(Level.ID_UNKNOWN);
        assertThat(Comparisons.id("~430104", ID)).isEqualTo(Level.ID_DIFFERENT);
        assertThat(Comparisons.id(null, ID)).isEqualTo(Level.ID_UNKNOWN);
        assertThat(Comparisons.id("430104198001010014", ID)).isEqualTo(Level.ID_DIFFERENT);
    }

    @Test
    void roundingCarriesIntoThePrefix() {
        // ...2319 rounded to 15 significant digits ends ...232: the comparison rounds the roster number the same way
        String id = "430104199912319876";
        assertThat(Comparisons.id(LabelledRows.rounded(id, 15), id)).isEqualTo(Level.ID_ROUNDED_PREFIX);
        assertThat(LabelledRows.rounded(id, 15)).isEqualTo("~430104199912320");
    }

    @Test
    void nameLevels() {
        NameKey roster = NameKey.of("刘海燕");
        assertThat(Comparisons.name(NameKey.of("刘海燕"), roster)).isEqualTo(Level.NAME_EQUAL);
        // spaces, an ideographic space, full-width letters fold away
        assertThat(Comparisons.name(NameKey.of(" 刘 海\u3000燕 "), roster)).isEqualTo(Level.NAME_EQUAL);
        assertThat(Comparisons.name(NameKey.of("ＡＬＩ"), NameKey.of("Ali"))).isEqualTo(Level.NAME_EQUAL);
        // traditional characters
        assertThat(Comparisons.name(NameKey.of("劉海燕"), roster)).isEqualTo(Level.NAME_SIMPLIFIED);
        // a homophone
        assertThat(Comparisons.name(NameKey.of("刘海艳"), roster)).isEqualTo(Level.NAME_PINYIN);
        // one character that does not even sound alike: a typo, or a sister
        assertThat(Comparisons.name(NameKey.of("刘海霞"), roster)).isEqualTo(Level.NAME_ONE_CHARACTER);
        assertThat(Comparisons.name(NameKey.of("王建国"), roster)).isEqualTo(Level.NAME_DIFFERENT);
        assertThat(Comparisons.name(NameKey.of(""), roster)).isEqualTo(Level.NAME_UNKNOWN);
    }

    @Test
    void nameFormsComeFromIcu() {
        assertThat(NameForms.simplified(NameForms.fold("劉海燕"))).isEqualTo("刘海燕");
        assertThat(NameForms.pinyin("刘海燕")).isEqualTo("liuhaiyan");
        assertThat(NameForms.pinyin("刘海艳")).isEqualTo("liuhaiyan");
    }

    @Test
    void phoneLevels() {
        assertThat(Comparisons.phone("13812345678", "13812345678")).isEqualTo(Level.PHONE_EQUAL);
        assertThat(Comparisons.phone("+86 138-1234-5678", "13812345678")).isEqualTo(Level.PHONE_EQUAL);
        assertThat(Comparisons.phone("0086 13812345678", "13812345678")).isEqualTo(Level.PHONE_EQUAL);
        assertThat(Comparisons.phone("１３８１２３４５６７８", "13812345678")).isEqualTo(Level.PHONE_EQUAL);
        // one slipped digit, two neighbours swapped, a digit left out
        assertThat(Comparisons.phone("13812345679", "13812345678")).isEqualTo(Level.PHONE_ONE_SLIP);
        assertThat(Comparisons.phone("13812345687", "13812345678")).isEqualTo(Level.PHONE_ONE_SLIP);
        assertThat(Comparisons.phone("1381234567", "13812345678")).isEqualTo(Level.PHONE_ONE_SLIP);
        assertThat(Comparisons.phone("13912345679", "13812345678")).isEqualTo(Level.PHONE_DIFFERENT);
        assertThat(Comparisons.phone(null, "13812345678")).isEqualTo(Level.PHONE_UNKNOWN);
        assertThat(Comparisons.phone("13812345678", null)).isEqualTo(Level.PHONE_UNKNOWN);
    }

    @Test
    void birthLevels() {
        LocalDate roster = LocalDate.of(1980, 3, 12);
        assertThat(Comparisons.birth(LocalDate.of(1980, 3, 12), roster)).isEqualTo(Level.BIRTH_EQUAL);
        assertThat(Comparisons.birth(LocalDate.of(1981, 3, 12), roster)).isEqualTo(Level.BIRTH_ONE_PART);
        assertThat(Comparisons.birth(LocalDate.of(1980, 3, 21), roster)).isEqualTo(Level.BIRTH_ONE_PART);
        // day and month swapped
        assertThat(Comparisons.birth(LocalDate.of(1980, 12, 3), roster)).isEqualTo(Level.BIRTH_ONE_PART);
        assertThat(Comparisons.birth(LocalDate.of(1983, 5, 12), roster)).isEqualTo(Level.BIRTH_DIFFERENT);
        assertThat(Comparisons.birth(null, roster)).isEqualTo(Level.BIRTH_UNKNOWN);
    }

    @Test
    void evidenceCarriesLevelsAndWeightsButNoValue() {
        RosterPerson p = RosterPerson.of(7, "刘海燕", ID, "13812345678");
        RosterPerson other = RosterPerson.of(8, "王建国", "430104198001010014", "13900000000");
        RecordLinker linker = new RecordLinker(java.util.List.of(p, other), MatchSettings.DEFAULTS);
        RowTraits row = new RowTraits("刘海艳", "11010519491231092X", "+86 138-1234-5678", null);

        MatchOutcome outcome = linker.match(row, java.util.Set.of());

        assertThat(outcome.kind()).isEqualTo(MatchOutcome.Kind.LINK);
        assertThat(outcome.best().subjectId()).isEqualTo(7);
        String evidence = outcome.best().evidenceJson(linker.model().prior());
        assertThat(evidence)
                .contains("\"ID\":[\"ONE_SUBSTITUTION\"", "\"NAME\":[\"PINYIN\"", "\"PHONE\":[\"EQUAL\"")
                .doesNotContain("1101", "1381", "5678", "刘");
        // an admin's "different" removes the person from the candidates
        assertThat(linker.match(row, java.util.Set.of(7L)).kind()).isNotEqualTo(MatchOutcome.Kind.LINK);
    }

    @Test
    void aRelativeSharingThePhoneIsNeverLinkedAutomatically() {
        RosterPerson p = RosterPerson.of(7, "刘海燕", ID, "13812345678");
        RecordLinker linker = new RecordLinker(java.util.List.of(p), MatchSettings.DEFAULTS);
        // sister: one character apart, same phone, born elsewhen
        MatchOutcome sister =
                linker.match(new RowTraits("刘海霞", null, "13812345678", LocalDate.of(1952, 6, 1)), java.util.Set.of());
        assertThat(sister.kind()).isNotEqualTo(MatchOutcome.Kind.LINK);
        // without a birth date either: still not, the phone alone cannot tell a typo from a sister
        MatchOutcome unsure = linker.match(new RowTraits("刘海霞", null, "13812345678", null), java.util.Set.of());
        assertThat(unsure.kind()).isEqualTo(MatchOutcome.Kind.REVIEW);
        assertThat(unsure.best().veto()).isEqualTo(ScoredCandidate.Veto.POSSIBLE_RELATIVE);
    }

    @Test
    void twoPeopleOfOneNameAreNeverChosenBetweenAutomatically() {
        RosterPerson a = RosterPerson.of(1, "张伟", ID, "13812345678");
        RosterPerson b = RosterPerson.of(2, "张伟", "430104198001010014", "13900000000");
        RecordLinker linker = new RecordLinker(java.util.List.of(a, b), new MatchSettings(-20, -30, 6));
        // even with the thresholds out of the way, the margin holds: equal scores go to review
        MatchOutcome outcome = linker.match(new RowTraits("张伟", null, null, null), java.util.Set.of());
        assertThat(outcome.kind()).isEqualTo(MatchOutcome.Kind.REVIEW);
        assertThat(outcome.why()).contains("near-equally");
    }
}
