/**
 * Reports: the statistics, ledger, findings and quality workbooks and their JSON, and their delivery
 * to the outbox and by mail (sub-package delivery, internal).
 */
@ApplicationModule(
        displayName = "报表 Reports",
        allowedDependencies = {
            "files",
            "home",
            "identity :: match",
            "ingest",
            "ledger",
            "normalise",
            "read",
            "reconcile",
            "source"
        })
package org.lujing.report;

import org.springframework.modulith.ApplicationModule;
