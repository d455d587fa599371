package org.lujing.cli;

import java.sql.SQLException;
import org.lujing.normalise.Masking;

/** Turns a failure into one sentence an operator can act on, instead of a stack trace. */
final class UserMessages {

    private UserMessages() {}

    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof SQLException && m.contains("lock")) {
                // a running `serve` shares the database through its server (org.lujing.db); this is any other holder
                return "the database under LUJING_HOME is held by another Lujing process that does not share it: a `serve`"
                        + " still starting or stopping, or another command. Run this command again in a moment; if it"
                        + " goes on, find that process (`ps -ef | grep lujing`) and let it finish or stop it.";
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return "lost the connection to the database of the running `serve` (did it stop?). Run this command again.";
            }
        }
        // Spring wraps the real reason in layers of bean-creation messages: the deepest message is the one to act on
        String message = e.toString();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return Masking.value(message);
    }
}
