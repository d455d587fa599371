package org.lujing.home;

import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Something the operator must act on that a command learns while starting — a key it has just created, to be backed
 * up. A command prints it on the terminal as a sentence of its own, in the operator's language; {@code serve} and a
 * command run with {@code --verbose} write it to the log as a warning, where the service log keeps it with its time.
 * (A command's log is kept off the terminal below warnings, and a warning printed there read as a log line:
 * {@code 2026-12-02 00:31:50.970  WARN [main] o.lujing.identity.KeyConfiguration : 已在 … 创建新的加密密钥}.)
 */
public final class OperatorNotice {

    private static volatile boolean onTerminal;

    /** How a line reaches the terminal: at once, or around a progress line redrawn there (cleared, printed, redrawn). */
    private static volatile Consumer<Runnable> printing = Runnable::run;

    private OperatorNotice() {}

    /** Whether notices go to the terminal as plain lines (a command) or to the log (serve, --verbose). */
    public static void onTerminal(boolean plain) {
        onTerminal = plain;
    }

    /**
     * While a command redraws a progress line on the terminal: how a notice is printed so that it stands on a line of
     * its own (the progress line cleared first, drawn again beneath it), not after the bar; {@code null} when the
     * progress line is gone.
     */
    public static void printing(Consumer<Runnable> around) {
        printing = around == null ? Runnable::run : around;
    }

    /** Tells the operator {@code message}: on stderr as it is for a command, else as a warning of {@code log}. */
    public static void say(Logger log, String message) {
        if (onTerminal) {
            printing.accept(() -> System.err.println(message));
        } else {
            log.warn(message);
        }
    }
}
