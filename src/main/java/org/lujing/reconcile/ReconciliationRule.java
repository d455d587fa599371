package org.lujing.reconcile;

import java.util.function.Consumer;

/** One nightly check over the whole ledger as of a date; what it finds, the reconciliation keeps as findings. */
interface ReconciliationRule {

    /** The rule's name as domain.md spells it (UNMATCHED_SUBJECT, …); stored with each finding. */
    String name();

    /**
     * Hands {@code found} what holds as of {@code ctx.asOf()}, one finding per key, in a stable order. A rule reads
     * the ledger a slice at a time ({@link ReconcileContext#slice()}) and passes findings on as it goes: it never
     * holds a list of everything it found, and no query of it spans the whole ledger's rows.
     */
    void evaluate(ReconcileContext ctx, Consumer<Finding> found);
}
