package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report}'s options as a worker may get them wrong: an {@code --out} that is a file is refused before anything
 * starts, naming it (it said only "… 已存在", exit 1); a {@code --period} or {@code --date} the report's kind does not use
 * is still accepted, as scripts pass them, but said, so nobody takes the quality report for that period's.
 */
class ReportCommandOptionsIntegrationTests {

    @TempDir
    static Path home;

    @Test
    void anOutThatIsAFileIsRefusedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");

        CapturedRun run =
                CapturedRun.of("report", "--period", "2025", "--out", file.toString(), "--home", home.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("notes.txt 是一个文件，不是文件夹").doesNotContain("is a file");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void aPeriodTheQualityReportDoesNotUseIsSaidAndTheReportWritten(@TempDir Path dir) {
        CapturedRun run = CapturedRun.of(
                "report", "--kind", "quality", "--period", "2025", "--out", dir.toString(), "--home", home.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("quality 报表不按期间，--period 未使用");
        assertThat(run.out()).contains(dir.toString());
    }

    @Test
    void aDateOnlyTheFindingsReportUsesIsSaidElsewhere(@TempDir Path dir) {
        CapturedRun statistics = CapturedRun.of(
                "report",
                "--period",
                "2025",
                "--date",
                "2025-06-30",
                "--out",
                dir.toString(),
                "--home",
                home.toString());
        CapturedRun findings = CapturedRun.of(
                "report",
                "--kind",
                "findings",
                "--date",
                "2025-06-30",
                "--out",
                dir.toString(),
                "--home",
                home.toString());

        assertThat(statistics.exit()).as(statistics.err()).isZero();
        assertThat(statistics.err()).contains("--date 只用于 findings 报表，这里未使用");
        assertThat(findings.exit()).as(findings.err()).isZero();
        assertThat(findings.err()).doesNotContain("注意");
    }

    @Test
    void aPersonIsForTheLedgerAndByTheirNumberOnTheRoster(@TempDir Path dir) {
        CapturedRun statistics = CapturedRun.of(
                "report", "--period", "2025", "--person", "3", "--out", dir.toString(), "--home", home.toString());
        CapturedRun notANumber = CapturedRun.of(
                "report",
                "--kind",
                "ledger",
                "--period",
                "2025",
                "--person",
                "张建国",
                "--out",
                dir.toString(),
                "--home",
                home.toString());
        CapturedRun nobody = CapturedRun.of(
                "report",
                "--kind",
                "ledger",
                "--period",
                "2025",
                "--person",
                "#99",
                "--out",
                dir.toString(),
                "--home",
                home.toString());

        assertThat(statistics.exit()).isEqualTo(2);
        assertThat(statistics.err()).contains("--person 只用于 ledger 报表");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--person 应为名册上的编号（如 3 或 #3，见 subjects），不是“张建国”");
        assertThat(nobody.exit()).as(nobody.err()).isEqualTo(2);
        assertThat(nobody.err()).contains("名册上没有编号为 #99 的人").doesNotContain("there is no person");
        assertThat(dir).isEmptyDirectory();
    }
}
