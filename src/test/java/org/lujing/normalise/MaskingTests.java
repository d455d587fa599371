package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {

    @Test
    void masksIdNumbersKeepingFirstFourAndLastTwo() {
        assertThat(Masking.idNumber("43010419900307123X")).isEqualTo("4301************3X");
        assertThat(Masking.idNumber("110105491231002")).isEqualTo("1101*********02");
        assertThat(Masking.idNumber("1234567")).isEqualTo("1234*67");
        assertThat(Masking.idNumber("123456")).isEqualTo("******");
        assertThat(Masking.idNumber("")).isEmpty();
        assertThat(Masking.idNumber(null)).isEmpty();
    }

    @Test
    void aFileNameIsMaskedAndCannotSplitALineOrSteerATerminal() {
        assertThat(Masking.fileName("line1\nline2\u001b[31mred\u202Efdp.csv")).isEqualTo("line1_line2_[31mred_fdp.csv");
        assertThat(Masking.fileName("名单-430104199003071237.xlsx")).isEqualTo("名单-4301************37.xlsx");
        assertThat(Masking.fileName("2025年3月 社区台账.xlsx")).isEqualTo("2025年3月 社区台账.xlsx");
    }

    @Test
    void masksPhonesKeepingFirstThreeAndLastTwo() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138******78");
        assertThat(Masking.phone("12345")).isEqualTo("*****");
        assertThat(Masking.phone(null)).isEmpty();
    }

    @Test
    void masksIdsAndMobilesInsideFreeText() {
        String notes = "本人身份证430104199003071237，电话13812345678，2025-03-07参加";

        assertThat(Masking.value(notes)).isEqualTo("本人身份证4301************37，电话138******78，2025-03-07参加");
    }

    @Test
    void masksIdsEndingInXAndSplitBySpacesOrHyphens() {
        assertThat(Masking.value("ID 11010519491231002x ok")).isEqualTo("ID 1101************2x ok");
        assertThat(Masking.value("110105 19491231 002X")).isEqualTo("1101************2X");
        assertThat(Masking.value("138-1234-5678")).isEqualTo("138******78");
        assertThat(Masking.value("+86 13812345678")).isEqualTo("+86138******78");
        assertThat(Masking.value("８６１３８１２３４５６７８")).doesNotContain("１２３４５");
    }

    @Test
    void masksLongNumbersInExponentForm() {
        assertThat(Masking.value("4.30104199003071E17")).doesNotContain("0104199003071");
        assertThat(Masking.value("1.3812345678E10")).doesNotContain("812345678");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(Masking.value("合计：25人次，时长1.5小时，2025/3/7，0731-88881234，编号12345678901234"))
                .isEqualTo("合计：25人次，时长1.5小时，2025/3/7，0731-88881234，编号12345678901234");
        assertThat(Masking.value(null)).isEmpty();
    }
}
