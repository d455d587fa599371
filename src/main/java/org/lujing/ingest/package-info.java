/**
 * One file into the ledger exactly once: the claim by SHA-256, the Spring Batch job (inspect, stage,
 * publish, complete), the inbox's claims and failures, rejects and their retry.
 */
@ApplicationModule(
        displayName = "导入 Ingest",
        allowedDependencies = {
            "audit",
            "cluster",
            "files",
            "home",
            "identity",
            "identity :: match",
            "ledger",
            "normalise",
            "read",
            "source"
        })
package org.lujing.ingest;

import org.springframework.modulith.ApplicationModule;
