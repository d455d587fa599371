package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit log's actions read as words, in Chinese, for every action the program records. */
class AuditActionWordsTests {

    @Test
    void everyActionTheProgramRecordsHasItsWords() {
        // the actions written by audit.record(...) across the program; FILE_WITHDRAW read as its code before
        for (String action : java.util.List.of(
                "FILE_WITHDRAW",
                "JOB_RESTART",
                "JOB_RESTART_ALL",
                "JOB_STOP",
                "JOB_ABANDON",
                "KEYS_ROTATE",
                "KEYS_NEW_KEY_ISSUED",
                "LOGIN_FAILED",
                "LOGIN_LOCKED",
                "RERUN_REJECTS",
                "REJECTS_CLOSE",
                "SOURCES_RELOAD",
                "UPLOAD",
                "VIEW_UNMASKED",
                "IDENTITY_LINK",
                "IDENTITY_DIFFERENT",
                "FINDING_ACK",
                "FINDING_RESOLVE")) {
            assertThat(ReportLanguage.ZH.auditAction(action))
                    .as(action)
                    .doesNotContain(action)
                    .matches(".*[\\u4e00-\\u9fff].*");
        }
    }
}
