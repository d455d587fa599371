/**
 * Who a record belongs to: the key, encryption and blind indexes of ID numbers and phones, matching
 * records to the roster, admins' decisions and key rotation.
 */
@ApplicationModule(
        displayName = "身份 Identity",
        allowedDependencies = {"files", "home", "ledger", "normalise"})
package org.lujing.identity;

import org.springframework.modulith.ApplicationModule;
