/**
 * The unified support-record store: records and provenance, categories and counting rules, the
 * statistics rollups kept at publication and the queries over them. Depends on nothing of Lujing.
 */
@ApplicationModule(
        displayName = "台账 Ledger",
        allowedDependencies = {})
package org.lujing.ledger;

import org.springframework.modulith.ApplicationModule;
