/**
 * The scored-matching model, free of frameworks: comparisons per field with their levels, weights, blocking, the
 * decision and its evidence. Exposed as the named interface {@code identity :: match} for the readers of its words
 * (a row's traits for the ingest, the evidence in words for the ledger workbook).
 */
@NamedInterface("match")
package org.lujing.identity.match;

import org.springframework.modulith.NamedInterface;
