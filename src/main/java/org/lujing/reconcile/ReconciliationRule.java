package org.lujing.reconcile;

import java.util.List;

/** One nightly check over the whole ledger as of a date; what it finds, the reconciliation keeps as findings. */
interface ReconciliationRule {

    /** The rule's name as domain.md spells it (UNMATCHED_SUBJECT, …); stored with each finding. */
    String name();

    /** What holds as of {@code ctx.asOf()}; one finding per key, in a stable order. */
    List<Finding> evaluate(ReconcileContext ctx);
}
