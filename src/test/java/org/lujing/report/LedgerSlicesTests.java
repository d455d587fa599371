package org.lujing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.report.LedgerSlices.KeyCount;

/** How the ledger is sliced for reading: whole persons, in order, within a record budget. */
class LedgerSlicesTests {

    @Test
    void personsArePackedInOrderWithinTheBudgetAndNeverSplit() {
        List<KeyCount> persons = List.of(
                new KeyCount(1L, 3),
                new KeyCount(2L, 4),
                new KeyCount(3L, 12),
                new KeyCount(4L, 1),
                new KeyCount(5L, 6),
                new KeyCount(6L, 2));

        List<List<Object>> slices = LedgerSlices.slices(persons, 7);

        // 3+4 fills the first; 12 is over the budget and goes alone; 1+6 fits; 2 is left
        assertThat(slices).containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L, 5L), List.of(6L));
    }

    @Test
    void aSliceHoldsAtMostChunkKeysPersons() {
        List<KeyCount> persons = new ArrayList<>();
        for (long i = 0; i < LedgerSlices.CHUNK_KEYS * 2L + 1; i++) {
            persons.add(new KeyCount(i, 1));
        }

        List<List<Object>> slices = LedgerSlices.slices(persons, Integer.MAX_VALUE);

        assertThat(slices).extracting(List::size).containsExactly(LedgerSlices.CHUNK_KEYS, LedgerSlices.CHUNK_KEYS, 1);
        assertThat(LedgerSlices.slices(List.of(), 10)).isEmpty();
    }

    @Test
    void peopleAreFiledByThePinyinOfTheirNamesSurnamesByTheirOwnReading() {
        List<String> names = List.of("张建国", "单田芳", "陈明", "解晓东", "区志强", "孙浩", "长孙无忌", "吴磊", "阿丽", "陈明");
        List<KeyCount> persons = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            persons.add(new KeyCount((long) i + 1, 1));
        }

        LedgerSlices.byName(persons, new ArrayList<>(names));

        // 单 as shàn (after 区 ōu, before 孙), 解 as xiè (after 吴), 长孙 as zhǎngsūn (zhang-jian before zhang-sun);
        // two of one name by their number
        assertThat(persons.stream()
                        .map(p -> names.get((int) (long) (Long) p.key() - 1))
                        .toList())
                .containsExactly("阿丽", "陈明", "陈明", "区志强", "单田芳", "孙浩", "吴磊", "解晓东", "张建国", "长孙无忌");
        assertThat(persons.get(1).key()).isEqualTo(3L);
        assertThat(persons.get(2).key()).isEqualTo(10L);
    }
}
