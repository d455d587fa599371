package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.read.PartnerWorkbooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rejects --json} gives each rejected row its sheet's header as the partner wrote it, beside its values; the
 * human output and a retry's result speak the worker's language (Chinese here), with codes only beside the words.
 */
class RejectsCommandHeadersIntegrationTests {

    static final Path HOME = TestHomes.fresh("cli-reject-headers");

    @Test
    void eachRejectedRowCarriesItsSheetsHeaderMasked() {
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "3月",
                        s -> s.row("麓景社区2025年3月社区矫正帮扶工作台账")
                                .row("姓名", "身份证号", "日期", "活动类型", "联系人13812345678")
                                .row("张三", PartnerWorkbooks.id("43010419850101123"), "2025-03-07", "棋艺比赛", "王老师"))
                .write(HOME.resolve("in/台账.xlsx"));
        assertThat(CapturedRun.of("ingest", "--home", HOME.toString(), "--source", "community", file.toString())
                        .exit())
                .isZero();

        CapturedRun run = CapturedRun.of("rejects", "--home", HOME.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode rows = JsonMapper.builder().build().readTree(run.out());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("reason").asString()).isEqualTo("UNKNOWN_CATEGORY");
        List<String> headers = new ArrayList<>();
        row.get("headers").forEach(h -> headers.add(h.asString()));
        // the title the row's values stand under, position for position, the phone in a title masked
        assertThat(headers).containsExactly("姓名", "身份证号", "日期", "活动类型", "联系人138******78");
        assertThat(row.get("values").get(headers.indexOf("活动类型")).asString()).isEqualTo("棋艺比赛");
        assertThat(run.out()).doesNotContain("13812345678");
    }

    @Test
    void theListAndARetryAnswerInChineseWithTheOutcomeCodeBesideItsWord() {
        Path home = TestHomes.fresh("cli-reject-words");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "4月",
                        s -> s.row("姓名", "身份证号", "日期", "活动类型")
                                .row("李四", PartnerWorkbooks.id("43010419850101123"), "2025-04-07", "棋艺比赛"))
                .write(home.resolve("in/四月台账.xlsx"));
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", file.toString())
                        .exit())
                .isZero();

        CapturedRun list = CapturedRun.of("rejects", "--home", home.toString());
        CapturedRun retry = CapturedRun.of("rejects", "retry", "--home", home.toString(), "--file", "1");

        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .contains("1 行待处理")
                .contains("rejects retry --file 编号")
                .doesNotContain("Fix the source");
        assertThat(retry.exit()).isZero();
        // the word is still not in the vocabulary: the row stays refused, and the file keeps its outcome
        assertThat(retry.out())
                .contains("文件 #1：新增 0，合并 0，跳过 0，仍拒收 1 → ")
                .contains("（LOADED_WITH_REJECTS）")
                .doesNotContain("still rejected");
    }

    @Test
    void rowsSentAgainCorrectedAreClosedWithAReasonAndTheFileKeepsItsAccounting() {
        // given a file with two rejected rows (a word no vocabulary knows)
        Path home = TestHomes.fresh("cli-reject-close");
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "5月",
                        s -> s.row("姓名", "身份证号", "日期", "活动类型")
                                .row("王五", PartnerWorkbooks.id("43010419850101123"), "2025-05-07", "棋艺比赛")
                                .row("王五", PartnerWorkbooks.id("43010419850101123"), "2025-05-08", "书法比赛"))
                .write(home.resolve("in/五月台账.xlsx"));
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", file.toString())
                        .exit())
                .isZero();

        // when an operator closes them without a reason, then a row that was never rejected, then all with a reason
        CapturedRun noReason =
                CapturedRun.of("rejects", "close", "--home", home.toString(), "--file", "1", "--reason", " ");
        CapturedRun noSuchRow = CapturedRun.of(
                "rejects", "close", "--home", home.toString(), "--file", "1", "--row", "999", "--reason", "x");
        CapturedRun close = CapturedRun.of(
                "rejects", "close", "--home", home.toString(), "--file", "1", "--reason", "对方已重新交来更正后的文件");

        // then the first is refused, the second closes both: gone from the rows to fix, audited, accounting kept
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("请写明原因");
        assertThat(noSuchRow.exit()).isEqualTo(2);
        assertThat(noSuchRow.err())
                .contains("文件 #1 没有第 999 行待修正的拒收行（见 rejects --file 1）")
                .as("the operator's half only")
                .doesNotContain("has no rejected row", "‖");
        assertThat(close.exit()).as(close.err()).isZero();
        assertThat(close.out()).contains("文件 #1：关闭了 2 条待修正的拒收行");
        assertThat(CapturedRun.of("rejects", "--home", home.toString(), "--json")
                        .out()
                        .strip())
                .isEqualTo("[]");
        // and the list says there is nothing to fix, without advice to fix a file
        assertThat(CapturedRun.of("rejects", "--home", home.toString()).out())
                .contains("没有待处理的拒收行")
                .doesNotContain("0 行待处理")
                .doesNotContain("请修改源文件");
        assertThat(CapturedRun.of("files", "--home", home.toString(), "--json").out())
                .containsPattern("\"rejected\" ?: ?2");
        assertThat(CapturedRun.of("audit", "--home", home.toString(), "--json").out())
                .contains("REJECTS_CLOSE")
                .contains("对方已重新交来更正后的文件");
        // and a retry no longer reads them, and leaves the file's outcome as it was: it did reject those rows
        assertThat(CapturedRun.of("rejects", "retry", "--home", home.toString(), "--file", "1")
                        .out())
                .contains("仍拒收 0")
                .contains("（LOADED_WITH_REJECTS）");
        assertThat(CapturedRun.of("files", "--home", home.toString(), "--json").out())
                .contains("LOADED_WITH_REJECTS");
    }

    @Test
    void aCorrectedCopyUnderTheSameNameIsPointedOutBesideTheOldFilesOpenRows() {
        // given a file with a rejected row, and the partner's corrected copy sent later under the same name
        Path home = TestHomes.fresh("cli-reject-same-name");
        String id = PartnerWorkbooks.id("43010419850101123");
        Path first = PartnerWorkbooks.book()
                .sheet("8月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("孙七", id, "2025-08-07", "棋艺比赛"))
                .write(home.resolve("in/first/八月台账.xlsx"));
        Path corrected = PartnerWorkbooks.book()
                .sheet("8月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("孙七", id, "2025-08-07", "法治宣传"))
                .write(home.resolve("in/corrected/八月台账.xlsx"));
        for (Path file : List.of(first, corrected)) {
            assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", file.toString())
                            .exit())
                    .isZero();
        }

        // when the operator lists what is still to fix
        String listed = CapturedRun.of("rejects", "--home", home.toString()).out();

        // then the old file's row is said to have a later copy of the same name, and how to close it
        assertThat(listed)
                .contains("#1 八月台账.xlsx：1 行待处理")
                .contains("同名文件 #2 已在它之后载入；若那是这份文件的更正版，请核对后用 rejects close --file 1 --reason 已收到更正文件 #2 关闭这些行");
    }

    @Test
    void aPulledFilesRejectedRecordsAreToBeCorrectedOnThePartnersPlatform() throws Exception {
        // given a feed's pull file (its name as a pull writes it) with a record of a wrong check digit
        Path home = TestHomes.fresh("cli-reject-pulled");
        Path pulled = java.nio.file.Files.createDirectories(home.resolve("in")).resolve("20250310-020000.json");
        java.nio.file.Files.writeString(pulled, """
                {"records": [{"id": "ml-3", "name": "赵一", "idNumber": "430104198001010015", "date": "2025-03-10",
                  "activityName": "第2课 遵纪守法", "hours": 0.5}]}
                """);
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "micro-lesson", pulled.toString())
                        .exit())
                .isZero();

        // when the operator lists what is still to fix
        String listed = CapturedRun.of("rejects", "--home", home.toString()).out();

        // then the advice is the platform's, not a file to drop again
        assertThat(listed).contains("这是接口拉取的记录：请对方在平台上更正这些记录（记录编号不变）");
    }

    @Test
    void aRowNumberSeveralSheetsRejectNeedsItsSheet() {
        Path home = TestHomes.fresh("cli-reject-close-sheets");
        String id = PartnerWorkbooks.id("43010419850101123");
        Path file = PartnerWorkbooks.book()
                .sheet("6月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("赵六", id, "2025-06-07", "棋艺比赛"))
                .sheet("7月", s -> s.row("姓名", "身份证号", "日期", "活动类型").row("赵六", id, "2025-07-07", "书法比赛"))
                .write(home.resolve("in/六七月台账.xlsx"));
        assertThat(CapturedRun.of("ingest", "--home", home.toString(), "--source", "community", file.toString())
                        .exit())
                .isZero();

        CapturedRun both = CapturedRun.of(
                "rejects", "close", "--home", home.toString(), "--file", "1", "--row", "2", "--reason", "x");
        CapturedRun june = CapturedRun.of(
                "rejects",
                "close",
                "--home",
                home.toString(),
                "--file",
                "1",
                "--row",
                "2",
                "--sheet",
                "6月",
                "--reason",
                "x");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("第 2 行在多个工作表中都有待修正的拒收行（6月、7月）");
        assertThat(june.out()).contains("关闭了 1 条");
        assertThat(CapturedRun.of("rejects", "--home", home.toString(), "--json")
                        .out())
                .contains("7月");
    }
}
