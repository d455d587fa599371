package org.lujing.operations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lujing.schedule.NightlyChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Restarts failed executions in bulk, with one reason and one {@code JOB_RESTART_ALL} audit entry naming them all
 * (written by the caller, which knows who asks, with {@link #auditTarget}):
 * every failed execution of a job (or of all), or everything of one night — the ingests its inbox step started, its
 * reconciliations, and its failed nightly step, which is resumed through the chain so the steps after it run too.
 * The command line, the console and the API all come here, so the three choose and restart the same executions.
 */
@Service
public class FailedRestarts {

    private static final Logger log = LoggerFactory.getLogger(FailedRestarts.class);
    static final String NIGHTLY_STEP_JOB = "nightlyStepJob";

    /** What one restart gave: the execution restarted, the new one (null when the chain said no), its status. */
    public record Outcome(long failedId, String jobName, Long restartedId, String status, String message) {

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    private final JobQueries queries;
    private final JobControl control;
    private final NightlyChain chain;

    public FailedRestarts(JobQueries queries, JobControl control, NightlyChain chain) {
        this.queries = queries;
        this.control = control;
        this.chain = chain;
    }

    /**
     * The failed executions nothing has restarted yet, oldest first: of one night when {@code night} is given, else
     * of one job ({@code job}; blank for all).
     */
    public List<JobQueries.Execution> waiting(String job, LocalDate night) {
        String name = job == null || job.isBlank() ? null : job.strip();
        List<JobQueries.Execution> failed =
                night != null ? queries.failedOfNight(night) : queries.failedAwaitingRestart(10_000);
        return failed.stream()
                .filter(e -> name == null || e.jobName().equals(name))
                .sorted(Comparator.comparingLong(JobQueries.Execution::id))
                .toList();
    }

    /**
     * What the one {@code JOB_RESTART_ALL} audit entry of a bulk restart names, written by the caller before anything
     * is restarted: {@code night 2025-04-30: #7, #9}, {@code fileIngestJob: #3}, {@code all jobs: #3, #4}.
     */
    public static String auditTarget(String job, LocalDate night, List<JobQueries.Execution> failed) {
        String scope = night != null
                ? "night " + night + (job == null || job.isBlank() ? "" : " " + job.strip())
                : job == null || job.isBlank() ? "all jobs" : job.strip();
        return scope + ": "
                + String.join(", ", failed.stream().map(e -> "#" + e.id()).toList());
    }

    /**
     * Restarts them one after another (two ingests at once would only compete for the same disk). For a night, the
     * ingests and reconciliations go first and then the night's chain is resumed from its failed step, so its
     * reconciliation and reports see the files just loaded; a failed nightly step of some other night is restarted
     * on its own. A restart that throws is reported, and the others still run.
     */
    public List<Outcome> restart(List<JobQueries.Execution> failed, LocalDate night, String trigger) {
        List<Outcome> out = new ArrayList<>();
        boolean resumeNight = false;
        for (JobQueries.Execution e : failed) {
            if (night != null && NIGHTLY_STEP_JOB.equals(e.jobName())) {
                resumeNight = true;
                continue;
            }
            try {
                var restarted = control.restart(e.id());
                out.add(new Outcome(
                        e.id(),
                        e.jobName(),
                        restarted.getId(),
                        restarted.getStatus().name(),
                        null));
            } catch (Exception ex) {
                log.error("restart of execution #{} failed: {}", e.id(), ex.toString());
                out.add(new Outcome(e.id(), e.jobName(), null, "FAILED", ex.getMessage()));
            }
        }
        if (resumeNight) {
            long failedStep = failed.stream()
                    .filter(e -> NIGHTLY_STEP_JOB.equals(e.jobName()))
                    .mapToLong(JobQueries.Execution::id)
                    .max()
                    .orElseThrow();
            NightlyChain.Result r;
            try {
                r = chain.run(night, trigger, true);
            } catch (NightlyChain.NightHeldElsewhere held) {
                // another process runs a night now: reported like a restart that threw, the night left as it was
                log.warn("night of {} not resumed: {}", night, held.getMessage());
                out.add(new Outcome(failedStep, NIGHTLY_STEP_JOB, null, "FAILED", held.getMessage()));
                return out;
            }
            Long last = r.steps().stream()
                    .map(NightlyChain.StepResult::jobExecutionId)
                    .filter(java.util.Objects::nonNull)
                    .reduce((a, b) -> b)
                    .orElse(null);
            String message = r.steps().stream()
                    .filter(s -> !"COMPLETED".equals(s.status()))
                    .map(s -> s.step() + ": " + s.message())
                    .findFirst()
                    .orElse(null);
            out.add(new Outcome(failedStep, NIGHTLY_STEP_JOB, last, r.completed() ? "COMPLETED" : "FAILED", message));
        }
        return out;
    }
}
