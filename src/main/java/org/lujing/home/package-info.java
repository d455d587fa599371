/**
 * LUJING_HOME: where everything lives, the lujing.* settings bound to it, and the private folders kept
 * private at every start.
 */
@ApplicationModule(
        displayName = "安装目录 Home",
        allowedDependencies = {"files"})
package org.lujing.home;

import org.springframework.modulith.ApplicationModule;
