package org.lujing.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormaliserTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13812345678",
                " 138 1234 5678 ",
                "138-1234-5678",
                "+86 138 1234 5678",
                "+86-13812345678",
                "(+86)13812345678",
                "008613812345678",
                "8613812345678",
                "１３８１２３４５６７８",
                "＋８６　１３８１２３４５６７８"
            })
    void readsMobilesWrittenAsText(String raw) {
        assertThat(PhoneNormaliser.normalise(raw, CellKind.TEXT).value()).isEqualTo("13812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "1.3812345678E10", "13812345678.0"})
    void readsMobilesStoredAsNumbers(String number) {
        assertThat(PhoneNormaliser.normalise(number, CellKind.NUMBER).value()).isEqualTo("13812345678");
    }

    @Test
    void treatsBlankAsAbsent() {
        assertThat(PhoneNormaliser.normalise(" ", CellKind.TEXT).isOk()).isTrue();
        assertThat(PhoneNormaliser.normalise(" ", CellKind.TEXT).value()).isNull();
        assertThat(PhoneNormaliser.normalise(null, CellKind.BLANK).value()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0731-88881234",
                "1381234567",
                "138123456789",
                "23812345678",
                "138abc45678",
                "13812345678/13912345678"
            })
    void rejectsWhatIsNotAMobile(String raw) {
        Normalised<String> result = PhoneNormaliser.normalise(raw, CellKind.TEXT);

        assertThat(result).isInstanceOf(Normalised.Rejected.class);
        Normalised.Rejected<String> rejected = (Normalised.Rejected<String>) result;
        assertThat(rejected.code()).isEqualTo(ReasonCode.VALUE_INVALID);
        assertThat(rejected.message()).doesNotContain("12345678").doesNotContain("88881234");
    }
}
