/**
 * Several nodes on one database: each node's heartbeat and which node runs which job execution, so that
 * liveness is decided by a beat, not by a start.
 */
@ApplicationModule(
        displayName = "集群 Cluster",
        allowedDependencies = {})
package org.lujing.cluster;

import org.springframework.modulith.ApplicationModule;
