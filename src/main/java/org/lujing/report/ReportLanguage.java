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
        throw new IllegalArgumentException("not a report language: '" + lang + "'; use zh or en");
    }

    public static ReportLanguage of(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? EN : ZH;
    }

    String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }

    String category(Category c) {
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
    String rule(String code) {
        String name = code == null
                ? null
                : switch (code) {
                    case "UNMATCHED_SUBJECT" -> pick("人员不在名册", "Person not on the roster");
                    case "OUTSIDE_SUPERVISION" -> pick("矫正期外的活动", "Activity outside supervision");
                    case "MISSING_FEED" -> pick("数据未按期报送", "Delivery missing");
                    case "CONTROL_TOTAL_MISMATCH" -> pick("合计数与明细不符", "Control total mismatch");
                    case "CROSS_SOURCE_CONFLICT" -> pick("多来源数据不一致", "Sources disagree");
                    case "NO_RECENT_SUPPORT" -> pick("近期无帮扶记录", "No recent support");
                    default -> null;
                };
        return name == null ? nullToEmpty(code) : name + pick("（", " (") + code + pick("）", ")");
    }

    /** A finding's severity ({@code HIGH}, {@code MEDIUM}). */
    String severity(String code) {
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
    String findingStatus(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "OPEN" -> pick("待处理", "Open");
                    case "ACKNOWLEDGED" -> pick("已知悉", "Acknowledged");
                    case "RESOLVED" -> pick("已解决", "Resolved");
                    default -> null;
                });
    }

    /** A rejected row's status: still to fix ({@code OPEN}) or fixed by a retry ({@code RESOLVED}). */
    String rejectStatus(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "OPEN" -> pick("待修正", "To fix");
                    case "RESOLVED" -> pick("已修正", "Fixed");
                    default -> null;
                });
    }

    /** What became of a received file, in domain.md's words ({@code LOADED}, {@code FILE_CORRUPT}, ...). */
    String fileOutcome(String code) {
        return label(
                code,
                switch (nullToEmpty(code)) {
                    case "IN_PROGRESS" -> pick("处理中", "In progress");
                    case "LOADED" -> pick("已载入", "Loaded");
                    case "LOADED_WITH_REJECTS" -> pick("已载入，部分行拒收", "Loaded, some rows rejected");
                    case "DUPLICATE_FILE" -> pick("重复文件，未重复计入", "Duplicate file, not counted again");
                    case "FILE_CORRUPT" -> pick("文件损坏，已隔离", "Corrupt, quarantined");
                    case "FILE_ENCRYPTED" -> pick("文件加密，已隔离", "Encrypted, quarantined");
                    case "FILE_UNSAFE" -> pick("文件不安全，已隔离", "Unsafe, quarantined");
                    case "FILE_TOO_LARGE" -> pick("文件过大，已隔离", "Too large, quarantined");
                    case "FILE_UNSUPPORTED" -> pick("格式不支持，已隔离", "Unsupported format, quarantined");
                    case "NO_TABLE_FOUND" -> pick("未找到表格，已隔离", "No table found, quarantined");
                    default -> null;
                });
    }

    private static String label(String code, String label) {
        return label != null ? label : nullToEmpty(code);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
