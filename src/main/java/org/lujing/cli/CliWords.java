package org.lujing.cli;

import org.lujing.report.ReportLanguage;
import org.lujing.report.TextTable;

/**
 * The command line's human output in words, Chinese unless {@code LUJING_LANG=en} or an English locale: outcomes, job names and
 * statuses, rules, severities, audit actions and reject reasons read as words with the code beside them in brackets
 * for admins and scripts that grep; {@code --json} keeps the bare codes.
 */
final class CliWords {

    private CliWords() {}

    static ReportLanguage lang() {
        return lang(System.getenv());
    }

    /**
     * {@code LUJING_LANG} (zh or en) when set; else the locale ({@code LC_ALL}, then {@code LC_MESSAGES}, then
     * {@code LANG}): English for an {@code en} locale, Chinese for anything else, including none or {@code C}.
     */
    static ReportLanguage lang(java.util.Map<String, String> env) {
        return ReportLanguage.ofEnvironment(env);
    }

    /**
     * A table whose headers are written {@code 来源 source}: each header in the operator's language, the Chinese
     * before the first space that starts the English, the English after it; a header written in one language stays.
     */
    static TextTable table(String... headers) {
        ReportLanguage lang = lang();
        String[] shown = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            shown[i] = header(headers[i], lang);
        }
        return new TextTable(shown);
    }

    static String header(String header, ReportLanguage lang) {
        for (int at = header.indexOf(' '); at > 0; at = header.indexOf(' ', at + 1)) {
            String before = header.substring(0, at);
            String after = header.substring(at + 1);
            if (before.chars().anyMatch(c -> c > 0x7f)
                    && !after.isEmpty()
                    && after.chars().allMatch(c -> c < 0x80)) {
                return lang.pick(before, after);
            }
        }
        return header;
    }

    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A moment in a table, to the second ({@code --json} keeps the stored precision); empty when there is none. */
    static String time(java.sql.Timestamp t) {
        return t == null ? "" : t.toLocalDateTime().format(SECONDS);
    }

    /** {@code 已载入（LOADED）}: the word, then the code; the code alone when there is no word for it. */
    static String coded(String word, String code) {
        if (code == null || code.isBlank()) {
            return word == null ? "" : word;
        }
        if (word == null || word.isBlank() || word.equals(code)) {
            return code;
        }
        return lang() == ReportLanguage.ZH ? word + "（" + code + "）" : word + " (" + code + ")";
    }

    static String outcome(String code) {
        return coded(
                "FAILED".equals(code) ? lang().pick("未能入库", "Could not be ingested") : lang().fileOutcome(code), code);
    }

    static String job(String code) {
        return coded(lang().jobName(code), code);
    }

    static String jobStatus(String code) {
        return coded(lang().jobStatus(code), code);
    }

    static String rule(String code) {
        return coded(lang().ruleName(code), code);
    }

    static String severity(String code) {
        return coded(lang().severity(code), code);
    }

    static String findingStatus(String code) {
        return coded(lang().findingStatus(code), code);
    }

    static String audit(String code) {
        return coded(lang().auditAction(code), code);
    }

    static String reason(String code) {
        return coded(lang().reason(code), code);
    }

    static String text(String text) {
        return lang().oneLanguage(text);
    }

    /** A finding's details in the chosen language; an old English-only one said again in Chinese from its rule. */
    static String details(String rule, String details) {
        return org.lujing.reconcile.FindingDetails.render(rule, details, lang() == ReportLanguage.ZH);
    }

    /** An audit entry's target or details in the chosen language. */
    static String auditText(String text) {
        ReportLanguage lang = lang();
        return org.lujing.audit.AuditText.render(text, lang == ReportLanguage.ZH, lang::jobName);
    }
}
