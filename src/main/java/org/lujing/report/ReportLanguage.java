package org.lujing.report;

import java.util.Locale;
import org.lujing.ledger.Category;

/** The language a report is written in: Chinese by default, English on request; holds the report's words. */
public enum ReportLanguage {
    ZH,
    EN;

    /** {@code zh}/{@code en} (or a locale tag such as {@code zh-CN}); null or blank means Chinese. */
    public static ReportLanguage parse(String lang) {
        if (lang == null || lang.isBlank()) {
            return ZH;
        }
        String l = lang.strip().toLowerCase(Locale.ROOT);
        if (l.equals("zh") || l.startsWith("zh-") || l.startsWith("zh_")) {
            return ZH;
        }
        if (l.equals("en") || l.startsWith("en-") || l.startsWith("en_")) {
            return EN;
        }
        throw new IllegalArgumentException("没有“" + lang + "”这种语言：可选 zh（中文）或 en（英文）" + BILINGUAL
                + "not a report language: '" + lang + "'; use zh or en");
    }

    /**
     * The operator's language on a terminal: {@code LUJING_LANG} (zh or en) when set; else the locale ({@code
     * LC_ALL}, then {@code LC_MESSAGES}, then {@code LANG}): English for an {@code en} locale, Chinese for anything
     * else, including none or {@code C}.
     */
    public static ReportLanguage ofEnvironment(java.util.Map<String, String> env) {
        return org.lujing.home.TerminalLanguage.english(env) ? EN : ZH;
    }

    public static ReportLanguage of(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? EN : ZH;
    }

