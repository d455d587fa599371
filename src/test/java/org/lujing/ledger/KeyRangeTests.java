package org.lujing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges of person keys: as many as parts of the count, never more than the prefixes, covering every key once. */
class KeyRangeTests {

    @Test
    void oneRangeHoldsEveryKeyUntilThereIsMoreThanAPart() {
        assertThat(KeyRange.split(0, 20_000)).containsExactly(KeyRange.ALL);
        assertThat(KeyRange.split(20_000, 20_000)).containsExactly(KeyRange.ALL);
        assertThat(KeyRange.ALL.condition("k")).isEmpty();
        assertThat(KeyRange.ALL.params()).isEmpty();
    }

    @Test
    void theRangesFollowOneAnotherFromNoLowerBoundToNoUpperOne() {
        for (long count : new long[] {20_001, 100_000, 5_120_000, 1_000_000_000}) {
            List<KeyRange> ranges = KeyRange.split(count, 20_000);
            assertThat(ranges).hasSize((int) Math.min(KeyRange.PREFIXES, (count + 19_999) / 20_000));
            assertThat(ranges.get(0).from()).isNull();
            assertThat(ranges.get(ranges.size() - 1).to()).isNull();
            for (int i = 1; i < ranges.size(); i++) {
                assertThat(ranges.get(i).from())
                        .isEqualTo(ranges.get(i - 1).to())
                        .matches("[0-9a-f]{2}");
                if (i > 1) {
                    assertThat(ranges.get(i).from())
                            .isGreaterThan(ranges.get(i - 1).from());
                }
            }
        }
    }

    @Test
    void aRangeIsWrittenAsConditionsWithTheirParametersInOrder() {
        List<KeyRange> three = KeyRange.split(60_000, 20_000);

        assertThat(three).containsExactly(new KeyRange(null, "55"), new KeyRange("55", "aa"), new KeyRange("aa", null));
        assertThat(three.get(0).condition("r.subject_key")).isEqualTo("r.subject_key < ? AND ");
        assertThat(three.get(1).condition("r.subject_key")).isEqualTo("r.subject_key >= ? AND r.subject_key < ? AND ");
        assertThat(three.get(1).params()).containsExactly("55", "aa");
        assertThat(three.get(2).condition("k")).isEqualTo("k >= ? AND ");
        assertThat(three.get(2).params()).containsExactly("aa");
    }
}
