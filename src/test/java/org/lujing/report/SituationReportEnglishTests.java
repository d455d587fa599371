package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.ledger.Statistics;

/** The English situation paragraph counts one of a thing in the singular. */
class SituationReportEnglishTests {

    @Test
    void oneOfAThingIsSingular() {
        assertThat(SituationReport.singular("education support (1 person-times)"))
                .isEqualTo("education support (1 person-time)");
        assertThat(SituationReport.singular("organised 1 job fairs")).isEqualTo("organised 1 job fair");
        assertThat(SituationReport.singular("handed out 1 copies of legal reading material"))
                .isEqualTo("handed out 1 copy of legal reading material");
        assertThat(SituationReport.singular("helped 1 persons into work")).isEqualTo("helped 1 person into work");
        assertThat(SituationReport.singular("gave 1 weekly micro-lessons")).isEqualTo("gave 1 weekly micro-lesson");
        assertThat(SituationReport.singular("assisted 1 investigation assessments"))
                .isEqualTo("assisted 1 investigation assessment");
    }

    @Test
    void theParagraphSaysOneInTheSingularAndMoreInThePlural() {
        var s = new Statistics(
                org.lujing.ledger.Period.parse("2025"),
                java.util.Map.of(
                        org.lujing.ledger.Category.EDUCATION_SUPPORT,
                                new Statistics.Figures(1, 1, 1, java.math.BigDecimal.ONE),
                        org.lujing.ledger.Category.JOB_FAIR,
                                new Statistics.Figures(3, 2, 3, new java.math.BigDecimal("3"))),
                0,
                0,
                2);
        assertThat(SituationReport.english(s))
                .contains("education support (1 person-time)")
                .doesNotContain("1 person-times")
                .contains("3 job fairs");
    }
}
