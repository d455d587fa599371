package org.lujing.read;

import java.util.List;
import java.util.Optional;

/** The fields of a partner row, with the common header synonyms of domain.md (simplified forms; folding handles traditional). */
public enum Field {
    NAME("name", List.of("姓名", "名字", "对象姓名", "矫正对象")),
    ID_NUMBER("idNumber", List.of("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证")),
    DATE("date", List.of("日期", "活动日期", "服务日期", "时间", "活动时间")),
    CATEGORY("category", List.of("活动类型", "服务类型", "项目", "类别", "帮扶类型")),
    AGENCY("agency", List.of("合作单位", "服务单位", "承办单位", "单位")),
    ACTIVITY_NAME("activityName", List.of("活动名称", "活动内容", "课程名称", "课程")),
    PHONE("phone", List.of("联系电话", "电话", "手机", "手机号")),
    HOURS("hours", List.of("时长", "小时", "服务时长", "时长(小时)")),
    QUANTITY("quantity", List.of("数量", "册数")),
    OUTCOME("outcome", List.of("结果", "评估结果", "成效")),
    NOTES("notes", List.of("备注", "说明")),
    GENDER("gender", List.of("性别")),
    COMMUNITY("community", List.of("所属社区", "社区")),
    CORRECTION_TYPE("correctionType", List.of("矫正类别", "矫正类型")),
    SUPERVISION_START("supervisionStart", List.of("矫正起始日期", "矫正开始日期", "起始日期")),
    SUPERVISION_END("supervisionEnd", List.of("矫正终止日期", "矫正结束日期", "终止日期")),
    BIRTH_DATE("birthDate", List.of("出生日期", "出生年月日", "出生年月"));

    private final String key;
    private final List<String> headers;

    Field(String key, List<String> headers) {
        this.key = key;
        this.headers = headers;
    }

    /** The English field name used in JSON feeds and source definitions. */
    public String key() {
        return key;
    }

    public List<String> commonHeaders() {
        return headers;
    }

    public static Optional<Field> fromKey(String key) {
        for (Field f : values()) {
            if (f.key.equalsIgnoreCase(key) || f.name().equalsIgnoreCase(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
