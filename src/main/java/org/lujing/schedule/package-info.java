/**
 * The nightly chain on Quartz: pull feeds, ingest the inbox, match pending records, reconcile, write
 * the reports; resumable from the step that failed.
 */
@ApplicationModule(
        displayName = "夜间作业 Schedule",
        allowedDependencies = {
            "cluster",
            "feed",
            "home",
            "identity",
            "ingest",
            "ledger",
            "reconcile",
            "report",
            "source"
        })
package org.lujing.schedule;

import org.springframework.modulith.ApplicationModule;
