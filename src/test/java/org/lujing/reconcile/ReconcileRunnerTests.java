package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;

/** A reconcile run is its own job instance however close to another it starts. */
class ReconcileRunnerTests {

    @Test
    void runsStartedInTheSameMillisecondAreDifferentJobInstances() {
        LocalDate asOf = LocalDate.parse("2025-04-24");
        Set<String> seen = new HashSet<>();
        List<JobParameters> runs = new ArrayList<>();

        // a thousand runs take well under the clock's resolution on a fast machine: a time-based id repeats
        for (int i = 0; i < 1000; i++) {
            JobParameters p = ReconcileRunner.parameters(asOf);
            runs.add(p);
            seen.add(p.getString("run.id"));
        }

        assertThat(seen).hasSize(1000);
        assertThat(runs)
                .allSatisfy(p -> assertThat(p.getString(ReconciliationJobConfiguration.AS_OF))
                        .isEqualTo("2025-04-24"));
    }
}
