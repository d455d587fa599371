package org.lujing.reconcile;

import java.time.LocalDate;
import java.util.List;

/** What one reconciliation did, per rule: findings opened, seen again, and cleared; and how many hold after it. */
public record ReconcileSummary(LocalDate asOf, List<RuleCounts> rules, int active) {

    /** One rule's share of a run. */
    public record RuleCounts(String rule, int opened, int seenAgain, int cleared) {}

    public int opened() {
        return rules.stream().mapToInt(RuleCounts::opened).sum();
    }

    public int seenAgain() {
        return rules.stream().mapToInt(RuleCounts::seenAgain).sum();
    }

    public int cleared() {
        return rules.stream().mapToInt(RuleCounts::cleared).sum();
    }
}
