/**
 * Feeds pulled over HTTP into the inbox, each page checked before it is kept; a feed that cannot be
 * reached is reported and retried, never fatal to the night.
 */
@ApplicationModule(
        displayName = "数据推送 Feeds",
        allowedDependencies = {"files", "home", "ingest", "normalise", "read"})
package org.lujing.feed;

import org.springframework.modulith.ApplicationModule;
