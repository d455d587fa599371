/**
 * Job executions for administrators: listing, restarting, stopping, and recovering what a crashed or
 * dead node left.
 */
@ApplicationModule(
        displayName = "作业运维 Operations",
        allowedDependencies = {"cluster", "home", "ingest", "normalise", "schedule"})
package org.lujing.operations;

import org.springframework.modulith.ApplicationModule;
