package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refusal written 中文 / English reads as one kept in both languages, each reader seeing their own half. */
class BilingualTests {

    @Test
    void theFirstSlashAfterChineseIsTheSeparator() {
        String kept = Bilingual.fromSlashed("cut.csv 无法按 CSV 解析 / cut.csv cannot be parsed as CSV: a / b");

        assertThat(kept).isEqualTo("cut.csv 无法按 CSV 解析 ‖ cut.csv cannot be parsed as CSV: a / b");
        assertThat(Bilingual.half(kept, false)).isEqualTo("cut.csv 无法按 CSV 解析");
        assertThat(Bilingual.half(kept, true)).isEqualTo("cut.csv cannot be parsed as CSV: a / b");
        // already in both languages, or no Chinese before the slash: as it is
        assertThat(Bilingual.fromSlashed("中文 ‖ English / more")).isEqualTo("中文 ‖ English / more");
        assertThat(Bilingual.fromSlashed("a / b 中文")).isEqualTo("a / b 中文");
        assertThat(Bilingual.fromSlashed(null)).isNull();
    }
}
