package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --help} speaks the operator's language: every command, option and parameter has its Chinese words in
 * {@code help-zh.properties} and its English ones in the code, so a command added without either fails here.
 */
class CommandHelpTests {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Test
    void everyCommandOptionAndParameterIsDescribedInChinese() {
        CommandLine cli = new CommandLine(new LujingCommand());
        cli.setResourceBundle(LujingCommand.chineseHelp());

        List<String> missing = new ArrayList<>();
        walk(cli, (where, text) -> {
            if (!HAN.matcher(text).find()) {
                missing.add(where + " = " + text);
            }
        });

        assertThat(missing)
                .as("help without Chinese words (add them to help-zh.properties)")
                .isEmpty();
    }

    @Test
    void everyCommandOptionAndParameterIsDescribedInEnglish() {
        List<String> missing = new ArrayList<>();
        walk(new CommandLine(new LujingCommand()), (where, text) -> {
            if (text.isBlank()) {
                missing.add(where);
            }
        });

        assertThat(missing)
                .as("help without an English description in the code")
                .isEmpty();
    }

    @Test
    void helpOnAnyCommandIsChineseByDefault() {
        CapturedRun top = CapturedRun.of("--help");
        CapturedRun nested = CapturedRun.of("jobs", "restart", "--help");

        assertThat(top.exit()).isZero();
        assertThat(top.out())
                .contains("用法： lujing")
                .contains("命令：")
                .contains("把各合作单位的表格汇成一本帮扶台账")
                .doesNotContain("Show this help message")
                .doesNotContain("Display help information");
        assertThat(nested.exit()).isZero();
        assertThat(nested.out())
                .contains("用法： lujing jobs restart")
                .contains("重新运行一个失败或已停止的执行")
                .contains("执行的 #（见 `jobs`）");
    }

    private interface Visitor {
        void visit(String where, String text);
    }

    private static void walk(CommandLine command, Visitor visitor) {
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName(" ");
        visitor.visit(name, String.join(" ", spec.usageMessage().description()));
        for (ArgSpec arg : spec.args()) {
            String label = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
            visitor.visit(name + " " + label, String.join(" ", arg.description()));
        }
        command.getSubcommands().forEach((alias, sub) -> {
            if (alias.equals(sub.getCommandName())) {
                walk(sub, visitor);
            }
        });
    }
}
