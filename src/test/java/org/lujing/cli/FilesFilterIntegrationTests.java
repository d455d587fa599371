package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code files --source S --outcome O}: one partner's files, or the files of one outcome, as the console's files page
 * filters them — by the source's id or its agency's name, by the outcome's code or its words — without reading the
 * whole history through; a mistyped filter is refused, not answered with an empty list.
 */
class FilesFilterIntegrationTests {

    @TempDir
    static Path home;

    @BeforeAll
    static void twoPartnersFiles() throws Exception {
        Path in = Files.createDirectories(home.resolve("in"));
        Path ledger = Files.writeString(
                in.resolve("三月台账.csv"), "日期,姓名,身份证号,活动类型,合作单位\n2025-03-01,周五,430104198001010014,义务劳动,湖南工商大学\n");
        Path notes = Files.writeString(in.resolve("填表说明.csv"), "这是一份说明，不是台账\n");
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", ledger.toString())
                        .exit())
                .isZero();
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "university", notes.toString())
                        .exit())
                .isEqualTo(3);
    }

    private static CapturedRun files(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("files"));
        all.addAll(java.util.List.of(args));
        all.addAll(java.util.List.of("--home", home.toString()));
        return CapturedRun.of(all.toArray(String[]::new));
    }

    @Test
    void bySourceIdOrAgencyNameAndByOutcomeCodeOrWords() {
        CapturedRun community = files("--source", "community");
        CapturedRun university = files("--source", "湖南工商大学");
        CapturedRun noTable = files("--outcome", "未找到表格，已隔离");

        assertThat(community.exit()).as(community.err()).isZero();
        assertThat(community.out()).contains("三月台账.csv").doesNotContain("填表说明.csv");
        assertThat(university.out()).contains("填表说明.csv").doesNotContain("三月台账.csv");
        assertThat(noTable.out()).contains("填表说明.csv").doesNotContain("三月台账.csv");
        assertThat(files("--source", "community", "--outcome", "file_corrupt").out())
                .contains("没有符合条件的文件。");
    }

    @Test
    void theJsonHoldsTheMatchingFilesOnly() {
        CapturedRun json = files("--outcome", "NO_TABLE_FOUND", "--json");

        assertThat(json.exit()).as(json.err()).isZero();
        var array = JsonMapper.builder().build().readTree(json.out());
        assertThat(array.size()).isEqualTo(1);
        assertThat(array.get(0).get("name").asString()).isEqualTo("填表说明.csv");
    }

    @Test
    void aMistypedFilterIsRefusedWithWhatThereIs() {
        CapturedRun outcome = files("--outcome", "损坏");
        CapturedRun source = files("--source", "hopsital");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("没有结果“损坏”").contains("文件损坏，已隔离（FILE_CORRUPT）");
        assertThat(source.exit()).isEqualTo(2);
        assertThat(source.err()).contains("没有来源“hopsital”").contains("（hospital）");
    }
}
