package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A roster that gives no supervision dates shows dashes in {@code subjects}, not "null ~ null". */
class SubjectsSupervisionTextTests {

    @Test
    void aDateNotGivenIsADash() {
        assertThat(SubjectsCommand.supervision(null, null)).isEqualTo("—");
        assertThat(SubjectsCommand.supervision(java.sql.Date.valueOf("2025-01-01"), null))
                .isEqualTo("2025-01-01 ~ —");
        assertThat(SubjectsCommand.supervision(
                        java.sql.Date.valueOf("2025-01-01"), java.sql.Date.valueOf("2026-06-30")))
                .isEqualTo("2025-01-01 ~ 2026-06-30");
    }
}
