package org.lujing.schedule;

import java.time.LocalDate;

/** One step of the nightly chain, named as in {@code jobs/nightly.yaml}; runs inside the restartable nightlyStepJob. */
public interface NightlyStep {

    String name();

    /** Runs the step for the night's date and says what it did; throws to stop the night. */
    String run(LocalDate night);

    /**
     * Runs the step and tells {@code progress} how far it has got as it goes (the console and {@code nightly} show
     * it); a step with nothing to count implements {@link #run(LocalDate)} alone and shows its elapsed time.
     */
    default String run(LocalDate night, Progress progress) {
        return run(night);
    }

    /** Where a step reports its progress: {@code done} of {@code total} (0 when unknown), and what it is at. */
    @FunctionalInterface
    interface Progress {

        void report(long done, long total, String noteZh, String noteEn);

        Progress NONE = (done, total, zh, en) -> {};
    }
}
