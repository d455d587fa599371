package org.lujing.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.lujing.reconcile.FindingStatus;
import org.lujing.reconcile.FindingsService;
import org.lujing.reconcile.StoredFinding;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code findings [--date D] [--rule R] [--status S] [--json]}, {@code findings ack|resolve ID --note TEXT}: the reconciliation's findings. */
@Command(
        name = "findings",
        description = "Findings of the nightly reconciliation (masked), and acknowledging or resolving them.",
        subcommands = {FindingsCommand.Ack.class, FindingsCommand.Resolve.class})
class FindingsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--date",
            paramLabel = "yyyy-MM-dd",
            description = "Findings that held on this date (default: those holding now).")
    LocalDate date;

    @Option(
            names = "--rule",
            paramLabel = "RULE",
            description = "Only this rule, by its code or its name: UNMATCHED_SUBJECT, 人员不在名册.")
    String rule;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only OPEN, ACKNOWLEDGED or RESOLVED (or 待处理, 已知悉, 已解决).")
    String statusTyped;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            // read a page at a time as it is printed: a wrong roster period makes one finding per record
            Iterable<StoredFinding> findings = context.getBean(FindingsService.class)
                    .inOrder(date, rule, statusTyped == null ? null : FindingStatus.parse(statusTyped));
            if (json) {
                Json.printEach(findings, StoredFinding::asJson);
            } else {
                // a table per thousand findings, each as wide as its own rows need
                org.lujing.source.SourceCatalog sources = context.getBean(org.lujing.source.SourceCatalog.class);
                boolean filtered = date != null || rule != null || statusTyped != null;
                long n = TableBlocks.print(
                        findings,
                        FindingsCommand::table,
                        (t, f) -> row(t, f, sources),
                        filtered
                                ? CliWords.lang().pick("没有符合条件的发现。", "No finding matches.")
                                : CliWords.lang()
                                        .pick(
                                                "还没有发现：对账（`reconcile` 或夜间任务）查出的问题列在这里。",
                                                "No findings yet: what reconciliation (`reconcile` or the nightly"
                                                        + " run) finds is listed here."),
                        System.out);
                if (n == 0) {
                    return 0;
                }
                System.out.println(CliWords.lang()
                        .pick(
                                "共 " + n + " 项发现。确认用 `findings ack 编号 --note 说明`，解决用"
                                        + " `findings resolve 编号 --note 说明`。",
                                n
                                        + " findings. Acknowledge with `findings ack ID --note TEXT`, close with"
                                        + " `findings resolve ID --note TEXT`."));
            }
        }
        return 0;
    }

    private static TextTable table() {
        return CliWords.table(
                "#",
                "规则 rule",
                "级别 severity",
                "对象 person",
                "来源 source",
                "文件 file",
                "说明 details",
                "首次 first seen",
                "最近 last seen",
                "状态 status");
    }

    private static void row(TextTable t, StoredFinding f, org.lujing.source.SourceCatalog sources) {
        t.row(
                Long.toString(f.id()),
                CliWords.rule(f.rule()),
                CliWords.severity(f.severity()),
                dash(f.personMasked()),
                // the partner by name, its source id beside it, as `jobs` and the pages show it
                f.sourceId() == null || f.sourceId().isBlank()
                        ? "-"
                        : CliWords.coded(
                                sources.find(f.sourceId())
                                        .map(org.lujing.source.SourceDefinition::agency)
                                        .orElse(f.sourceId()),
                                f.sourceId()),
                f.fileId() == null ? "-" : "#" + f.fileId(),
                CliWords.details(f.rule(), f.details()),
                f.firstSeen().toString(),
                f.lastSeen().toString(),
                CliWords.findingStatus(String.valueOf(f.status()))
                        + (f.holds()
                                ? ""
                                : CliWords.lang()
                                        .pick("（" + f.clearedOn() + " 已消除）", " (cleared " + f.clearedOn() + ")")));
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** What both status changes share: the finding, the note, the actor, and the output. */
    abstract static class StatusChange implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Parameters(index = "0", paramLabel = "ID", description = "The finding's # in `findings`.")
        long id;

        @Option(
                names = "--note",
                required = true,
                paramLabel = "TEXT",
                description = "Why (kept with the finding and in the audit log).")
        String note;

        @Option(names = "--json", description = "Print the finding as JSON and nothing else on stdout.")
        boolean json;

        abstract StoredFinding change(FindingsService findings);

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                StoredFinding f = change(context.getBean(FindingsService.class));
                if (json) {
                    System.out.println(Json.write(f.asJson()));
                } else {
                    System.out.println(CliWords.lang()
                            .pick(
                                    "核查发现 #" + f.id() + " " + CliWords.rule(f.rule()) + " → "
                                            + CliWords.findingStatus(f.status()) + "，操作人 " + f.statusBy(),
                                    "finding #" + f.id() + " " + CliWords.rule(f.rule()) + " → "
                                            + CliWords.findingStatus(f.status()) + " by " + f.statusBy()));
                }
            }
            return 0;
        }
    }

    /** {@code findings ack ID --note TEXT [--as NAME]}. */
    @Command(name = "ack", description = "Acknowledge a finding: someone is on it.")
    static class Ack extends StatusChange {

        @Override
        StoredFinding change(FindingsService findings) {
            return findings.acknowledge(id, note, actor.actor());
        }
    }

    /** {@code findings resolve ID --note TEXT [--as NAME]}. */
    @Command(name = "resolve", description = "Resolve a finding; later runs keep it resolved.")
    static class Resolve extends StatusChange {

        @Override
        StoredFinding change(FindingsService findings) {
            return findings.resolve(id, note, actor.actor());
        }
    }
}
