package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.lujing.source.SourceDefinition.Cadence;

/** The periods MISSING_FEED expects a delivery for: monthly by the 5th, weekly by ISO week. */
class MissingFeedPeriodsTests {

    @Test
    void aMonthIsDueOnThe5thOfTheNextAndItsWindowStartsAfterThePreviousDeadline() {
        // first delivery on 3 April: March (due 5 April) is the first month expected
        assertThat(MissingFeedRule.periods(
                        Cadence.MONTHLY, LocalDate.parse("2025-04-03"), LocalDate.parse("2025-06-05")))
                .extracting(MissingFeedRule.Period::label)
                .containsExactly("2025-03", "2025-04", "2025-05");
        assertThat(MissingFeedRule.periods(
                        Cadence.MONTHLY, LocalDate.parse("2025-04-03"), LocalDate.parse("2025-06-04")))
                .extracting(MissingFeedRule.Period::label)
                .containsExactly("2025-03", "2025-04");
        MissingFeedRule.Period march = MissingFeedRule.periods(
                        Cadence.MONTHLY, LocalDate.parse("2025-04-03"), LocalDate.parse("2025-04-05"))
                .get(0);
        assertThat(march.from()).isEqualTo(LocalDateTime.parse("2025-03-06T00:00"));
        assertThat(march.until()).isEqualTo(LocalDateTime.parse("2025-04-06T00:00"));
        assertThat(march.due()).isEqualTo("2025-04-05");
    }

    @Test
    void aWeekIsOwedOnceItsSundayHasPassedAndIsNamedByItsIsoWeek() {
        assertThat(MissingFeedRule.periods(
                        Cadence.WEEKLY, LocalDate.parse("2024-12-31"), LocalDate.parse("2025-01-12")))
                .extracting(MissingFeedRule.Period::label)
                .containsExactly("2025-W01", "2025-W02");
        assertThat(MissingFeedRule.periods(
                        Cadence.WEEKLY, LocalDate.parse("2025-03-05"), LocalDate.parse("2025-03-08")))
                .isEmpty();
    }

    @Test
    void noCadenceOwesNothing() {
        assertThat(MissingFeedRule.periods(Cadence.NONE, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")))
                .isEmpty();
    }
}
