/**
 * Plain-Java value rules, free of frameworks: ID numbers, phones, dates, numbers, categories, and how
 * identities are masked wherever they are shown.
 */
@ApplicationModule(
        displayName = "规范化 Normalise",
        allowedDependencies = {"ledger"})
package org.lujing.normalise;

import org.springframework.modulith.ApplicationModule;
