package org.lujing.operations;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, executions left STARTED by a process that is gone are marked FAILED and listed for a restart. It
 * runs once every bean exists and before anything is started — the scheduler (which may fire a missed night at
 * once) and the inbox route — so no execution of this process can be taken for a dead one.
 */
@Component
class CrashRecovery implements SmartInitializingSingleton {

    private final JobsService jobs;

    CrashRecovery(JobsService jobs) {
        this.jobs = jobs;
    }

    @Override
    public void afterSingletonsInstantiated() {
        jobs.recoverInterrupted();
    }
}
