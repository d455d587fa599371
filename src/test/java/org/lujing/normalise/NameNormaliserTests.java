package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormaliserTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "张三|张三",
                " 张三 |张三",
                "张 三|张三",
                "张\u3000三|张三",
                "欧阳 小 明|欧阳小明",
                "张·三|张·三",
                "买买提 · 艾力|买买提·艾力",
                "买买提・艾力|买买提·艾力",
                "John  Smith|John Smith",
                " John\u00A0Smith |John Smith",
                "Ｊｏｈｎ　Ｓｍｉｔｈ|John Smith",
                "李 John|李John",
                "张三 （曾用名）|张三(曾用名)"
            })
    void normalisesNames(String raw, String expected) {
        assertThat(NameNormaliser.normalise(raw)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void keepsTraditionalCharactersAndTurnsNullIntoEmpty() {
        assertThat(NameNormaliser.normalise("陳 國強")).isEqualTo("陳國強");
        assertThat(NameNormaliser.normalise(null)).isEmpty();
    }
}
