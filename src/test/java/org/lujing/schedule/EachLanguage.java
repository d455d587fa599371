package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.lujing.ledger.Bilingual;

/** A failed step's message: each language's half carries the cause's half in that language, and only that one. */
final class EachLanguage {

    private EachLanguage() {}

    static void carriesItsHalf(Throwable failure, String chinese, String english) {
        assertThat(Bilingual.half(failure.getMessage(), false))
                .contains(chinese)
                .doesNotContain(english);
        assertThat(Bilingual.half(failure.getMessage(), true)).contains(english).doesNotContain(chinese);
    }
}
