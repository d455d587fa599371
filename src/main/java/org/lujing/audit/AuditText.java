package org.lujing.audit;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audit entry's target and details in the reader's language. Entries are stored as written (English phrases
 * such as {@code job execution #12}, {@code console: 3 execution(s)}); a Chinese reader sees each known phrase in
 * Chinese, numbers, names and codes kept. What no phrase matches is shown as stored.
 */
public final class AuditText {

    private AuditText() {}

    private record Phrase(Pattern english, Function<Matcher, String> zh) {}

    private static Phrase phrase(String regex, Function<Matcher, String> zh) {
        return new Phrase(Pattern.compile(regex), zh);
    }

    /**
     * The text in Chinese when {@code chinese}, else as stored; {@code jobWords} names a job in words
     * ({@code fileIngestJob} → 文件入库).
     */
    public static String render(String text, boolean chinese, Function<String, String> jobWords) {
        if (text == null || !chinese) {
            return text == null ? "" : text;
        }
        for (Phrase p : phrases(jobWords)) {
            Matcher m = p.english().matcher(text);
            if (m.matches()) {
                return p.zh().apply(m);
            }
        }
        return text;
    }

    private static List<Phrase> phrases(Function<String, String> jobWords) {
        return List.of(
                phrase("job execution #(\\d+)", m -> "任务执行 #" + m.group(1)),
                phrase(
                        "night (\\d{4}-\\d{2}-\\d{2})(?: (\\w+))?: (.*)",
                        m -> m.group(1) + " 夜间" + (m.group(2) == null ? "" : "的" + jobWords.apply(m.group(2))) + "："
                                + m.group(3)),
                phrase("all jobs: (.*)", m -> "全部任务：" + m.group(1)),
                phrase("(\\w+Job): (.*)", m -> jobWords.apply(m.group(1)) + "：" + m.group(2)),
                phrase(
                        "(console|command line|test)(?:: (\\d+) execution\\(s\\))?",
                        m -> where(m.group(1)) + (m.group(2) == null ? "" : "：" + m.group(2) + " 个执行")),
                phrase("file #(\\d+)", m -> "文件 #" + m.group(1)),
                phrase("file #(\\d+) (.+)", m -> "文件 #" + m.group(1) + " " + m.group(2)),
                phrase("(\\d+) row\\(s\\)", m -> m.group(1) + " 行"),
                phrase("row (\\d+)", m -> "第 " + m.group(1) + " 行"),
                phrase("resumed", m -> "接着完成中断的撤回"),
                phrase("finding #(\\d+)", m -> "核查发现 #" + m.group(1)),
                phrase("address (.+)", m -> "地址 " + m.group(1)),
                phrase("user (.+)", m -> "用户名 " + m.group(1)),
                phrase("failure (\\d+) for this name", m -> "此用户名第 " + m.group(1) + " 次失败"),
                phrase("locked until (.+)", m -> "锁定至 " + m.group(1)),
                phrase("(\\d+) sources", m -> m.group(1) + " 个数据来源"),
                phrase("(\\d+) bytes", m -> m.group(1) + " 字节"),
                phrase("subjects \\((\\d+) people\\)", m -> "名册人员（" + m.group(1) + " 人）"),
                phrase(
                        "key (\\w+) → person #(\\d+)(?: \\(review #(\\d+)\\))?",
                        m -> "记录键 " + m.group(1) + " → 人员 #" + m.group(2)
                                + (m.group(3) == null ? "" : "（复核条目 #" + m.group(3) + "）")),
                phrase("key (\\w+) → (\\w+)", m -> "密钥 " + m.group(1) + " → " + m.group(2)),
                phrase(
                        "accepted (\\d+), merged (\\d+), still rejected (\\d+)",
                        m -> "接收 " + m.group(1) + " 行，合并 " + m.group(2) + " 行，仍拒收 " + m.group(3) + " 行"),
                phrase(
                        "(\\d+) accepted, (\\d+) merged, (\\d+) still rejected",
                        m -> "接收 " + m.group(1) + " 行，合并 " + m.group(2) + " 行，仍拒收 " + m.group(3) + " 行"),
                phrase("new key issued for LUJING_KEY", m -> "已为 LUJING_KEY 生成新密钥"),
                phrase(
                        "(\\d+) people, (\\d+) records, (\\d+) decisions re-keyed; old key dropped: (true|false)",
                        m -> "重新加密 " + m.group(1) + " 人、" + m.group(2) + " 条记录、" + m.group(3) + " 项决定；旧密钥"
                                + ("true".equals(m.group(4)) ? "已删除" : "仍保留")),
                phrase("scheduled rotation", m -> "定期轮换"));
    }

    private static String where(String channel) {
        return switch (channel) {
            case "console" -> "控制台";
            case "command line" -> "命令行";
            default -> channel;
        };
    }
}
