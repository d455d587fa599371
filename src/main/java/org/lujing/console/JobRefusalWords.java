package org.lujing.console;

import java.util.function.UnaryOperator;
import org.lujing.operations.JobControl;
import org.lujing.report.ReportLanguage;

/**
 * Why an action on a job execution does not apply, in the reader's words: the console's pages and API and {@code jobs
 * restart|stop|abandon} say the same. {@code status} renders a status code (the command line puts the code beside the
 * words, the console gives the words).
 */
public final class JobRefusalWords {

    private JobRefusalWords() {}

    public static String of(JobControl.Refused r, ReportLanguage lang, UnaryOperator<String> status) {
        long id = r.executionId();
        String verb = switch (r.action()) {
            case "restart" -> lang.pick("重新运行", "restarted");
            case "stop" -> lang.pick("停止", "stopped");
            default -> lang.pick("放弃", "abandoned");
        };
        if (r.status() == null) {
            return lang.pick(
                    "没有编号为 #" + id + " 的任务执行（`jobs` 列出全部）", "there is no job execution #" + id + " (see `jobs`)");
        }
        if (r.restartedAs() != null) {
            long later = r.restartedAs();
            String laterStatus = status.apply(r.restartedStatus());
            return "restart".equals(r.action())
                    ? lang.pick(
                            "执行 #" + id + " 已被重新运行为 #" + later + "（" + laterStatus + "），不再重新运行；请查看 #" + later,
                            "execution #" + id + " was restarted already as #" + later + " (" + laterStatus + "); see #"
                                    + later)
                    : lang.pick(
                            "执行 #" + id + " 已被重新运行为 #" + later + "（" + laterStatus + "），不能单独" + verb + "；要" + verb
                                    + "，请对 #" + later + " 操作",
                            "execution #" + id + " was restarted already as #" + later + " (" + laterStatus
                                    + "): it cannot be " + verb + " on its own; act on #" + later);
        }
        if (r.abandonedAt() != null) {
            return lang.pick(
                    "执行 #" + id + " 所属的任务已在执行 #" + r.abandonedAt() + " 被放弃（"
                            + status.apply("ABANDONED") + "），不能再重新运行；夜间任务请运行 nightly --date 日期 开始新的一轮，"
                            + "文件请重新放入收件箱",
                    "execution #" + id + " belongs to a job given up at execution #" + r.abandonedAt()
                            + " (ABANDONED) and cannot run again; start a new round of a night with nightly --date"
                            + " DATE, or drop a file into the inbox again");
        }
        if (r.runningOn() != null) {
            return lang.pick(
                    "执行 #" + id + " 仍由节点 " + r.runningOn() + " 运行或持有（该节点仍有心跳，还没有结束这次运行）：现在重新运行会把同样的行再写一遍。"
                            + "已要求停止的，会在当前批次结束时停下，之后即可重新运行；若它一直不结束（节点卡住），请在节点 " + r.runningOn()
                            + " 上重新启动 Lujing（serve），入库文件随后由 serve 自动完成，其他任务再重新运行",
                    "execution #" + id + " is still run or held by node " + r.runningOn() + " (the node beats and has"
                            + " not ended this run): a restart now would write the same rows again. One asked to stop"
                            + " stops at the end of its current chunk; restart it then. If it never ends (the node"
                            + " hangs), restart Lujing (serve) on node " + r.runningOn() + ": serve then finishes an"
                            + " ingest by itself; restart anything else");
        }
        if (r.unfinishedFile() != null) {
            long file = r.unfinishedFile().id();
            return lang.pick(
                    "执行 #" + id + " 正在导入的文件 #" + file + "（"
                            + org.lujing.normalise.Masking.fileName(
                                    r.unfinishedFile().fileName())
                            + "）尚未入库完成；放弃会让它永远停在“处理中”，同样内容也再不能入库。请排除原因后重新运行 #"
                            + id + "（存档副本不在时，先把原文件放回存档位置）",
                    "execution #" + id + " is loading file #" + file + " ("
                            + org.lujing.normalise.Masking.fileName(
                                    r.unfinishedFile().fileName())
                            + "), still unfinished; giving it up would leave the file in progress for good and its"
                            + " content could never load again. Fix the cause and restart #" + id
                            + " (if its archived copy is gone, put the original file back there first)");
        }
        String allowed = String.join(
                lang.pick("、", ", "), r.allowed().stream().map(status).toList());
        return lang.pick(
                "执行 #" + id + " 的状态是" + status.apply(r.status()) + "，不能" + verb + "（只有" + allowed + "的执行可以）",
                "execution #" + id + " is " + status.apply(r.status()) + " and cannot be " + verb + " (only " + allowed
                        + ")");
    }
}
