package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateNormaliserTests {

    private static final LocalDate MARCH_7 = LocalDate.of(2025, 3, 7);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-03-07",
                "2025/3/7",
                "2025/03/07",
                "2025.3.7",
                "2025年3月7日",
                "2025年3月7号",
                "2025年03月07日",
                "20250307",
                "2025-03-07 14:30",
                "2025-03-07T14:30:00",
                "2025/3/7 9:05:00",
                "2025年3月7日 14:30",
                "20250307 08:00",
                " 2025-03-07 ",
                "２０２５－０３－０７",
                "２０２５年３月７日",
                "2025-03-07T14:30:00.000"
            })
    void readsEveryTextForm(String text) {
        assertThat(DateNormaliser.parse(text, CellKind.TEXT, false, null).value())
                .isEqualTo(MARCH_7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-07", "2025-03-07T14:30", "2025-03-07T14:30:15"})
    void readsIsoTextOfDateCells(String text) {
        assertThat(DateNormaliser.parse(text, CellKind.DATE, false, null).value())
                .isEqualTo(MARCH_7);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-03-07T18:30:00Z, 2025-03-08",
        "2025-03-07T15:59:59Z, 2025-03-07",
        "2025-03-07T16:00:00Z, 2025-03-08",
        "2025-03-07T23:30:00+08:00, 2025-03-07",
        "2025-03-07T23:30:00+07:00, 2025-03-08",
        "2025-03-07T01:00:00+0900, 2025-03-07",
        "2025-03-07T05:00:00-05:00, 2025-03-07",
        "2025-03-06T16:30:00Z, 2025-03-07"
    })
    void landsOffsetDateTimesOnTheirShanghaiDate(String text, LocalDate expected) {
        assertThat(DateNormaliser.parse(text, CellKind.TEXT, false, null).value())
                .isEqualTo(expected);
    }

    @Test
    void readsExcelSerialsIn1900System() {
        assertThat(DateNormaliser.parse("45723", CellKind.NUMBER, false, null).value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("45723.604166666664", CellKind.NUMBER, false, null)
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("4.5723E4", CellKind.NUMBER, false, null)
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("1", CellKind.NUMBER, false, null).value())
                .isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void readsExcelSerialsIn1904System() {
        assertThat(DateNormaliser.parse("44261", CellKind.NUMBER, true, null).value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("0", CellKind.NUMBER, true, null).value())
                .isEqualTo(LocalDate.of(1904, 1, 1));
    }

    @Test
    void handlesTheFictitiousLeapDayOf1900() {
        assertThat(DateNormaliser.parse("59", CellKind.NUMBER, false, null).value())
                .isEqualTo(LocalDate.of(1900, 2, 28));
        assertThat(reason(DateNormaliser.parse("60", CellKind.NUMBER, false, null)))
                .isEqualTo(ReasonCode.DATE_INVALID);
        assertThat(DateNormaliser.parse("61", CellKind.NUMBER, false, null).value())
                .isEqualTo(LocalDate.of(1900, 3, 1));
    }

    @Test
    void readsPlainNumbersInTextAsSerials() {
        assertThat(DateNormaliser.parse("45723", CellKind.TEXT, false, null).value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("44261", CellKind.TEXT, true, null).value())
                .isEqualTo(MARCH_7);
    }

    @Test
    void readsYyyymmddTypedIntoANumberCell() {
        assertThat(DateNormaliser.parse("20250307", CellKind.NUMBER, false, null)
                        .value())
                .isEqualTo(MARCH_7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"03/07/2025", "3-7-2025", "07.03.2025", "7/3/25", "25/03/2025"})
    void rejectsDayOrMonthFirstFormsAsAmbiguous(String text) {
        assertThat(reason(DateNormaliser.parse(text, CellKind.TEXT, false, null)))
                .isEqualTo(ReasonCode.DATE_AMBIGUOUS);
        assertThat(reason(DateNormaliser.parse(text, CellKind.TEXT, false, " ")))
                .isEqualTo(ReasonCode.DATE_AMBIGUOUS);
    }

    @Test
    void letsADeclaredPatternWin() {
        assertThat(DateNormaliser.parse("03/07/2025", CellKind.TEXT, false, "dd/MM/yyyy")
                        .value())
                .isEqualTo(LocalDate.of(2025, 7, 3));
        assertThat(DateNormaliser.parse("03/07/2025", CellKind.TEXT, false, "MM/dd/yyyy")
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("07/03/2025 14:30", CellKind.TEXT, false, "dd/MM/yyyy")
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("7/3/2025", CellKind.TEXT, false, "dd/MM/yyyy")
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("07.03.2025", CellKind.TEXT, false, "dd.MM.yyyy")
                        .value())
                .isEqualTo(MARCH_7);
    }

    @Test
    void stillReadsUnambiguousFormsWhenAPatternIsDeclared() {
        assertThat(DateNormaliser.parse("2025-03-07", CellKind.TEXT, false, "dd/MM/yyyy")
                        .value())
                .isEqualTo(MARCH_7);
        assertThat(DateNormaliser.parse("2025-03-07", CellKind.DATE, false, "MM/dd/yyyy")
                        .value())
                .isEqualTo(MARCH_7);
    }

    @Test
    void rejectsImpossibleDatesUnderADeclaredPattern() {
        assertThat(reason(DateNormaliser.parse("31/02/2025", CellKind.TEXT, false, "dd/MM/yyyy")))
                .isEqualTo(ReasonCode.DATE_INVALID);
    }

    @Test
    void refusesAnInvalidDeclaredPattern() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateNormaliser.parse("03/07/2025", CellKind.TEXT, false, "dd/MM/yyyy{"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-30",
                "2025-13-01",
                "2025年2月29日",
                "20250230",
                "2025/4/31",
                "abc",
                "2025-03",
                "2025-03-07 25:00",
                "下周三",
                "2025-03-07T24:00:00Z"
            })
    void rejectsInvalidText(String text) {
        assertThat(reason(DateNormaliser.parse(text, CellKind.TEXT, false, null)))
                .isEqualTo(ReasonCode.DATE_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2958466", "99999999999"})
    void rejectsSerialsOutsideExcelsRange(String number) {
        assertThat(reason(DateNormaliser.parse(number, CellKind.NUMBER, false, null)))
                .isEqualTo(ReasonCode.DATE_INVALID);
    }

    @Test
    void rejectsBlankAsMissing() {
        assertThat(reason(DateNormaliser.parse("  ", CellKind.TEXT, false, null)))
                .isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(reason(DateNormaliser.parse(null, CellKind.BLANK, false, null)))
                .isEqualTo(ReasonCode.MISSING_FIELD);
    }

    @Test
    void masksAnIdNumberTypedIntoADateColumn() {
        Normalised<LocalDate> result = DateNormaliser.parse("430104199003071237", CellKind.TEXT, false, null);

        assertThat(reason(result)).isEqualTo(ReasonCode.DATE_INVALID);
        assertThat(((Normalised.Rejected<LocalDate>) result).message()).doesNotContain("430104199003071237");
    }

    private static ReasonCode reason(Normalised<?> result) {
        assertThat(result).isInstanceOf(Normalised.Rejected.class);
        return ((Normalised.Rejected<?>) result).code();
    }
}
