/**
 * The web console and its JSON API: pages, sign-in, uploads. It reads through the other modules and
 * changes things only through their services.
 */
@ApplicationModule(
        displayName = "控制台 Web console",
        allowedDependencies = {
            "audit",
            "files",
            "home",
            "identity",
            "ingest",
            "ledger",
            "normalise",
            "operations",
            "read",
            "reconcile",
            "report",
            "source"
        })
package org.lujing.console;

import org.springframework.modulith.ApplicationModule;
