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
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : root.toString();
        return Masking.value(message);
    }
}
