package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The terminal's tables: Chinese text lined up by display width, numbers (signed, grouped, shares) to the right. */
class TextTableTests {

    @Test
    void signedChangesAndSharesAreNumbersButDatesAndWordsAreNot() {
        assertThat(TextTable.isNumber("+16.6")).isTrue();
        assertThat(TextTable.isNumber("-3")).isTrue();
        assertThat(TextTable.isNumber("1,234.50")).isTrue();
        assertThat(TextTable.isNumber("12.5%")).isTrue();
        assertThat(TextTable.isNumber("-")).isTrue();
        assertThat(TextTable.isNumber("2025-01-31")).isFalse();
        assertThat(TextTable.isNumber("心理咨询")).isFalse();
        assertThat(TextTable.isNumber("")).isFalse();
    }

    @Test
    void aSignedChangeLinesUpOnTheRightUnderAWideHeader() {
        String table =
                new TextTable("类别", "较上期").row("法律教育", "+16.6").row("就业", "-3").render();

        assertThat(table.lines()).containsExactly("类别      较上期", "--------  ------", "法律教育   +16.6", "就业          -3");
    }

    @Test
    void aColumnIsAlignedAsAWholeDashesWithNumbersAndWithWords() {
        String table = new TextTable("工作表", "行", "最近")
                .row("台账", "46", "—")
                .row("-", "9", "—")
                .row("2025", "—", "—")
                .render();

        // the sheet column holds words: its dash and its year stay left; the row column holds numbers: its dash
        // lines up with them; a column of dashes alone is no column of numbers
        assertThat(table.lines())
                .containsExactly("工作表  行  最近", "------  --  ----", "台账    46  —", "-        9  —", "2025     —  —");
    }
}
