package org.lujing.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.identity.IdentityKeys;
import org.lujing.identity.IdentityQueries;
import org.lujing.identity.KeyRing;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code subjects}: the people on the roster, ID numbers masked (first 4, last 2, never beside a birth date).
 * {@code --unmasked --reason R} shows the numbers in clear — admins only, and every such view is audited first.
 */
@Command(
        name = "subjects",
        description = "People on the roster, identity masked; --unmasked --reason R for an audited clear view.")
class SubjectsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Mixin
    ActorOptions actor;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Option(names = "--unmasked", description = "Show ID numbers in clear (written to the audit log with --reason).")
    boolean unmasked;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the clear view, for the audit log.")
    String reason;

    @Option(
            names = "--history",
            paramLabel = "N",
            description = "The roster changes of one person: their number as subjects lists it (3 or #3).")
    String historyOf;

    @Override
    public Integer call() {
        if (unmasked && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(
                    "--unmasked 需要 --reason：每次查看未遮盖的信息都会记入审计（谁、何时、为何） ‖ --unmasked needs --reason:"
                            + " every unmasked view is audited with who, when and why");
        }
        Long history = PersonNumber.parse("--history", historyOf);
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            IdentityQueries queries = context.getBean(IdentityQueries.class);
            if (history != null) {
                var person = queries.subject(history)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "名册上没有编号为 #" + history + " 的人（见 subjects） ‖ there is no person #" + history
                                        + " on the roster (see subjects)"));
                org.lujing.ingest.FileRegistry files = context.getBean(org.lujing.ingest.FileRegistry.class);
                var changes = queries.history(history);
                if (json) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    changes.forEach(h -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        // an instant in UTC, as every other JSON output gives its times
                        m.put("changedAt", h.changedAt().toInstant().toString());
                        m.put("field", h.field());
                        m.put("oldValue", h.oldValue());
                        m.put("newValue", h.newValue());
                        m.put("fileId", h.fileId());
                        m.put("fileName", fileName(files, h.fileId()));
                        out.add(m);
                    });
                    System.out.println(Json.write(out));
                    return 0;
                }
                if (changes.isEmpty()) {
                    System.out.println(CliWords.lang()
                            .pick(
                                    "#" + history + " " + person.name() + " 自登记以来没有变更。",
                                    "#" + history + " " + person.name() + " has not changed since it was registered."));
                    return 0;
                }
                var lang = CliWords.lang();
                System.out.println(lang.pick(
                        "#" + history + " " + person.name() + " 的名册变更：",
                        "Roster changes of #" + history + " " + person.name() + ":"));
                TextTable t = CliWords.table("时间 when", "字段 field", "原值 old", "新值 new", "文件 file");
                changes.forEach(h -> t.row(
                        h.changedAt().toLocalDateTime().withNano(0).toString().replace('T', ' '),
                        fieldWords(h.field(), lang),
                        valueWords(h.oldValue(), lang),
                        valueWords(h.newValue(), lang),
                        h.fileId() == null ? "" : "#" + h.fileId() + " " + fileName(files, h.fileId())));
                System.out.print(t.render());
                return 0;
            }
            var subjects = queries.subjects();
            List<String> clear = new ArrayList<>();
            if (unmasked) {
                // the ring decrypts under whichever key a value was written with (mid-rotation too)
                KeyRing ring = context.getBean(KeyRing.class);
                // the audit entry commits before anything is shown
                context.getBean(TransactionTemplate.class)
                        .executeWithoutResult(tx -> context.getBean(AuditLog.class)
                                .record(
                                        actor.actor(),
                                        "VIEW_UNMASKED",
                                        "subjects (" + subjects.size() + " people)",
                                        reason,
                                        "command line"));
                subjects.forEach(s -> clear.add(ring.decrypt(IdentityKeys.ID_NUMBER, s.idCipher())));
            }
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (int i = 0; i < subjects.size(); i++) {
                    var s = subjects.get(i);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("name", s.name());
                    m.put("idNumber", unmasked ? clear.get(i) : s.idMasked());
                    m.put("gender", s.gender());
                    m.put("community", s.community());
                    m.put("correctionType", s.correctionType());
                    m.put(
                            "supervisionStart",
                            s.supervisionStart() == null
                                    ? null
                                    : s.supervisionStart().toString());
                    m.put(
                            "supervisionEnd",
                            s.supervisionEnd() == null
                                    ? null
                                    : s.supervisionEnd().toString());
                    m.put("records", s.records());
                    out.add(m);
                }
                System.out.println(Json.write(out));
            } else if (subjects.isEmpty()) {
                System.out.println(CliWords.lang()
                        .pick(
                                "名册上还没有人：用 `ingest --source roster 名册文件` 导入名册。",
                                "Nobody is on the roster yet: load it with `ingest --source roster FILE`."));
            } else {
                TextTable t = CliWords.table(
                        "#",
                        "姓名 name",
                        "身份证号 ID",
                        "矫正类别 correction type",
                        "社区 community",
                        "矫正期间 supervision",
                        "记录 records");
                for (int i = 0; i < subjects.size(); i++) {
                    var s = subjects.get(i);
                    t.row(
                            Long.toString(s.id()),
                            s.name(),
                            unmasked ? clear.get(i) : s.idMasked(),
                            s.correctionType(),
                            s.community(),
                            supervision(s.supervisionStart(), s.supervisionEnd()),
                            Long.toString(s.records()));
                }
                System.out.print(t.render());
            }
        }
        return 0;
    }

    /**
     * The supervision period as the roster gave it (dates as stored, yyyy-MM-dd); a date it did not give is a dash (it
     * printed "null ~ null").
     */
    static String supervision(Object start, Object end) {
        if (start == null && end == null) {
            return "—";
        }
        return (start == null ? "—" : start.toString()) + " ~ " + (end == null ? "—" : end.toString());
    }

    /** A roster field as the roster's header says it, its code beside it: 矫正类别（correctionType）. */
    static String fieldWords(String field, org.lujing.report.ReportLanguage lang) {
        String[] words = switch (field) {
            case "name" -> new String[] {"姓名", "name"};
            case "gender" -> new String[] {"性别", "gender"};
            case "phone" -> new String[] {"联系电话", "phone"};
            case "community" -> new String[] {"所属社区", "community"};
            case "correctionType" -> new String[] {"矫正类别", "correction type"};
            case "supervisionStart" -> new String[] {"矫正起始日期", "supervision start"};
            case "supervisionEnd" -> new String[] {"矫正终止日期", "supervision end"};
            default -> null;
        };
        return words == null ? field : lang.pick(words[0] + "（" + field + "）", words[1] + " (" + field + ")");
    }

    /** A phone's change is stored as markers, never the number: 已登记 / 已更改; other values as they are. */
    static String valueWords(String value, org.lujing.report.ReportLanguage lang) {
        if ("(set)".equals(value)) {
            return lang.pick("（已登记）", "(registered)");
        }
        if ("(changed)".equals(value)) {
            return lang.pick("（已更改）", "(changed)");
        }
        return value;
    }

    /** The roster file a change came from, by the name it was sent under (masked as every file name is stored). */
    private static String fileName(org.lujing.ingest.FileRegistry files, Long fileId) {
        return fileId == null
                ? null
                : files.find(fileId)
                        .map(org.lujing.ingest.IngestedFile::fileName)
                        .orElse(null);
    }
}