    public String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }

    public String category(Category c) {
        return this == ZH
                ? c.zh()
                : switch (c) {
                    case ASSESSMENT -> "Investigation assessment";
                    case CORRECTION_GROUP -> "Correction group";
                    case CORRECTION_PLAN -> "Correction plan";
                    case KEY_SUPPORT_PLAN -> "Key support plan";
                    case STRUCTURED_INTERVIEW -> "Structured interview";
                    case PSYCH_ASSESSMENT -> "Psychological assessment";
                    case PSYCH_COUNSELLING -> "Psychological counselling";
                    case GROUP_COUNSELLING -> "Group counselling";
                    case LEGAL_EDUCATION -> "Legal education";
                    case PUBLIC_WELFARE -> "Public welfare activity";
                    case EDUCATION_SUPPORT -> "Education support";
                    case MICRO_LESSON -> "Weekly micro-lesson";
                    case GOOD_DEED -> "Weekly good deed";
                    case HOME_VISIT -> "Home visit";
                    case JOB_FAIR -> "Job fair";
                    case VOCATIONAL_TRAINING -> "Vocational training";
                    case EMPLOYMENT -> "Employment";
                    case HARDSHIP_RELIEF -> "Hardship relief";
                    case MATERIALS -> "Legal reading material handed out";
                };
    }

    String unit(Category c) {
        return this == ZH
                ? c.unit()
                : switch (c.unit()) {
                    case "件" -> "cases";
                    case "个" -> c == Category.CORRECTION_GROUP ? "groups" : "plans";
                    case "人次" -> "person-times";
                    case "堂" -> "lessons";
                    case "次" -> "events";
                    case "名" -> "persons";
                    case "册" -> "copies";
                    default -> c.unit();
                };
    }

    /**
     * A reconciliation rule's name followed by its code, {@code 未匹配人员（UNMATCHED_SUBJECT）}: people read the name,
     * and the code is what {@code findings --rule} and the README use. An unknown code is shown as it is.
     */
    public String rule(String code) {
        String name = org.lujing.reconcile.FindingWords.rule(code, this == ZH);
        return name == null ? nullToEmpty(code) : name + pick("（", " (") + code + pick("）", ")");
    }

    /** A finding's severity ({@code HIGH}, {@code MEDIUM}). */
    public String severity(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "HIGH" -> pick("高", "High");
                    case "MEDIUM" -> pick("中", "Medium");
                    case "LOW" -> pick("低", "Low");
                    default -> null;
                });
    }

    /** A finding's status ({@code OPEN}, {@code ACKNOWLEDGED}, {@code RESOLVED}). */
    public String findingStatus(String code) {
        org.lujing.reconcile.FindingStatus status = java.util.Arrays.stream(org.lujing.reconcile.FindingStatus.values())
                .filter(s -> s.name().equals(code))
                .findFirst()
                .orElse(null);
        return label(code, status == null ? null : org.lujing.reconcile.FindingWords.status(status, this == ZH));
    }

    /**
     * A rejected row's message in this language, with the source named in Chinese by its agency ({@code 不在来源
     * community 的词表中} → {@code 不在来源「麓景社区居委会」的词表中}): the message is stored with the source's id.
     */
    public String rejectMessage(String message, String sourceId, String agency) {
        String text = rejectMessage(message);
        if (this == ZH && sourceId != null && !sourceId.isBlank() && agency != null && !agency.isBlank()) {
            text = text.replace("来源 " + sourceId + " 的", "来源「" + agency + "」的");
        }
        return text;
    }

    /**
     * A rejected row's status: still to fix ({@code OPEN}), fixed by a retry ({@code RESOLVED}), closed by an
     * operator as handled otherwise ({@code CLOSED}: sent again corrected, or no record at all), or gone with its
     * file ({@code WITHDRAWN}: files withdraw).
     */
    public String rejectStatus(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "OPEN" -> pick("待修正", "To fix");
                    case "RESOLVED" -> pick("已修正", "Fixed");
                    case "CLOSED" -> pick("已关闭（另行处理）", "Closed (handled otherwise)");
                    case "WITHDRAWN" -> pick("已撤回（文件已撤回）", "Withdrawn (its file was withdrawn)");
                    default -> null;
                });
    }

    /** What became of a received file, in domain.md's words ({@code LOADED}, {@code FILE_CORRUPT}, ...). */
    public String fileOutcome(String code) {
        org.lujing.read.FileOutcome outcome;
        try {
            outcome = org.lujing.read.FileOutcome.valueOf(nullToEmpty(code));
        } catch (IllegalArgumentException e) {
            // a file no source took (a folder no source is named after, or the inbox itself): quarantined whole,
            // but no FileOutcome, since no source's file was read
            return org.lujing.ingest.FileIngestService.UNKNOWN_SOURCE.equals(code)
                    ? pick(
                            org.lujing.ingest.FileIngestService.UNKNOWN_SOURCE_ZH,
                            org.lujing.ingest.FileIngestService.UNKNOWN_SOURCE_EN)
                    : nullToEmpty(code);
        }
        return pick(outcome.zh(), outcome.en());
    }

    /** A rule's name alone, for a screen that keeps the code out of sight (in a tooltip). */
    public String ruleName(String code) {
        String full = rule(code);
        int open = full.lastIndexOf(pick("（", " ("));
        return open > 0 ? full.substring(0, open) : full;
    }

    /** How often a source delivers ({@code MONTHLY}, {@code WEEKLY}, {@code NONE}), in words. */
    public String cadence(String code) {
        String c = nullToEmpty(code);
        return switch (c) {
            case "MONTHLY" -> pick("每月（次月 5 日前）", "Monthly (by the 5th)");
            case "WEEKLY" -> pick("每周", "Weekly");
            case "NONE" -> pick("不定期", "No fixed cadence");
            default -> c;
        };
    }

    /** A job execution's or step's status, as Spring Batch names it. */
    public String jobStatus(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "COMPLETED" -> pick("已完成", "Completed");
                    case "STARTING" -> pick("正在启动", "Starting");
                    case "STARTED" -> pick("运行中", "Running");
                    case "STOPPING" -> pick("正在停止", "Stopping");
                    case "STOPPED" -> pick("已停止", "Stopped");
                    case "FAILED" -> pick("失败", "Failed");
                    case "ABANDONED" -> pick("已放弃", "Abandoned");
                    case "UNKNOWN" -> pick("未知", "Unknown");
                    case "NOOP" -> pick("无需处理", "Nothing to do");
                    case "EXECUTING" -> pick("执行中", "Executing");
                    default -> null;
                });
    }

    /** The statuses an execution can be listed by, in the order they are offered. */
    public static final java.util.List<String> JOB_STATUSES = java.util.List.of(
            "STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED", "STARTING", "STOPPING", "UNKNOWN");

    /**
     * The status code an operator typed a filter as: the code in any case, or its word in either language
     * ({@code 失败}, {@code failed}). Anything else is refused, listing the statuses: a mistyped filter once showed an
     * empty list, as if nothing had failed.
     */
    public static String jobStatusCode(String typed) {
        String wanted = typed.strip();
        for (String code : JOB_STATUSES) {
            if (code.equalsIgnoreCase(wanted)
                    || ZH.jobStatus(code).equals(wanted)
                    || EN.jobStatus(code).equalsIgnoreCase(wanted)) {
                return code;
            }
        }
        throw new IllegalArgumentException("没有状态“" + wanted + "”；状态有 "
                + String.join(
                        "、",
                        JOB_STATUSES.stream()
                                .map(c -> ZH.jobStatus(c) + " " + c)
                                .toList())
                + org.lujing.ledger.Bilingual.SEPARATOR + "there is no status \"" + wanted + "\"; the statuses are "
                + String.join(", ", JOB_STATUSES));
    }

    /** A job's name ({@code fileIngestJob}, ...) in words. */
    public String jobName(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "fileIngestJob" -> pick("文件入库", "File ingest");
                    case "nightlyStepJob" -> pick("夜间任务步骤", "Nightly step");
                    case "reconcileJob" -> pick("核查对账", "Reconciliation");
                    default -> null;
                });
    }

    /** A step's name ({@code stageRowsStep}, ...) in words. */
    public String stepName(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "inspectFileStep" -> pick("检查文件", "Inspect the file");
                    case "stageRowsStep" -> pick("读取并暂存各行", "Read and stage the rows");
                    case "publishRowsStep" -> pick("写入台账", "Publish into the ledger");
                    case "completeFileStep" -> pick("完成文件", "Complete the file");
                    case "loadRowsStep" -> pick("载入各行", "Load the rows");
                    case "runNightlyStep" -> pick("运行夜间步骤", "Run the nightly step");
                    case "reconcileStep" -> pick("核查对账", "Reconcile");
                    default -> null;
                });
    }

    /** What an audit entry records ({@code JOB_RESTART}, {@code LOGIN_FAILED}, ...). */
    public String auditAction(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "JOB_RESTART" -> pick("重新运行任务", "Restarted a job");
                    case "JOB_RESTART_ALL" -> pick("批量重新运行任务", "Restarted failed jobs");
                    case "JOB_STOP" -> pick("停止任务", "Stopped a job");
                    case "JOB_ABANDON" -> pick("放弃任务", "Abandoned a job");
                    case "KEYS_ROTATE" -> pick("轮换密钥", "Rotated the key");
                    case "KEYS_NEW_KEY_ISSUED" -> pick("生成新密钥", "Issued a new key");
                    case "LOGIN_FAILED" -> pick("登录失败", "Failed sign-in");
                    case "LOGIN_LOCKED" -> pick("登录已锁定", "Sign-in locked");
                    case "RERUN_REJECTS" -> pick("重新处理拒收行", "Retried rejected rows");
                    case "REJECTS_CLOSE" -> pick("关闭拒收行", "Closed rejected rows");
                    case "FILE_WITHDRAW" -> pick("撤回文件", "Withdrew a file");
                    case "SOURCES_RELOAD" -> pick("重新加载数据来源", "Reloaded the sources");
                    case "UPLOAD" -> pick("上传文件", "Uploaded a file");
                    case "VIEW_UNMASKED" -> pick("查看未脱敏身份证号", "Viewed unmasked ID numbers");
                    case "IDENTITY_LINK" -> pick("确认为同一人", "Linked records to a person");
                    case "IDENTITY_DIFFERENT" -> pick("确认不是同一人", "Marked records as not this person");
                    case "FINDING_ACK" -> pick("知悉核查发现", "Acknowledged a finding");
                    case "FINDING_RESOLVE" -> pick("解决核查发现", "Resolved a finding");
                    default -> null;
                });
    }

    /** How a record was (or would be) tied to its person: the method's name only, never the value matched on. */
    public String matchMethod(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "ID_NUMBER" -> pick("身份证号", "ID number");
            case "NAME_PHONE" -> pick("姓名+电话", "Name + phone");
            case "NAME_BIRTH_DATE" -> pick("姓名+出生日期", "Name + birth date");
            case "SCORED" -> pick("评分匹配", "Scored match");
            case "NAME_TYPED_ID" -> pick("姓名+有误的身份证号", "Name + damaged ID number");
            case "MANUAL" -> pick("人工关联", "Linked by hand");
            default -> code;
        };
    }

    /** A rejected row's reason code as a short name ({@code 日期无效}). */
    public String reasonName(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "MISSING_FIELD" -> pick("必填项为空", "Required field empty");
                    case "ID_INVALID" -> pick("身份证号无效", "ID number invalid");
                    case "ID_CHECKSUM" -> pick("身份证号校验位错误", "ID number check digit wrong");
                    case "ID_PRECISION_LOST" -> pick("身份证号被存成数字", "ID number stored as a number");
                    case "DATE_INVALID" -> pick("日期无效", "Date invalid");
                    case "DATE_AMBIGUOUS" -> pick("日期有歧义", "Date ambiguous");
                    case "UNKNOWN_CATEGORY" -> pick("活动类型不在词表中", "Activity type unknown");
                    case "VALUE_INVALID" -> pick("取值无效", "Value invalid");
                    default -> null;
                });
    }

    /**
     * A rejected row's message, stored as {@code 中文 / English} (the reason's advice) or as one sentence, in this
     * language only.
     */
    public String rejectMessage(String message) {
        if (message == null) {
            return "";
        }
        int slash = message.indexOf(" / ");
        if (slash < 0) {
            return wholeNumbers(message);
        }
        return wholeNumbers(this == ZH ? message.substring(0, slash) : message.substring(slash + 3));
    }

    /** A whole number a spreadsheet cell gave as a double: 43.0, -3.0 (not 2.5, not 1.05, not 2025.3.0). */
    private static final java.util.regex.Pattern WHOLE =
            java.util.regex.Pattern.compile("(?<![\\d.])(-?\\d+)\\.0(?![\\d.])");

    /**
     * {@code 43.0} → {@code 43} wherever a whole number shows with a trailing {@code .0} (a spreadsheet's number as a
     * reader kept it): in a rejected row's message and values, on every page, list and workbook alike.
     */
    public static String wholeNumbers(String text) {
        return text == null ? null : WHOLE.matcher(text).replaceAll("$1");
    }

    /** A rejected row's reason code in words, and what to do, in this language only. */
    public String reason(String code) {
        String both;
        try {
            both = org.lujing.normalise.ReasonCode.valueOf(code).advice();
        } catch (IllegalArgumentException | NullPointerException e) {
            return nullToEmpty(code);
        }
        int slash = both.indexOf(" / ");
        return slash < 0 ? both : this == ZH ? both.substring(0, slash) : both.substring(slash + 3);
    }

    /**
     * A text stored in both languages as {@code 中文 / English} (finding details, error messages) in this language
     * only; a text without the separator is shown as it is.
     */
    public String oneLanguage(String text) {
        return org.lujing.ledger.Bilingual.half(text, this == EN);
    }

    /** The separator between the Chinese and the English of a text stored in both. */
    public static final String BILINGUAL = org.lujing.ledger.Bilingual.SEPARATOR;

    private static String label(String code, String label) {
        return label != null ? label : nullToEmpty(code);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
