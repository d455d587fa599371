package org.lujing.cli;

import picocli.CommandLine.Option;

/** Who is acting, for the audit log: {@code --as NAME}, else the operating-system user running the command. */
class ActorOptions {

    @Option(names = "--as", paramLabel = "NAME", description = "Your name for the audit log (default: the OS user).")
    String actor;

    String actor() {
        return actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
    }
}
