package org.lujing.ledger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The support-record taxonomy of domain.md, with its counting unit, counting rule and default words. */
public enum Category {
    ASSESSMENT("调查评估", "件", CountingRule.RECORDS, "调查评估", "协助调查评估", "社会调查评估"),

    // The pilot report counts correction groups per person under correction, not per meeting.
    CORRECTION_GROUP("矫正小组", "个", CountingRule.SUBJECTS, "矫正小组", "参加矫正小组"),

    CORRECTION_PLAN("矫正方案", "个", CountingRule.RECORDS, "矫正方案", "个案矫正方案"),

    KEY_SUPPORT_PLAN("重点帮扶方案", "个", CountingRule.RECORDS, "重点帮扶方案", "重点帮扶"),

    STRUCTURED_INTERVIEW("结构式访谈", "人次", CountingRule.RECORDS, "结构式访谈", "访谈"),

    PSYCH_ASSESSMENT("心理测量与评估", "人次", CountingRule.RECORDS, "心理测量", "心理测评", "心理评估", "心理测量与评估"),

    PSYCH_COUNSELLING("心理疏导", "人次", CountingRule.RECORDS, "心理疏导", "心理咨询", "个体咨询"),

    GROUP_COUNSELLING("团体辅导", "人次", CountingRule.RECORDS, "团体辅导", "团辅", "团辅活动", "团体心理辅导"),

    LEGAL_EDUCATION("普法活动", "人次", CountingRule.RECORDS, "普法活动", "普法", "趣味普法", "法治教育"),

    PUBLIC_WELFARE("公益活动", "人次", CountingRule.RECORDS, "公益活动", "社区公益", "志愿服务"),

    EDUCATION_SUPPORT("教育帮扶", "人次", CountingRule.RECORDS, "教育帮扶", "帮扶教育"),

    // Counted in lessons (堂); person-times are a secondary figure computed from RECORDS.
    MICRO_LESSON("每周一微课", "堂", CountingRule.EVENTS, "微课", "每周一微课", "在线微课"),

    GOOD_DEED("周行一善打卡", "人次", CountingRule.RECORDS, "周行一善", "周行一善打卡", "打卡"),

    HOME_VISIT("实地走访", "人次", CountingRule.RECORDS, "实地走访", "走访", "家访"),

    // Counted in fairs (次); person-times are a secondary figure computed from RECORDS.
    JOB_FAIR("招聘会", "次", CountingRule.EVENTS, "招聘会", "专场招聘会", "春风送岗"),

    VOCATIONAL_TRAINING("职业技能培训", "人次", CountingRule.RECORDS, "职业技能培训", "技能培训"),

    EMPLOYMENT("就业安置", "名", CountingRule.SUBJECTS, "就业", "入职", "就业安置", "帮助就业"),

    HARDSHIP_RELIEF("帮助摆脱困境", "人次", CountingRule.RECORDS, "帮助摆脱困境", "困难帮扶", "摆脱困境"),

    MATERIALS("发放普法读物", "册", CountingRule.QUANTITY, "发放普法读物", "发放读物", "发放《图解社区矫正法》");

    private final String zh;

    private final String unit;

    private final CountingRule countingRule;

    private final List<String> defaultWords;

    Category(String zh, String unit, CountingRule countingRule, String... defaultWords) {
        this.zh = zh;
        this.unit = unit;
        this.countingRule = countingRule;
        this.defaultWords = List.of(defaultWords);
    }

    public String zh() {
        return this.zh;
    }

    public String unit() {
        return this.unit;
    }

    public CountingRule countingRule() {
        return this.countingRule;
    }

    /** The words every source understands for this category, as domain.md lists them. */
    public List<String> defaultWords() {
        return this.defaultWords;
    }

    /** The category for a code such as {@code PUBLIC_WELFARE}; case and surrounding spaces are ignored. */
    public static Optional<Category> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toUpperCase(Locale.ROOT);
        for (Category category : values()) {
            if (category.name().equals(wanted)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
