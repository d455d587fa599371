/**
 * Partners' files (xlsx, xls, csv) into raw rows and tables, streamed and bounded, with the file
 * outcomes a reading can end in.
 */
@ApplicationModule(
        displayName = "读取 Read",
        allowedDependencies = {"ledger", "normalise"})
package org.lujing.read;

import org.springframework.modulith.ApplicationModule;
