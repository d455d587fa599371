package org.lujing.cli;

import java.sql.SQLException;
import org.lujing.identity.Masking;

/** Turns a failure into one sentence an operator can act on, instead of a stack trace. */
final class UserMessages {

    private UserMessages() {}

    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof SQLException && m.contains("lock")) {
                return "the database under LUJING_HOME is in use by another Lujing process (is `serve` running?). "
                        + "Stop it first, or drop the files into its inbox/ instead of running this command.";
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
