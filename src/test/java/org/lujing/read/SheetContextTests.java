package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Where a year-less date finds its year: the sheet's title rows, else the sheet's name, else the file's name. */
class SheetContextTests {

    @Test
    void theTitleComesFirst() {
        SheetContext c = SheetContext.of("2023年台账.xlsx", "2024年", "麓景社区2025年3月社区矫正帮扶工作台账", null, null);

        assertThat(c.year()).isEqualTo(2025);
        assertThat(c.yearFrom()).isEqualTo("表头");
    }

    @Test
    void thenTheSheetsNameThenTheFilesName() {
        assertThat(SheetContext.of("台账2023.xlsx", "2024.3", "帮扶工作台账", null, null)
                        .yearFrom())
                .isEqualTo("工作表名");
        SheetContext byFile = SheetContext.of("2024年度帮扶台账.xlsx", "1月", "帮扶工作台账", null, null);
        assertThat(byFile.yearFrom()).isEqualTo("文件名");
        assertThat(byFile.yearFor(1)).isEqualTo(OptionalInt.of(2024));
        assertThat(byFile.yearFor(12)).isEqualTo(OptionalInt.of(2024));
    }

    @Test
    void theDayTheSheetWasFilledInIsNotItsPeriod() {
        // a December ledger, filled in and sent in January: its rows' 12月5日 are December of the file's year
        SheetContext c = SheetContext.of("2025年12月社区台账.xlsx", "12月", "社区矫正帮扶工作台账 填报日期：2026年1月5日", null, null);
        assertThat(c.yearFor(12)).isEqualTo(OptionalInt.of(2025));
        assertThat(c.yearFrom()).isEqualTo("文件名");

        // nor the date a sheet was printed or made, in any of its usual forms
        for (String title : new String[] {"制表日期 2026-01-05", "打印时间：2026/1/5", "填表日期:2026.01.05", "报送日期 2026年1月"}) {
            assertThat(SheetContext.of("台账.xlsx", "2025年12月", "帮扶台账 " + title, null, null)
                            .yearFor(12))
                    .as(title)
                    .isEqualTo(OptionalInt.of(2025));
        }
        // while the title's own period still comes first
        assertThat(SheetContext.of("台账.xlsx", "12月", "2025年12月帮扶台账 填报日期：2026年1月5日", null, null)
                        .yearFor(12))
                .isEqualTo(OptionalInt.of(2025));
    }

    @Test
    void noYearAnywhereGivesNone() {
        SheetContext c = SheetContext.of("台账.xlsx", "3月", "社区矫正帮扶工作台账 第12期", null, null);

        assertThat(c.yearFor(3)).isEmpty();
    }

    @Test
    void numbersThatAreNotYearsAreNotTakenForOne() {
        // a time stamp in the file's name, an ID-like run in a title, a phone
        SheetContext c = SheetContext.of("export_20250307113000.xlsx", "Sheet1", "联系电话 13800138000", null, null);

        assertThat(c.year()).isNull();
    }

    @Test
    void aTitleSpanningTwoYearsGivesEachMonthItsOwn() {
        SheetContext c = SheetContext.of("x.xlsx", "跨年", "2024年12月至2025年1月帮扶台账", null, null);

        assertThat(c.yearFor(12)).isEqualTo(OptionalInt.of(2024));
        assertThat(c.yearFor(1)).isEqualTo(OptionalInt.of(2025));
        assertThat(c.yearFor(6)).isEqualTo(OptionalInt.of(2024));
    }
}
