/**
 * The nightly reconciliation: rules over the ledger that open, update and close findings for the
 * office to follow up.
 */
@ApplicationModule(
        displayName = "对账 Reconcile",
        allowedDependencies = {"audit", "identity :: match", "ledger", "normalise", "source"})
package org.lujing.reconcile;

import org.springframework.modulith.ApplicationModule;
