package org.lujing.normalise;

/** Why a partner's row was rejected, with advice the partner can act on. */
public enum ReasonCode {
    MISSING_FIELD("必填项为空，请补填后重新提交 / A required field is empty: fill it in and send the file again"),

    ID_INVALID("身份证号格式或出生日期不正确，应为18位（最后一位可为X），请核对原始证件 / "
            + "The ID number is malformed or its birth date is impossible: it must have 18 characters "
            + "(the last may be X); check it against the ID card"),

    ID_CHECKSUM("身份证号校验位不符，请核对原始证件 / The ID number's check digit is wrong: check it against the ID card"),

    ID_PRECISION_LOST("身份证号被Excel存成了数字，末几位已丢失；请把该列设为“文本”格式后重新录入 / "
            + "Excel stored the ID number as a number and lost its last digits: format the column as Text "
            + "and type the numbers again"),

    DATE_INVALID(
            "日期无法识别或不存在，请使用如2025-03-07的格式 / " + "The date cannot be read or does not exist: write it like 2025-03-07"),

    DATE_AMBIGUOUS("日期无法判断是日/月还是月/日，请使用如2025-03-07的格式，或由管理员为该来源声明日期格式 / "
            + "The date could be day-first or month-first: write it like 2025-03-07, "
            + "or ask the admin to declare this source's date pattern"),

    UNKNOWN_CATEGORY("活动类型不在词表中，请改用标准名称，或请管理员扩充该来源的词表后重新运行 / "
            + "The activity type is not in the vocabulary: use a standard name, or ask the admin "
            + "to extend this source's vocabulary and re-run"),

    VALUE_INVALID("取值不正确（如手机号须为11位、数量须为数字），请更正 / "
            + "The value is not valid (a phone needs 11 digits, a quantity must be a number): correct it");

    private final String advice;

    ReasonCode(String advice) {
        this.advice = advice;
    }

    /** What the partner should fix, in Chinese then English. */
    public String advice() {
        return this.advice;
    }
}
