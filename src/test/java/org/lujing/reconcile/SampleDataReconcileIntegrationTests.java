package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pilot year's sample data is clean where sample-data/README.md says so: no record outside its person's
 * supervision and a community total row that agrees with its file; and reconciling never changes the statistics.
 */
class SampleDataReconcileIntegrationTests extends SharedLedgerContext {

    static final List<String> ORDER =
            List.of("roster", "community", "hospital", "university", "employer", "micro-lesson");

    @Autowired
    FileIngestService ingest;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    FindingsService findings;

    @Autowired
    StatisticsQuery statistics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePilotYearRaisesNoSupervisionOrControlTotalFindingsAndKeepsItsFigures() throws Exception {
        // given the pilot year, in the order sample-data/README.md assumes
        for (String source : ORDER) {
            try (Stream<Path> files = Files.list(Path.of("sample-data", source))) {
                for (Path file : files.sorted().toList()) {
                    ingest.ingest(file, source);
                }
            }
        }
        Statistics before = statistics.compute(Period.parse("2025"), agency -> true);

        // when
        reconcile.reconcile(LocalDate.parse("2026-01-31"));

        // then
        assertThat(findings.list(null, OutsideSupervisionRule.NAME, null)).isEmpty();
        assertThat(findings.list(null, ControlTotalMismatchRule.NAME, null)).isEmpty();
        // the rule had something to check: the community ledger's 合计 row
        assertThat(jdbc.sql("SELECT COUNT(*) FROM file_control_total WHERE declared_count IS NOT NULL")
                        .query(Integer.class)
                        .single())
                .isPositive();
        assertThat(statistics.compute(Period.parse("2025"), agency -> true)).isEqualTo(before);

        // the one person not on the roster becomes a finding once the grace period is over
        reconcile.reconcile(LocalDate.now().plusDays(7));
        assertThat(findings.list(null, UnmatchedSubjectRule.NAME, null))
                .singleElement()
                .satisfies(f -> assertThat(f.personMasked()).matches(".+ \\d{4}\\*{12}[0-9X]{2}"));
    }
}
