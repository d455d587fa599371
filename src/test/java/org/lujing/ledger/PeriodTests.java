package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The period forms of {@code stats --period}. */
class PeriodTests {

    @Test
    void yearQuarterMonthAndRange() {
        assertThat(Period.parse("2025"))
                .isEqualTo(new Period("2025", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
        assertThat(Period.parse("2025-Q3"))
                .isEqualTo(new Period("2025-Q3", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30)));
        assertThat(Period.parse("2025-q1").to()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(Period.parse("2024-02").to()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Period.parse("2025-11").label()).isEqualTo("2025-11");
        assertThat(Period.parse("2025-03-01..2025-06-30"))
                .isEqualTo(new Period("2025-03-01..2025-06-30", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 6, 30)));
    }

    @Test
    void aRangeOfMonthsRunsFromTheFirstDayToTheLast() {
        assertThat(Period.parse("2025-03..2025-06"))
                .isEqualTo(new Period("2025-03..2025-06", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 6, 30)));
        assertThat(Period.parse("2024-12..2025-2"))
                .isEqualTo(new Period("2024-12..2025-02", LocalDate.of(2024, 12, 1), LocalDate.of(2025, 2, 28)));
        assertThatThrownBy(() -> Period.parse("2025-06..2025-03")).hasMessageContaining("结束早于开始");
    }

    @Test
    void theChineseFormsAreTheSamePeriodsUnderThePlainLabel() {
        assertThat(Period.parse("2025年")).isEqualTo(Period.parse("2025"));
        assertThat(Period.parse("2025年度")).isEqualTo(Period.parse("2025"));
        assertThat(Period.parse("2025年3月")).isEqualTo(Period.parse("2025-03"));
        assertThat(Period.parse("2025年03月份")).isEqualTo(Period.parse("2025-03"));
        assertThat(Period.parse("2025年第3季度")).isEqualTo(Period.parse("2025-Q3"));
        assertThat(Period.parse("2025年三季度")).isEqualTo(Period.parse("2025-Q3"));
        assertThat(Period.parse("2025年3月至6月")).isEqualTo(Period.parse("2025-03..2025-06"));
        assertThat(Period.parse("2025年12月到2026年2月")).isEqualTo(Period.parse("2025-12..2026-02"));
        assertThat(Period.parse("2025年3月1日至6月30日")).isEqualTo(Period.parse("2025-03-01..2025-06-30"));
        assertThat(Period.parse("2025年3月5日")).isEqualTo(Period.parse("2025-03-05..2025-03-05"));
        assertThat(Period.parse(" 2025-03-01 .. 2025-06-30 ").label()).isEqualTo("2025-03-01..2025-06-30");
        // a month on one side and a day on the other, a month with no year, a 13th month: no period
        assertThatThrownBy(() -> Period.parse("2025年3月至6月30日")).hasMessageContaining("2025年3月至6月");
        assertThatThrownBy(() -> Period.parse("3月")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2025年13月")).hasMessageContaining("不存在");
        assertThatThrownBy(() -> Period.parse("2025年6月至3月")).hasMessageContaining("结束早于开始");
    }

    @Test
    void nonsenseIsRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> Period.parse("last year")).hasMessageContaining("2025-Q3");
        // a slip of the keyboard is not a period of the ledger
        assertThatThrownBy(() -> Period.parse("0000")).hasMessageContaining("不在 1900–2999 年之间");
        assertThatThrownBy(() -> Period.parse("2025-01-01..9999-12-31")).hasMessageContaining("1900–2999");
        assertThatThrownBy(() -> Period.parse("2025-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2025-06-30..2025-03-01")).hasMessageContaining("ends before");
    }

    @Test
    void aPeriodCutShortIsLabelledByItsDaysWhereItsDaysAreWhatCounts() {
        // a night's year-to-date statistics are filed under the year; their JSON says the days they count
        Period yearToDate =
                new Period("2025", java.time.LocalDate.parse("2025-01-01"), java.time.LocalDate.parse("2025-06-15"));
        assertThat(yearToDate.exactLabel()).isEqualTo("2025-01-01..2025-06-15");
        assertThat(Period.parse(yearToDate.exactLabel()))
                .isEqualTo(new Period("2025-01-01..2025-06-15", yearToDate.from(), yearToDate.to()));
        for (String whole : new String[] {"2025", "2025-Q3", "2025-11", "2025-03..2025-06", "2025-03-01..2025-06-30"}) {
            assertThat(Period.parse(whole).exactLabel()).isEqualTo(whole);
        }
    }

    @Test
    void aPeriodTypedInFullWidthIsThePeriodInPlainDigits() {
        assertThat(Period.parse("２０２５")).isEqualTo(Period.parse("2025"));
        assertThat(Period.parse("２０２５－Ｑ３")).isEqualTo(Period.parse("2025-Q3"));
        assertThat(Period.parse("２０２５年１１月")).isEqualTo(Period.parse("2025-11"));
        assertThat(Period.parse("２０２５－０３．．２０２５－０６")).isEqualTo(Period.parse("2025-03..2025-06"));
    }

    @Test
    void aQuarterPastTheFourthIsToldWhatAQuarterIs() {
        for (String typed : new String[] {"2025-Q5", "2025年第5季度", "2025-q0"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Period.parse(typed))
                    .as(typed)
                    .hasMessageStartingWith("不是有效的时期：“" + typed + "”（季度只有第 1 至第 4 季度）");
        }
    }
}
