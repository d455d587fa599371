package org.lujing.cli;

import java.util.List;
import org.lujing.report.ReportLanguage;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command line picocli could not parse, said in the operator's language: which argument, what is wrong with it,
 * and where to read the usage. picocli's own sentences are English; in English they are kept as they are.
 */
final class CommandLineMistakes {

    private CommandLineMistakes() {}

    static String explain(ParameterException e, ReportLanguage lang) {
        List<String> unknown = e instanceof CommandLine.MissingParameterException && e.getCommandLine() != null
                ? e.getCommandLine().getUnmatchedArguments()
                : List.of();
        if (!unknown.isEmpty()) {
            // `stats --perod 2025`: picocli reports the missing --period first; the typo is what to fix
            CommandLine.UnmatchedArgumentException typo =
                    new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unknown);
            String suggested =
                    lang == ReportLanguage.EN && !typo.getSuggestions().isEmpty()
                            ? " (did you mean " + String.join(" or ", typo.getSuggestions()) + "?)"
                            : "";
            return explainOne(typo, lang) + suggested + lang.pick("；", "; ") + explainOne(e, lang);
        }
        return explainOne(e, lang);
    }

    private static String explainOne(ParameterException e, ReportLanguage lang) {
        if (lang == ReportLanguage.EN) {
            return e.getMessage();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String text = "不认识的参数：" + String.join(" ", unmatched);
            List<String> suggestions = u.getSuggestions();
            return suggestions.isEmpty() ? text : text + "；是不是想输入 " + String.join("、", suggestions) + "？";
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            List<String> missing = m.getMissing() == null
                    ? List.of()
                    : m.getMissing().stream().map(CommandLineMistakes::name).toList();
            return missing.isEmpty() ? "缺少必需的参数" : "缺少必需的参数：" + String.join("、", missing);
        }
        if (e instanceof CommandLine.OverwrittenOptionException o) {
            return "选项 " + name(o.getOverwritten()) + " 只能给一次";
        }
        if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
            return "这些参数不能同时使用（" + e.getMessage() + "）";
        }
        if (e instanceof CommandLine.MaxValuesExceededException) {
            return "参数太多（" + e.getMessage() + "）";
        }
        if (e.getArgSpec() != null && e.getValue() != null) {
            // a value of the wrong type: '--limit abc', a date that is no date
            return name(e.getArgSpec()) + " 的值“" + e.getValue() + "”不对："
                    + expected(e.getArgSpec().type(), e);
        }
        java.util.regex.Matcher unknown = UNKNOWN_SUBCOMMAND.matcher(String.valueOf(e.getMessage()));
        if (unknown.find()) {
            // `help foo`
            return "没有命令 " + unknown.group(1) + "；运行 help 查看全部命令";
        }
        return "命令行有误：" + e.getMessage();
    }

    private static final java.util.regex.Pattern UNKNOWN_SUBCOMMAND =
            java.util.regex.Pattern.compile("^Unknown subcommand '(.*)'");

    /** What a value of this type looks like, in words; picocli's own sentence for any other type. */
    private static String expected(Class<?> type, ParameterException e) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "应为整数";
        }
        if (type == java.time.LocalDate.class) {
            return "应为日期，如 2025-03-01";
        }
        if (type.isEnum()) {
            return "可选 "
                    + String.join(
                            "、",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(String::valueOf)
                                    .toList());
        }
        return "（" + e.getMessage() + "）";
    }

    /** Where the usage is: the command's own {@code --help}. */
    static String help(CommandLine wrong, ReportLanguage lang) {
        String command = wrong.getCommandSpec().qualifiedName(" ");
        return lang.pick("用法见 `" + command + " --help`", "See `" + command + " --help` for the usage.");
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.longestName();
        }
        return arg.paramLabel();
    }
}
