package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lujing.ledger.Period;

class ReportHeadingTests {

    private final ReportHeading heading = new ReportHeading("麓景社区", "麓景社区居民委员会", LocalDate.of(2026, 2, 1));

    @Test
    void aWholeYearQuarterOrMonthIsNamedAsSuch() {
        assertThat(heading.title(Period.parse("2025"), ReportLanguage.ZH)).isEqualTo("麓景社区2025年度社区矫正帮扶工作统计");
        assertThat(heading.title(Period.parse("2025-Q2"), ReportLanguage.ZH)).isEqualTo("麓景社区2025年第2季度社区矫正帮扶工作统计");
        assertThat(heading.title(Period.parse("2025-03"), ReportLanguage.ZH)).isEqualTo("麓景社区2025年3月社区矫正帮扶工作统计");
        assertThat(SituationReport.prefix(Period.parse("2025"), ReportLanguage.ZH))
                .isEqualTo("全年");
        assertThat(SituationReport.prefix(Period.parse("2025-Q2"), ReportLanguage.ZH))
                .isEqualTo("本季度");
        assertThat(SituationReport.prefix(Period.parse("2025-03"), ReportLanguage.ZH))
                .isEqualTo("本月");
        assertThat(heading.madeBy(ReportLanguage.ZH)).isEqualTo("制表单位：麓景社区居民委员会    制表日期：2026年2月1日");
    }

    @Test
    void theNightlyYearToDateIsNotCalledAWholeYear() {
        // the nightly statistics of 31 January: labelled with the year, ending on the night
        Period yearToDate = new Period("2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));

        assertThat(SituationReport.prefix(yearToDate, ReportLanguage.ZH)).isEqualTo("截至1月31日");
        assertThat(SituationReport.prefix(yearToDate, ReportLanguage.EN)).isEqualTo("Up to 2026-01-31");
        assertThat(heading.title(yearToDate, ReportLanguage.ZH)).isEqualTo("麓景社区2026年度（截至1月31日）社区矫正帮扶工作统计");
    }

    @Test
    void aRangeOfMonthsIsNamedByItsMonths() {
        assertThat(heading.title(Period.parse("2025年3月至6月"), ReportLanguage.ZH)).isEqualTo("麓景社区2025年3月至6月社区矫正帮扶工作统计");
        assertThat(heading.title(Period.parse("2025-12..2026-02"), ReportLanguage.ZH))
                .isEqualTo("麓景社区2025年12月至2026年2月社区矫正帮扶工作统计");
        assertThat(SituationReport.prefix(Period.parse("2025-03..2025-06"), ReportLanguage.ZH))
                .isEqualTo("期间");
    }

    @Test
    void anyOtherSpanIsNamedByItsDates() {
        Period span = Period.parse("2025-02-10..2025-03-20");

        assertThat(SituationReport.prefix(span, ReportLanguage.ZH)).isEqualTo("期间");
        assertThat(heading.title(span, ReportLanguage.ZH)).isEqualTo("麓景社区2025年2月10日至2025年3月20日社区矫正帮扶工作统计");
    }
}
