package org.lujing.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ingest} command run as a user runs it, in a JVM of its own with a capped heap (and ended at once by an
 * OutOfMemoryError), on the test's classpath: for the tests of files too big to hold.
 *
 * @param ended whether it ended within the wait
 * @param exit its exit status (-1 when it did not end and was killed)
 * @param output everything it printed
 */
record ChildIngest(boolean ended, int exit, String output) {

    static ChildIngest run(String heap, Path file, String source, Path home) throws Exception {
        Path log = home.resolve("ingest.log");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + heap,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Dfile.encoding=UTF-8",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.lujing.cli.LujingCommand",
                        "ingest",
                        file.toString(),
                        "--source",
                        source,
                        "--home",
                        home.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        return new ChildIngest(ended, ended ? process.exitValue() : -1, Files.readString(log));
    }
}
