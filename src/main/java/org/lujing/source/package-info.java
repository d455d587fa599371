/**
 * The partner sources: their registry (sources.yml), columns, vocabularies and agencies.
 */
@ApplicationModule(
        displayName = "数据来源 Sources",
        allowedDependencies = {"home", "ledger", "normalise", "read"})
package org.lujing.source;

import org.springframework.modulith.ApplicationModule;
