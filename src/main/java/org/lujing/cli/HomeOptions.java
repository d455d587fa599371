package org.lujing.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where Lujing's home is, and how talkative to be. */
class HomeOptions {

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description =
                    "Folder for data/, inbox/, archive/, quarantine/, reports/ (default: $LUJING_HOME, else the working directory).")
    Path home;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log at INFO on stderr.")
    boolean verbose;
}
