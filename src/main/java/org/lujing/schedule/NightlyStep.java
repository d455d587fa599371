package org.lujing.schedule;

import java.time.LocalDate;

/** One step of the nightly chain, named as in {@code jobs/nightly.yaml}; runs inside the restartable nightlyStepJob. */
public interface NightlyStep {

    String name();

    /** Runs the step for the night's date and says what it did; throws to stop the night. */
    String run(LocalDate night);
}
