package org.lujing.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a command in this JVM the way a script would, capturing its exit code, stdout and stderr: what the command's
 * threads write (this one and those it starts), not what another test's context, still running in the same JVM,
 * happens to log meanwhile (a mail route retrying a server that test has stopped wrote its exception into a
 * command's stderr here).
 */
record CapturedRun(int exit, String out, String err) {

    /** Where the capturing thread, and every thread started while it captures, writes: stdout, stderr. */
    private static final InheritableThreadLocal<ByteArrayOutputStream[]> CAPTURE = new InheritableThreadLocal<>();

    static CapturedRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            CAPTURE.set(new ByteArrayOutputStream[] {o, e});
            System.setOut(new PrintStream(new Routed(out, 0), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Routed(err, 1), true, StandardCharsets.UTF_8));
            int exit = LujingCommand.run(args);
            return new CapturedRun(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            CAPTURE.remove();
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Writes into the capture from the command's threads, and where they went before from any other thread. */
    private static final class Routed extends OutputStream {

        private final PrintStream elsewhere;
        private final int stream;

        Routed(PrintStream elsewhere, int stream) {
            this.elsewhere = elsewhere;
            this.stream = stream;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() {
            elsewhere.flush();
        }

        private OutputStream target() {
            ByteArrayOutputStream[] capture = CAPTURE.get();
            return capture == null ? elsewhere : capture[stream];
        }
    }
}
