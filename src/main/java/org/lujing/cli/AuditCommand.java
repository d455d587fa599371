package org.lujing.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit [--from D] [--json]}: who saw what unmasked, which decisions were made, which jobs were rerun. */
@Command(name = "audit", description = "The audit log: unmasked views and exports, admin decisions, reruns.")
class AuditCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "From this date (yyyy-MM-dd, Asia/Shanghai); default: everything.")
    LocalDate from;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            java.time.Instant since = from == null
                    ? java.time.Instant.EPOCH
                    : from.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
            // written as read, a thousand entries at a time (the text a table per thousand)
            Iterable<AuditLog.Entry> entries = context.getBean(AuditLog.class).since(since);
            if (json) {
                Json.printEach(entries, e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.id());
                    m.put("at", e.occurredAt().toInstant().toString());
                    m.put("actor", e.actor());
                    m.put("action", e.action());
                    m.put("target", e.target());
                    m.put("reason", e.reason());
                    m.put("details", e.details());
                    return m;
                });
            } else {
                TableBlocks.print(
                        entries,
                        () -> CliWords.table("#", "时间 when", "人 who", "操作 action", "对象 what", "原因 why"),
                        (t, e) -> t.row(
                                Long.toString(e.id()),
                                CliWords.time(e.occurredAt()),
                                e.actor(),
                                CliWords.audit(e.action()),
                                CliWords.auditText(e.target()),
                                e.reason()),
                        from == null
                                ? CliWords.lang().pick("审计日志还是空的。", "The audit log is empty.")
                                : CliWords.lang()
                                        .pick(from + " 以来没有审计记录。", "Nothing in the audit log since " + from + "."),
                        System.out);
            }
        }
        return 0;
    }
}
