package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The chart palette prints distinguishably in grey, not only in colour; the months it is read by are words. */
class MonthChartTests {

    @Test
    void monthsReadAsTheOfficeWritesThemAndTheYearOnlyWhenThePeriodSpansTwo() {
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 1), true, ReportLanguage.ZH))
                .isEqualTo("1月");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 12), true, ReportLanguage.ZH))
                .isEqualTo("12月");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 12), false, ReportLanguage.ZH))
                .isEqualTo("2025年12月");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2026, 1), false, ReportLanguage.ZH))
                .isEqualTo("2026年1月");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 1), true, ReportLanguage.EN))
                .isEqualTo("2025-01");
    }

    @Test
    void aMonthThePeriodCutsSaysWhichDaysCount() {
        var period = org.lujing.ledger.Period.parse("2025-02-15..2025-05-10");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 2), true, period, ReportLanguage.ZH))
                .isEqualTo("2月（15日起）");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 3), true, period, ReportLanguage.ZH))
                .isEqualTo("3月");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 5), true, period, ReportLanguage.ZH))
                .isEqualTo("5月（至10日）");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 5), true, period, ReportLanguage.EN))
                .isEqualTo("2025-05 (1–10)");
        var days = org.lujing.ledger.Period.parse("2025-02-15..2025-02-20");
        assertThat(StatisticsWorkbookWriter.monthLabel(YearMonth.of(2025, 2), true, days, ReportLanguage.ZH))
                .isEqualTo("2月（15日至20日）");
        // a whole year's months are whole
        assertThat(StatisticsWorkbookWriter.monthLabel(
                        YearMonth.of(2025, 12), true, org.lujing.ledger.Period.parse("2025"), ReportLanguage.ZH))
                .isEqualTo("12月");
    }

    @Test
    void neighbouringSeriesDifferInGreyAndNoTwoOfTheFirstEightShareAGreyLevel() {
        int[] grey = new int[MonthChart.PALETTE.length];
        for (int i = 0; i < grey.length; i++) {
            int rgb = MonthChart.PALETTE[i];
            // the luma a greyscale printer or photocopier keeps, in percent
            grey[i] = (int)
                    Math.round((0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff)) / 2.55);
        }
        for (int i = 1; i < grey.length; i++) {
            assertThat(Math.abs(grey[i] - grey[i - 1]))
                    .as("series %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(20);
        }
        for (int i = 0; i < 8; i++) {
            for (int j = i + 1; j < 8; j++) {
                assertThat(Math.abs(grey[i] - grey[j]))
                        .as("series %d and %d", i, j)
                        .isGreaterThanOrEqualTo(8);
            }
        }
    }
}
