package org.lujing.reconcile;

import java.time.LocalDate;
import org.lujing.source.SourceCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a rule sees: the as-of date, the ledger, the configured sources and the reconciliation settings. */
record ReconcileContext(LocalDate asOf, JdbcClient jdbc, SourceCatalog sources, ReconcileSettings settings) {}
