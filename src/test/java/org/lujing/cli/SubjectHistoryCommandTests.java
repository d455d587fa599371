package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code subjects --history} in the worker's words: the roster's column names with the code beside them, a phone's
 * change as words (the number is never kept in the history), times to the second; {@code --json} keeps the codes.
 * It printed {@code correctionType}, {@code (changed)} and microseconds, and ignored {@code --json}.
 */
class SubjectHistoryCommandTests {

    @Test
    void aPersonsRosterChangesAreSaidInWordsAndTheirCodesStayInJson() throws Exception {
        // given a roster, then a later one changing 赵一's phone and correction type
        Path home = org.lujing.TestHomes.fresh("cli-subject-history");
        Path first = Files.writeString(
                home.resolveSibling("cli-subject-history-roster-1.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一,430104198001010014,13800000001,缓刑,2025-01-01,2025-12-31\n");
        Path second = Files.writeString(
                home.resolveSibling("cli-subject-history-roster-2.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一,430104198001010014,13800000009,管制,2025-01-01,2025-12-31\n");
        assertThat(CapturedRun.of("ingest", "--source", "roster", "--home", home.toString(), first.toString())
                        .exit())
                .isZero();
        assertThat(CapturedRun.of("ingest", "--source", "roster", "--home", home.toString(), second.toString())
                        .exit())
                .isZero();

        // the number as subjects shows it, with its #
        CapturedRun text = CapturedRun.of("subjects", "--history", "#1", "--home", home.toString());
        CapturedRun json = CapturedRun.of("subjects", "--history", "1", "--json", "--home", home.toString());

        assertThat(text.exit()).isZero();
        assertThat(text.out())
                .contains("矫正类别（correctionType）", "缓刑", "管制", "联系电话（phone）", "（已登记）", "（已更改）")
                .doesNotContain("(changed)", "(set)", "13800000009")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
        // the roster file each change came from, by its name
        assertThat(text.out()).contains("cli-subject-history-roster-2.csv").startsWith("#1 赵一 的名册变更：");
        assertThat(json.exit()).isZero();
        assertThat(json.out().strip())
                .startsWith("[")
                .contains("\"field\" : \"correctionType\"", "\"newValue\" : \"管制\"")
                .contains("\"fileName\" : \"cli-subject-history-roster-2.csv\"")
                // a time in UTC, as every JSON output gives it
                .containsPattern("\"changedAt\" : \"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\"");
    }
}
