package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFoldingTests {

    @ParameterizedTest
    @CsvSource({
        "身份證號碼, 身份证号码",
        "公民身份號碼, 公民身份号码",
        "證件號碼, 证件号码",
        "對象姓名, 对象姓名",
        "矯正對象, 矫正对象",
        "活動日期, 活动日期",
        "服務日期, 服务日期",
        "活動時間, 活动时间",
        "活動類型, 活动类型",
        "服務類型, 服务类型",
        "項目, 项目",
        "類別, 类别",
        "幫扶類型, 帮扶类型",
        "合作單位, 合作单位",
        "承辦單位, 承办单位",
        "活動名稱, 活动名称",
        "活動內容, 活动内容",
        "課程名稱, 课程名称",
        "聯繫電話, 联系电话",
        "手機號, 手机号",
        "服務時長, 服务时长",
        "數量, 数量",
        "冊數, 册数",
        "評估結果, 评估结果",
        "備註, 备注",
        "說明, 说明",
        "性別, 性别",
        "所屬社區, 所属社区",
        "矯正類別, 矫正类别",
        "矯正開始日期, 矫正开始日期",
        "矯正終止日期, 矫正终止日期",
        "矯正結束日期, 矫正结束日期",
        "合計, 合计",
        "總計, 总计",
        "小計, 小计",
        "審核人, 审核人",
        "填報單位, 填报单位",
        "填報日期, 填报日期"
    })
    void foldsTraditionalHeadersToSimplified(String traditional, String simplified) {
        assertThat(TextFolding.fold(traditional)).isEqualTo(simplified);
        assertThat(TextFolding.foldHeader(traditional)).isEqualTo(simplified);
    }

    @Test
    void foldsFullWidthAndRemovesAllWhitespace() {
        assertThat(TextFolding.fold("ＡＢＣ１２３（）：")).isEqualTo("ABC123():");
        assertThat(TextFolding.fold(" 身 份\u3000证\u00A0号\t\n")).isEqualTo("身份证号");
        assertThat(TextFolding.fold("\uFEFF姓名")).isEqualTo("姓名");
        assertThat(TextFolding.fold(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "時長（小時）：|时长",
                "时长(小时)|时长",
                "身份证号：|身份证号",
                "身份证号:|身份证号",
                "金额（元）|金额",
                "数量[个]|数量",
                "册数【册】|册数",
                "时长 （小时） ： |时长",
                "姓名 :: |姓名",
                "(备注)|(备注)"
            })
    void dropsTrailingColonsAndBracketedUnitsFromHeaders(String header, String expected) {
        assertThat(TextFolding.foldHeader(header)).isEqualTo(expected);
    }

    @Test
    void keepsColonsAndBracketsInsideAHeader() {
        assertThat(TextFolding.foldHeader("时长(小时)备注")).isEqualTo("时长(小时)备注");
    }

    @Test
    void tellsBlankText() {
        assertThat(TextFolding.isBlank(null)).isTrue();
        assertThat(TextFolding.isBlank(" \u3000\u00A0\t")).isTrue();
        assertThat(TextFolding.isBlank(" x ")).isFalse();
    }
}
