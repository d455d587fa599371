package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.report.ReportLanguage;
import picocli.CommandLine;

/**
 * A command line that does not parse is explained in the operator's language (Chinese: the tests run with
 * LUJING_LANG=zh), names the argument at fault, says where the usage is, and exits with 2; picocli's English
 * sentences are kept for English only.
 */
class CommandLineMistakesTests {

    @Test
    void anUnknownOptionIsNamedInChineseWithWhereTheUsageIs() {
        CapturedRun run = CapturedRun.of("jobs", "--stauts", "FAILED");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("不认识的参数：--stauts")
                .contains("用法见 `lujing jobs --help`")
                .doesNotContain("Unknown option");
    }

    @Test
    void aMissingParameterAndAWrongValueAreNamed() {
        CapturedRun missing = CapturedRun.of("jobs", "restart");
        CapturedRun wrongType = CapturedRun.of("jobs", "restart", "abc");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("缺少必需的参数：ID").doesNotContain("Missing required parameter");
        assertThat(wrongType.exit()).isEqualTo(2);
        assertThat(wrongType.err())
                .contains("ID 的值“abc”不对：应为整数")
                .contains("用法见 `lujing jobs restart --help`")
                .doesNotContain("is not a long");
    }

    @Test
    void aMistypedCommandGetsItsNearestNamesSuggested() {
        CapturedRun run = CapturedRun.of("ingset", "x.csv");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("不认识的参数：ingset").contains("是不是想输入").contains("ingest");
    }

    @Test
    void aLongOptionTypedWithOneDashIsAMistakeNotAskingForHelp() {
        CapturedRun run = CapturedRun.of("stats", "-home", "x", "--period", "2025");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("不认识的参数：-home");
        assertThat(run.out()).doesNotContain("Usage").doesNotContain("用法");
    }

    @Test
    void aMistypedRequiredOptionIsNamedAsTheTypoFirst() {
        CapturedRun run = CapturedRun.of("stats", "--perod", "2025");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("不认识的参数：--perod 2025；是不是想输入 --period？；缺少必需的参数：--period")
                .contains("用法见 `lujing stats --help`");
    }

    @Test
    void inEnglishTheTypoIsNamedWithTheMissingOption() {
        CommandLine cli = new CommandLine(new LujingCommand());
        CommandLine.ParameterException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                CommandLine.ParameterException.class, () -> cli.parseArgs("stats", "--perod", "2025"));

        assertThat(CommandLineMistakes.explain(e, ReportLanguage.EN))
                .contains("'--perod'")
                .contains("did you mean --period?")
                .contains("Missing required option: '--period=P'");
    }

    @Test
    void helpForACommandThatDoesNotExistSaysSoInChinese() {
        CapturedRun run = CapturedRun.of("help", "foo");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("没有命令 foo；运行 help 查看全部命令").doesNotContain("Unknown subcommand");
    }

    @Test
    void inEnglishPicocliSentencesStay() {
        CommandLine cli = new CommandLine(new LujingCommand());
        CommandLine.ParameterException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                CommandLine.ParameterException.class, () -> cli.parseArgs("jobs", "--stauts", "FAILED"));

        assertThat(CommandLineMistakes.explain(e, ReportLanguage.EN)).contains("Unknown options: '--stauts'");
        assertThat(CommandLineMistakes.help(e.getCommandLine(), ReportLanguage.EN))
                .isEqualTo("See `lujing jobs --help` for the usage.");
    }
}
