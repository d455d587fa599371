package org.lujing.reconcile;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation settings ({@code lujing.reconcile.*}).
 *
 * @param graceDays days a record may wait for its person to appear on the roster before it becomes an
 *     UNMATCHED_SUBJECT finding
 * @param feedsSince first date MISSING_FEED expects deliveries from; unset, each source is expected from its
 *     first loaded delivery on (a source that never delivered raises nothing)
 * @param recentDays NO_RECENT_SUPPORT's window: an active person needs a counted record within this many days up
 *     to the as-of date
 */
@ConfigurationProperties("lujing.reconcile")
record ReconcileSettings(
        @DefaultValue("7") int graceDays,
        LocalDate feedsSince,
        @DefaultValue("30") int recentDays) {}
