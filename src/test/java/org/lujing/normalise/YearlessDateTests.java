package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A date written without a year takes the year its sheet states; with none stated it is invalid, never "this year". */
class YearlessDateTests {

    static final IntFunction<OptionalInt> YEAR_2025 = m -> OptionalInt.of(2025);
    static final IntFunction<OptionalInt> NO_YEAR = m -> OptionalInt.empty();

    @ParameterizedTest
    @CsvSource({
        "3月7日, 2025-03-07",
        "3月7号, 2025-03-07",
        "3.7, 2025-03-07",
        "03-07, 2025-03-07",
        "3/7, 2025-03-07",
        "１２月３１日, 2025-12-31",
        "3月7日 14:30, 2025-03-07"
    })
    void aMonthAndDayTakeTheSheetsYear(String text, LocalDate expected) {
        Normalised<LocalDate> d = DateNormaliser.parse(text, CellKind.TEXT, false, null, YEAR_2025);

        assertThat(d.isOk()).isTrue();
        assertThat(d.value()).isEqualTo(expected);
        assertThat(DateNormaliser.isYearless(text, CellKind.TEXT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3月7日", "3.7", "03-07"})
    void withNoYearAnywhereTheDateIsInvalidAndSaysWhy(String text) {
        Normalised<LocalDate> d = DateNormaliser.parse(text, CellKind.TEXT, false, null, NO_YEAR);

        assertThat(d.isOk()).isFalse();
        Normalised.Rejected<LocalDate> r = (Normalised.Rejected<LocalDate>) d;
        assertThat(r.code()).isEqualTo(ReasonCode.DATE_INVALID);
        assertThat(r.message()).contains("日期缺年份").contains("文件名");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2月30日", "13月1日", "2.29"})
    void anImpossibleMonthOrDayInThatYearIsInvalid(String text) {
        Normalised<LocalDate> d = DateNormaliser.parse(text, CellKind.TEXT, false, null, YEAR_2025);

        assertThat(((Normalised.Rejected<LocalDate>) d).code()).isEqualTo(ReasonCode.DATE_INVALID);
    }

    @ParameterizedTest
    @CsvSource({"2024-03-07, 2024-03-07", "2024年3月7日, 2024-03-07", "20240307, 2024-03-07"})
    void aFullDateKeepsItsOwnYear(String text, LocalDate expected) {
        assertThat(DateNormaliser.parse(text, CellKind.TEXT, false, null, YEAR_2025)
                        .value())
                .isEqualTo(expected);
        assertThat(DateNormaliser.isYearless(text, CellKind.TEXT)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theMonthDecidesTheYearWhenTheTitleSpansTwo() {
        IntFunction<OptionalInt> span = m -> OptionalInt.of(m == 12 ? 2024 : 2025);

        assertThat(DateNormaliser.parse("12月30日", CellKind.TEXT, false, null, span)
                        .value())
                .isEqualTo(LocalDate.of(2024, 12, 30));
        assertThat(DateNormaliser.parse("1月3日", CellKind.TEXT, false, null, span)
                        .value())
                .isEqualTo(LocalDate.of(2025, 1, 3));
    }

    @org.junit.jupiter.api.Test
    void aMonthDotDayExcelStoredAsANumberIsNotReadAsA1900Serial() {
        // 3.10 typed into a General cell is the number 3.1: which day was meant cannot be known
        Normalised<LocalDate> d = DateNormaliser.parse("3.1", CellKind.NUMBER, false, null, YEAR_2025);

        assertThat(((Normalised.Rejected<LocalDate>) d).code()).isEqualTo(ReasonCode.DATE_INVALID);
        assertThat(((Normalised.Rejected<LocalDate>) d).message()).contains("3.10");
    }

    @org.junit.jupiter.api.Test
    void aSourceDeclaringDayFirstReadsAYearlessDateDayFirstToo() {
        assertThat(DateNormaliser.parse("07/03", CellKind.TEXT, false, "dd/MM/yyyy", YEAR_2025)
                        .value())
                .isEqualTo(LocalDate.of(2025, 3, 7));
    }
}
