/**
 * The embedded database: HSQLDB files under data/, the server that `serve` shares with the commands run
 * meanwhile, and the database administration it needs.
 */
@ApplicationModule(
        displayName = "数据库 Database",
        allowedDependencies = {"files"})
package org.lujing.db;

import org.springframework.modulith.ApplicationModule;
