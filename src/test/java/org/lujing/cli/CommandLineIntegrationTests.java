package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.PilotTable;
import org.lujing.TestHomes;
import org.lujing.ledger.Category;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line is an interface scripts rely on: exit codes, and --json outputs that are JSON and nothing else.
 *
 * <p>Every test runs alone: the pilot year is ingested by the command into a home the first time a test asks for it
 * ({@link PilotHome}), and the tests only read that home afterwards (the one command that would write, a reconcile
 * dated tomorrow, is refused).
 */
class CommandLineIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The pilot year, ingested once by {@code lujing ingest sample-data}: built on first use, read-only after. */
    static final class PilotHome {
        static final Path HOME = TestHomes.fresh("cli");
        static final CapturedRun INGEST = run("ingest", "--home", HOME.toString(), "sample-data");
    }

    @Test
    void ingestTakesAFolderLaidOutLikeTheInbox() {
        // given / when the sample folder, laid out like the inbox, is ingested
        CapturedRun run = PilotHome.INGEST;

        // then
        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("roster/2025年社区矫正对象名册.xlsx: 已载入，部分行拒收（LOADED_WITH_REJECTS）")
                .contains("micro-lesson/2025年每周一微课.json: 已载入（LOADED） 读取 267");
        assertThat(Path.of("sample-data/roster/2025年社区矫正对象名册.xlsx")).exists();
    }

    @Test
    void statsJsonIsOneObjectInTheDocumentedShape() throws Exception {
        CapturedRun run = run("stats", "--home", PilotHome.HOME.toString(), "--period", "2025", "--json");

        assertThat(run.exit()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("period").asString()).isEqualTo("2025");
        assertThat(json.get("pendingRecords").asLong()).isEqualTo(4);
        assertThat(json.get("pendingSubjects").asLong()).isEqualTo(1);
        assertThat(json.get("partnerUnits").asLong()).isEqualTo(PilotTable.PARTNER_UNITS);
        for (Category c : Category.values()) {
            JsonNode figures = json.get("stats").get(c.name());
            assertThat(figures).as(c.name()).isNotNull();
            assertThat(figures.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly("records", "subjects", "events", "quantity", "value");
            assertThat(figures.get("value").asInt()).as(c.name()).isEqualTo(PilotTable.YEAR_2025.get(c));
        }
        assertThat(json.get("stats").get("MICRO_LESSON").get("records").asInt()).isEqualTo(267);
    }

    @Test
    void statsTableIsChineseWithUnits() {
        CapturedRun run = run("stats", "--home", PilotHome.HOME.toString(), "--period", "2025");

        assertThat(run.out())
                .containsPattern("调查评估\\s+12\\s+件")
                .containsPattern("公益活动\\s+46\\s+人次")
                .containsPattern("发放普法读物\\s+30\\s+册")
                .contains("合作单位：19 家")
                .contains("待识别");
    }

    @Test
    void filesJsonListsEachFilesOutcomeAndAccounting() throws Exception {
        CapturedRun run = run("files", "--home", PilotHome.HOME.toString(), "--json");

        JsonNode files = JSON.readTree(run.out());
        assertThat(files).hasSize(6);
        for (JsonNode f : files) {
            assertThat(f.get("sha256").asString()).hasSize(64);
            assertThat(f.get("outcome").asString()).startsWith("LOADED");
            assertThat(f.get("read").asInt())
                    .isEqualTo(f.get("accepted").asInt()
                            + f.get("merged").asInt()
                            + f.get("rejected").asInt()
                            + f.get("skipped").asInt());
        }
    }

    @Test
    void aBadPeriodIsAOneLineErrorAndExitCode2() {
        CapturedRun run = run("stats", "--home", PilotHome.HOME.toString(), "--period", "someday");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("lujing: 不是时期：“someday”")
                .doesNotContain("\tat ")
                .doesNotContain("not a period");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMonthThatDoesNotExistIsRefusedInWordsNotWithJavaTimesMessage() {
        CapturedRun run = run("stats", "--home", PilotHome.HOME.toString(), "--period", "2025-13");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("lujing: 不是有效的时期：“2025-13”").doesNotContain("MonthOfYear");
    }

    @Test
    void jobsJsonListsNewestFirst() throws Exception {
        CapturedRun run = run("jobs", "--home", PilotHome.HOME.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode jobs = JSON.readTree(run.out());
        assertThat(jobs.size()).as("one ingest per sample file").isGreaterThanOrEqualTo(6);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        jobs.forEach(j -> ids.add(j.get("id").asLong()));
        assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"reconcile", "nightly"})
    void reconcileAndTheNightRefuseADateAfterToday(String command) {
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .plusDays(1)
                .toString();

        CapturedRun run = run(command, "--home", PilotHome.HOME.toString(), "--date", tomorrow);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("lujing: --date " + tomorrow)
                .contains("在今天")
                .doesNotContain("\tat ")
                .doesNotContain("is after today");
        assertThat(run("findings", "--home", PilotHome.HOME.toString(), "--json")
                        .out())
                .as("nothing was reconciled")
                .doesNotContain("MISSING_FEED");
    }

    @Test
    void aMistypedHomeIsRefusedByACommandThatReadsItAndMadeOnlyByOneThatStartsIt() throws Exception {
        java.nio.file.Path parent = org.lujing.TestHomes.fresh("mistyped-home");
        java.nio.file.Path typo = parent.resolve("hoem");

        CapturedRun stats = run("stats", "--home", typo.toString(), "--period", "2025");
        CapturedRun files = run("files", "--home", typo.toString(), "--json");
        CapturedRun empty = run("jobs", "--home", "");

        assertThat(stats.exit()).isEqualTo(2);
        assertThat(stats.err()).contains("数据目录 " + typo.toAbsolutePath().normalize() + " 不存在（--home）：路径是否写错？");
        assertThat(files.exit()).isEqualTo(2);
        assertThat(files.out()).isEmpty();
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("--home 不能为空");
        assertThat(typo).as("nothing was made where the typo points").doesNotExist();
        // of `users`, only `users add` writes: listing or changing users of no home is the same mistake
        CapturedRun users = run("users", "--home", typo.toString());
        assertThat(users.exit()).isEqualTo(2);
        assertThat(users.err()).contains("不存在（--home）").doesNotContain("已新建数据目录");
        assertThat(run("users", "passwd", "nobody", "--home", typo.toString()).exit())
                .isEqualTo(2);
        assertThat(typo).as("users said nothing it did not do").doesNotExist();

        // ingest starts a home where there is none, and says so
        java.nio.file.Path csv = java.nio.file.Files.writeString(
                parent.resolve("名单.csv"), "姓名,身份证号码,联系电话\n张三,11010519491231002X,13800000000\n");
        CapturedRun ingest = run("ingest", "--home", typo.toString(), "--source", "roster", csv.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.err()).contains("已新建数据目录 " + typo.toAbsolutePath().normalize());
        assertThat(run("stats", "--home", typo.toString(), "--period", "2025").exit())
                .isZero();
    }

    @Test
    void aPersonOrACountThatCannotBeIsRefusedNotAnsweredWithNothing() {
        CapturedRun history = run("subjects", "--home", PilotHome.HOME.toString(), "--history", "999999");
        CapturedRun count = run("schedule", "--home", PilotHome.HOME.toString(), "--count", "-3");

        assertThat(history.exit()).isEqualTo(2);
        assertThat(history.err()).contains("名册上没有编号为 #999999 的人").doesNotContain("there is no person");
        CapturedRun notANumber = run("subjects", "--home", PilotHome.HOME.toString(), "--history", "4301**********71");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--history 应为名册上的编号（如 3 或 #3，见 subjects）");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err()).contains("--count -3 不对");
        CapturedRun noSuchJob =
                run("jobs", "restart-failed", "--home", PilotHome.HOME.toString(), "--job", "fooJob", "--reason", "x");
        assertThat(noSuchJob.exit()).isEqualTo(2);
        assertThat(noSuchJob.err()).contains("没有任务 fooJob；任务有 ").contains("文件入库 fileIngestJob");
        CapturedRun byWord =
                run("jobs", "restart-failed", "--home", PilotHome.HOME.toString(), "--job", "文件入库", "--reason", "x");
        assertThat(byWord.exit()).as(byWord.err()).isZero();
    }

    static CapturedRun run(String... args) {
        return CapturedRun.of(args);
    }
}
