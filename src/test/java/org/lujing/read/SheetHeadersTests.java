package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row stands under the nearest header above it in its sheet. */
class SheetHeadersTests {

    private final SheetHeader december = new SheetHeader("台账", 2, List.of("日期", "姓名"));
    private final SheetHeader january = new SheetHeader("台账", 9, List.of("姓名", "日期"));
    private final SheetHeader other = new SheetHeader("2月", 1, List.of("姓名"));
    private final SheetHeaders headers = new SheetHeaders(List.of(january, other, december));

    @Test
    void eachRowGetsTheHeaderItWasReadUnder() {
        assertThat(headers.forRow("台账", 3)).isSameAs(december);
        assertThat(headers.forRow("台账", 8)).isSameAs(december);
        assertThat(headers.forRow("台账", 10)).isSameAs(january);
        assertThat(headers.forRow("2月", 5)).isSameAs(other);
        // a row above every header (none is read there) takes the sheet's first; a sheet not kept has none
        assertThat(headers.forRow("台账", 1)).isSameAs(december);
        assertThat(headers.forRow("3月", 5)).isNull();
        assertThat(SheetHeaders.NONE.forRow("台账", 3)).isNull();
    }

    @Test
    void allListsEachSheetTopToBottom() {
        assertThat(headers.all()).containsExactly(december, january, other);
    }
}
