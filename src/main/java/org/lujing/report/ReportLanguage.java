package org.lujing.report;

import java.util.Locale;
import org.lujing.ledger.Category;

/** The language a report is written in: Chinese by default, English on request; holds the report's words. */
public enum ReportLanguage {

    ZH, EN;

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
        return this == ZH ? c.zh() : switch (c) {
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
        return this == ZH ? c.unit() : switch (c.unit()) {
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
}
