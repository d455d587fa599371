package org.lujing.console;

import java.util.Locale;
import java.util.Set;
import org.lujing.operations.JobControl;

/**
 * What an admin may do to one execution, as the page ({@code POST /jobs/{id}/{action}}) and the API
 * ({@code POST /api/jobs/{id}/{action}}) both name it in their URLs, with the statuses it applies to.
 */
enum JobAction {
    RESTART("restarted", "重新运行", JobControl.RESTARTS, "JOB_RESTART"),
    STOP("stopped", "停止", JobControl.STOPS, "JOB_STOP"),
    ABANDON("abandoned", "放弃", JobControl.ABANDONS, "JOB_ABANDON");

    final String verb;
    final String zh;
    final Set<String> appliesTo;
    final String auditAction;

    JobAction(String verb, String zh, Set<String> appliesTo, String auditAction) {
        this.verb = verb;
        this.zh = zh;
        this.appliesTo = appliesTo;
        this.auditAction = auditAction;
    }

    /** The URL's word ({@code restart}, {@code stop}, {@code abandon}); anything else is not found. */
    static JobAction of(String word) {
        for (JobAction a : values()) {
            if (a.word().equals(word)) {
                return a;
            }
        }
        throw NotFoundException.action(word);
    }

    /** The word in URLs and in the API's answer. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
