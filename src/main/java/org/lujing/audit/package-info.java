/**
 * Who did what: the audit log of administrators' actions and sign-ins, identities masked.
 */
@ApplicationModule(
        displayName = "审计 Audit",
        allowedDependencies = {"normalise"})
package org.lujing.audit;

import org.springframework.modulith.ApplicationModule;
