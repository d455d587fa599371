package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;

/** {@code stats}' table in the reader's language: the same figures, every word in one language. */
class StatisticsFormatterTests {

    private final Statistics statistics = new Statistics(
            Period.parse("2025-Q3"),
            Map.of(
                    Category.JOB_FAIR, new Statistics.Figures(23, 7, 8, new BigDecimal("23")),
                    Category.MATERIALS, new Statistics.Figures(13, 13, 13, new BigDecimal("30.0"))),
            4,
            1,
            19);

    @Test
    void chineseTableNamesCategoriesUnitsAndThePendingLineInChinese() {
        String table = StatisticsFormatter.table(statistics, ReportLanguage.ZH);
        assertThat(table)
                .startsWith("统计期间 2025年第3季度（2025年7月1日至2025年9月30日），仅计入名册内人员")
                .contains("招聘会", "发放普法读物", "合作单位：19 家", "待识别（不在名册，未计入）：4 条记录，涉及 1 人");
        assertThat(table.lines().filter(l -> l.startsWith("招聘会")).findFirst().orElseThrow())
                .matches("招聘会\\s+8\\s+次\\s+7\\s+23");
    }

    @Test
    void englishTableHasTheSameFiguresAndNoChineseWord() {
        String table = StatisticsFormatter.table(statistics, ReportLanguage.EN);
        assertThat(table.codePoints().filter(c -> c > 0x7f && c != '…')).isEmpty();
        assertThat(table)
                .startsWith("Period 2025-Q3 (2025-07-01 to 2025-09-30), people on the roster only")
                .contains("partner units: 19", "pending (not on the roster, not counted): 4 record(s) of 1 person(s)");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("Job fair"))
                        .findFirst()
                        .orElseThrow())
                .matches("Job fair\\s+8\\s+events\\s+7\\s+23");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("Legal reading"))
                        .findFirst()
                        .orElseThrow())
                .matches("Legal reading material handed out\\s+30\\s+copies\\s+13\\s+13");
    }

    @Test
    void aPeriodIsNamedInWordsAsTheTitleNamesIt() {
        assertThat(ReportHeading.periodLine(Period.parse("2025"), ReportLanguage.ZH))
                .isEqualTo("统计期间 2025年度（2025年1月1日至2025年12月31日），仅计入名册内人员");
        // a span of days is its own words, not said twice
        assertThat(ReportHeading.periodLine(Period.parse("2025-03-01..2025-06-30"), ReportLanguage.ZH))
                .isEqualTo("统计期间 2025年3月1日至2025年6月30日，仅计入名册内人员");
        // a period not begun yet says so
        assertThat(ReportHeading.periodLine(
                        Period.parse("2027"), ReportLanguage.ZH, java.time.LocalDate.of(2026, 12, 2)))
                .isEqualTo("统计期间 2027年度（2027年1月1日至2027年12月31日，尚未开始），仅计入名册内人员");
        assertThat(ReportHeading.periodLine(
                        Period.parse("2027"), ReportLanguage.EN, java.time.LocalDate.of(2026, 12, 2)))
                .contains("2027-12-31, not begun yet)");
        assertThat(ReportHeading.periodLine(
                        Period.parse("2026"), ReportLanguage.ZH, java.time.LocalDate.of(2026, 12, 2)))
                .doesNotContain("尚未开始");
        assertThat(ReportHeading.periodLine(Period.parse("2025-03-01..2025-06-30"), ReportLanguage.EN))
                .isEqualTo("Period 2025-03-01..2025-06-30 (2025-03-01 to 2025-06-30), people on the roster only");
    }
}
