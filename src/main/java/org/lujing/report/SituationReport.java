package org.lujing.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;

/**
 * The one-paragraph summary in the style of the situation report ("全年协助调查评估12件、组织公益活动46人次……"),
 * generated from the figures: categories with a zero figure are left out.
 */
public final class SituationReport {

    /** One phrase: its clause (phrases of a clause are joined with 、), verb and object, in the report's order. */
    private record Phrase(Category category, int clause, String verb, String object, String en) {}

    // The order and wording of the pilot's situation report (sample-data/README.md), not the taxonomy's order.
    private static final List<Phrase> PHRASES = List.of(
            new Phrase(Category.ASSESSMENT, 1, "协助", "调查评估", "assisted %s investigation assessments"),
            new Phrase(Category.CORRECTION_GROUP, 2, "建立", "矫正小组", "set up %s correction groups"),
            new Phrase(Category.CORRECTION_PLAN, 3, "制定", "矫正方案", "drew up %s correction plans"),
            new Phrase(Category.KEY_SUPPORT_PLAN, 3, "制定", "重点帮扶方案", "drew up %s key support plans"),
            new Phrase(Category.STRUCTURED_INTERVIEW, 4, "开展", "结构式访谈", "held structured interviews (%s person-times)"),
            new Phrase(
                    Category.PSYCH_ASSESSMENT, 4, "开展", "心理测量与评估", "ran psychological assessments (%s person-times)"),
            new Phrase(Category.PSYCH_COUNSELLING, 4, "开展", "心理疏导", "gave psychological counselling (%s person-times)"),
            new Phrase(Category.GROUP_COUNSELLING, 4, "开展", "团体辅导", "ran group counselling (%s person-times)"),
            new Phrase(Category.HOME_VISIT, 4, "开展", "实地走访", "made home visits (%s person-times)"),
            new Phrase(
                    Category.PUBLIC_WELFARE, 5, "组织", "公益活动", "organised public welfare activities (%s person-times)"),
            new Phrase(Category.LEGAL_EDUCATION, 5, "组织", "普法活动", "legal education (%s person-times)"),
            new Phrase(Category.EDUCATION_SUPPORT, 5, "组织", "教育帮扶", "education support (%s person-times)"),
            new Phrase(Category.GOOD_DEED, 5, "组织", "周行一善打卡", "weekly good deeds (%s person-times)"),
            // the category, not one title: 《民法典》 booklets handed out are counted here as well
            new Phrase(Category.MATERIALS, 6, "发放", "普法读物", "handed out %s copies of legal reading material"),
            new Phrase(Category.HARDSHIP_RELIEF, 7, "帮助", "摆脱困境", "helped people out of hardship (%s person-times)"),
            new Phrase(Category.JOB_FAIR, 8, "组织", "招聘会", "organised %s job fairs"),
            new Phrase(Category.VOCATIONAL_TRAINING, 8, "开展", "职业技能培训", "vocational training (%s person-times)"),
            new Phrase(Category.EMPLOYMENT, 8, "帮助", "就业", "helped %s persons into work"),
            new Phrase(Category.MICRO_LESSON, 9, "开展", "每周一微课", "gave %s weekly micro-lessons"));

    private SituationReport() {}

    public static String write(Statistics s, ReportLanguage lang) {
        return lang == ReportLanguage.EN ? english(s) : chinese(s);
    }

    static String chinese(Statistics s) {
        StringBuilder out = new StringBuilder(prefix(s.period(), ReportLanguage.ZH));
        int clause = 0;
        String verb = null;
        boolean any = false;
        for (Phrase p : PHRASES) {
            BigDecimal v = s.figures(p.category()).value(p.category());
            if (v.signum() == 0) {
                continue;
            }
            if (any) {
                out.append(p.clause() == clause ? "、" : "，");
            }
            // within a clause a repeated verb is said once: 制定矫正方案12个、重点帮扶方案4个
            if (!(p.clause() == clause && p.verb().equals(verb))) {
                out.append(p.verb());
            }
            out.append(p.object())
                    .append(StatisticsFormatter.plain(v))
                    .append(p.category().unit());
            clause = p.clause();
            verb = p.verb();
            any = true;
        }
        if (!any) {
            out.append("暂无计入统计的帮扶记录");
        }
        if (s.partnerUnits() > 0) {
            out.append("，").append(s.partnerUnits()).append("家合作单位参与");
        }
        return out.append("。").toString();
    }

    /** The nouns the English phrases count, plural to singular: "1 person-time", not "1 person-times". */
    private static final java.util.Map<String, String> SINGULAR = java.util.Map.of(
            "person-times", "person-time",
            "assessments", "assessment",
            "groups", "group",
            "plans", "plan",
            "copies", "copy",
            "fairs", "fair",
            "persons", "person",
            "micro-lessons", "micro-lesson");

    static String singular(String phrase) {
        String out = phrase;
        for (var e : SINGULAR.entrySet()) {
            out = out.replaceAll(
                    "(?<![\\w-])" + java.util.regex.Pattern.quote(e.getKey()) + "(?![\\w-])", e.getValue());
        }
        return out;
    }

    static String english(Statistics s) {
        List<String> parts = new ArrayList<>();
        for (Phrase p : PHRASES) {
            BigDecimal v = s.figures(p.category()).value(p.category());
            if (v.signum() != 0) {
                String phrase = p.en().formatted(StatisticsFormatter.plain(v));
                parts.add(v.compareTo(BigDecimal.ONE) == 0 ? singular(phrase) : phrase);
            }
        }
        StringBuilder out = new StringBuilder(prefix(s.period(), ReportLanguage.EN)).append(" we ");
        if (parts.isEmpty()) {
            out.append("counted no support records");
        } else {
            out.append(String.join(", ", parts));
        }
        if (s.partnerUnits() > 0) {
            out.append("; ")
                    .append(s.partnerUnits())
                    .append(s.partnerUnits() == 1 ? " partner unit" : " partner units")
                    .append(" took part");
        }
        return out.append('.').toString();
    }

    /**
     * 全年 / 本季度 / 本月 for a whole year, quarter or month; 截至M月D日 for one cut short (the nightly year-to-date
     * figures are labelled with their year but end on the night); 期间 for any other span.
     */
    static String prefix(Period p, ReportLanguage lang) {
        String label = p.label();
        String whole = label.matches("\\d{4}")
                ? lang.pick("全年", "Over the year")
                : label.matches("\\d{4}-Q[1-4]")
                        ? lang.pick("本季度", "This quarter")
                        : label.matches("\\d{4}-\\d{2}") ? lang.pick("本月", "This month") : null;
        if (whole == null) {
            return lang.pick("期间", "Over the period");
        }
        return Period.parse(label).to().equals(p.to()) ? whole : cutShort(p, lang);
    }

    static String cutShort(Period p, ReportLanguage lang) {
        return lang.pick("截至" + p.to().getMonthValue() + "月" + p.to().getDayOfMonth() + "日", "Up to " + p.to());
    }
}
