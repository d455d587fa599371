package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberNormaliserTests {

    private static final String VALID = "11010519491231002X";

    private static final String VALID_DIGITS = "430104199003071237";

    @Test
    void acceptsValidIdNumbers() {
        assertThat(IdNumberNormaliser.normalise(VALID, CellKind.TEXT).value()).isEqualTo(VALID);
        assertThat(IdNumberNormaliser.normalise(VALID_DIGITS, CellKind.TEXT).value())
                .isEqualTo(VALID_DIGITS);
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(IdNumberNormaliser.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(IdNumberNormaliser.checkChar("43010419900307123")).isEqualTo('7');
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumberNormaliser.checkChar("1101051949123100"));
        assertThatIllegalArgumentException().isThrownBy(() -> IdNumberNormaliser.checkChar("1101051949123100A"));
    }

    @Test
    void readsTheBirthDate() {
        assertThat(IdNumberNormaliser.birthDate(VALID)).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        Normalised<String> result = IdNumberNormaliser.normalise("430104199003071234", CellKind.TEXT);

        assertThat(result).isInstanceOf(Normalised.Rejected.class);
        Normalised.Rejected<String> rejected = (Normalised.Rejected<String>) result;
        assertThat(rejected.code()).isEqualTo(ReasonCode.ID_CHECKSUM);
        assertThat(rejected.message()).contains("4301************34").doesNotContain("430104199003071234");
        assertThatIllegalStateException().isThrownBy(result::value).withMessageNotContaining("430104199003071234");
    }

    @Test
    void acceptsLowerCaseX() {
        assertThat(IdNumberNormaliser.normalise("11010519491231002x", CellKind.TEXT)
                        .value())
                .isEqualTo(VALID);
    }

    @Test
    void foldsFullWidthDigitsAndX() {
        assertThat(IdNumberNormaliser.normalise("１１０１０５１９４９１２３１００２Ｘ", CellKind.TEXT)
                        .value())
                .isEqualTo(VALID);
        assertThat(IdNumberNormaliser.normalise("１１０１０５１９４９１２３１００２ｘ", CellKind.TEXT)
                        .value())
                .isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "110105 19491231 002X",
                "110105-19491231-002X",
                " 110105\u00A019491231\u3000002X\t",
                "'11010519491231002X",
                "110105—19491231—002X",
                "=\"11010519491231002X\"" // Excel's export of a number kept as text to CSV
            })
    void removesSpacesAndHyphens(String raw) {
        assertThat(IdNumberNormaliser.normalise(raw, CellKind.TEXT).value()).isEqualTo(VALID);
    }

    @Test
    void upgradesA15DigitLegacyNumber() {
        // given: the legacy form of 11010519491231002X (no "19", no check character)
        String legacy = "110105491231002";

        // when
        String upgraded = IdNumberNormaliser.normalise(legacy, CellKind.TEXT).value();

        // then
        assertThat(upgraded).isEqualTo(VALID);
        assertThat(IdNumberNormaliser.normalise(upgraded, CellKind.TEXT).isOk()).isTrue();
        assertThat(IdNumberNormaliser.normalise("430104900307123", CellKind.TEXT)
                        .value())
                .isEqualTo(VALID_DIGITS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"430104199003071200", "4.301041990030712E17", "4.30104199003071E17", "430104199003071000"})
    void rejectsANumericCellWithMoreThan15Digits(String numberText) {
        Normalised<String> result = IdNumberNormaliser.normalise(numberText, CellKind.NUMBER);

        assertThat(reason(result)).isEqualTo(ReasonCode.ID_PRECISION_LOST);
        assertThat(message(result)).doesNotContain("430104199003071").doesNotContain("30104199003071");
    }

    @Test
    void rejectsExponentTextFromACsvSavedByExcel() {
        assertThat(reason(IdNumberNormaliser.normalise("4.30104E+17", CellKind.TEXT)))
                .isEqualTo(ReasonCode.ID_PRECISION_LOST);
    }

    @Test
    void upgradesANumeric15DigitCell() {
        assertThat(IdNumberNormaliser.normalise("110105491231002", CellKind.NUMBER)
                        .value())
                .isEqualTo(VALID);
        assertThat(IdNumberNormaliser.normalise("1.10105491231002E14", CellKind.NUMBER)
                        .value())
                .isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "110105194902300025",
                "110105194913010028",
                "110105189912310020",
                "110105299912310023",
                "110105490230002"
            })
    void rejectsAnImpossibleBirthDate(String raw) {
        Normalised<String> result = IdNumberNormaliser.normalise(raw, CellKind.TEXT);

        assertThat(reason(result)).isEqualTo(ReasonCode.ID_INVALID);
        assertThat(message(result)).doesNotContain(raw);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11010519491231002",
                "11010519491231002XX",
                "1101051949123100XX",
                "11010519491231002Y",
                "abc",
                "11010519491231002X0"
            })
    void rejectsWrongLengthOrCharacters(String raw) {
        Normalised<String> result = IdNumberNormaliser.normalise(raw, CellKind.TEXT);

        assertThat(reason(result)).isEqualTo(ReasonCode.ID_INVALID);
        assertThat(message(result)).doesNotContain("11010519491231002");
    }

    @Test
    void rejectsABlankCellAsMissing() {
        assertThat(reason(IdNumberNormaliser.normalise(" ", CellKind.TEXT))).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(reason(IdNumberNormaliser.normalise(null, CellKind.BLANK))).isEqualTo(ReasonCode.MISSING_FIELD);
    }

    private static ReasonCode reason(Normalised<?> result) {
        assertThat(result).isInstanceOf(Normalised.Rejected.class);
        return ((Normalised.Rejected<?>) result).code();
    }

    private static String message(Normalised<?> result) {
        return ((Normalised.Rejected<?>) result).message();
    }
}
