package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tying keys to persons reads a chunk of persons with their records at once: bounded in persons and in records. */
class AssignChunksTests {

    @Test
    void aChunkEndsAtItsPersonsOrItsRecordsAndNeverSplitsAPerson() {
        List<Long> persons = List.of(1L, 2L, 3L, 4L, 5L, 6L);
        Map<Long, Long> records = Map.of(1L, 8L, 2L, 8L, 3L, 30L, 4L, 1L, 5L, 1L);

        // at most three persons and ten records: person 3 (30 records) alone, 6 has none yet
        assertThat(IdentityMatcher.chunks(persons, records, 3, 10))
                .containsExactly(List.of(1L), List.of(2L), List.of(3L), List.of(4L, 5L, 6L));
        // with room for them all, the persons' limit cuts
        assertThat(IdentityMatcher.chunks(persons, records, 4, 1_000))
                .containsExactly(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L));
        assertThat(IdentityMatcher.chunks(List.of(), records, 4, 1_000)).isEmpty();
    }
}
