/**
 * The command line, `java -jar lujing.jar <command>`: parses a command, starts the application for it,
 * prints words in the chosen language or --json. The process starts here.
 */
@ApplicationModule(
        displayName = "命令行 Command line",
        allowedDependencies = {
            "audit",
            "console",
            "db",
            "home",
            "identity",
            "identity :: match",
            "ingest",
            "ledger",
            "normalise",
            "operations",
            "read",
            "reconcile",
            "report",
            "schedule",
            "source"
        })
package org.lujing.cli;

import org.springframework.modulith.ApplicationModule;
