package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Sources page names the jobs folder relative to the installation, not by the server's absolute path. */
class SourcesPathTests {

    @Test
    void theJobsFolderIsNamedRelativeToTheInstallation() {
        assertThat(SourcesController.shown("/opt/lujing/jobs", "/opt/lujing")).isEqualTo("jobs");
        assertThat(SourcesController.shown("/opt/lujing/conf/jobs", "/opt/lujing"))
                .isEqualTo("conf/jobs");
        // configured outside the installation: shown as configured, it is the admin's own choice
        assertThat(SourcesController.shown("/etc/lujing/jobs", "/opt/lujing")).isEqualTo("/etc/lujing/jobs");
    }
}
