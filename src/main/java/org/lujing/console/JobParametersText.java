package org.lujing.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.lujing.report.ReportLanguage;

/**
 * An execution's parameters as {@code JobQueries} gives them ({@code attempt=1, night=2025-04-30, step=reports}), in
 * the reader's words: {@code 第 1 次 · 夜间日期 2025-04-30 · 步骤 生成报表}, {@code attempt 1 · night 2025-04-30 · step
 * Write the reports}. The drop's uuid, the run id and the archived copy's server path only keep runs apart and are
 * left out ({@code jobs --json} and the execution's page keep them).
 */
public final class JobParametersText {

    private JobParametersText() {}

    /** {@code sourceName}: a source id as its agency's name. */
    public static String render(String parameters, ReportLanguage lang, UnaryOperator<String> sourceName) {
        if (parameters == null || parameters.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String pair : parameters.split(", (?=[\\w.]+=)")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                parts.add(pair);
                continue;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            switch (name) {
                case "night" -> parts.add(lang.pick("夜间日期 ", "night ") + value);
                case "step" -> parts.add(lang.pick("步骤 ", "step ") + JobProgress.nightlyStepName(value, lang));
                case "attempt" -> parts.add(lang.pick("第 " + value + " 次", "attempt " + value));
                case "source" -> parts.add(lang.pick("来源 ", "source ") + sourceName.apply(value));
                case "name" -> parts.add(lang.pick("文件名 ", "file ") + value);
                case "asOf" -> parts.add(lang.pick("核查日期 ", "as of ") + value);
                case "drop", "run.id", "file" -> {
                    // they keep runs apart, or name a server path: nothing for a reader (the raw text keeps them)
                }
                default -> parts.add(pair);
            }
        }
        return String.join(" · ", parts);
    }
}
