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
    void nonsenseIsRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> Period.parse("last year")).hasMessageContaining("2025-Q3");
        // a slip of the keyboard is not a period of the ledger
        assertThatThrownBy(() -> Period.parse("0000")).hasMessageContaining("不在 1900–2999 年之间");
        assertThatThrownBy(() -> Period.parse("2025-01-01..9999-12-31")).hasMessageContaining("1900–2999");
        assertThatThrownBy(() -> Period.parse("2025-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2025-06-30..2025-03-01")).hasMessageContaining("ends before");
    }
}
