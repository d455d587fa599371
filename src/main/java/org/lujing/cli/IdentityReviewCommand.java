package org.lujing.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.identity.IdentityReview;
import org.lujing.report.ReportLanguage;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code identity review [--links] [--json]}, {@code identity review accept|reject ID --reason TEXT}: scored matching's
 * review queue (or its automatic links' evidence), each pending key beside the person it may be, masked; an admin
 * accepts (a link) or rejects (different people).
 */
@Command(
        name = "review",
        description =
                "Scored matching's review queue: pending records beside the person they may be, with the evidence.",
        subcommands = {IdentityReviewCommand.Accept.class, IdentityReviewCommand.Reject.class})
class IdentityReviewCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
    boolean json;

    @Option(names = "--links", description = "Show the evidence of the automatic links instead of the queue.")
    boolean links;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            IdentityReview review = context.getBean(IdentityReview.class);
            List<IdentityReview.Entry> entries = links ? review.links() : review.queue();
            if (json) {
                System.out.println(Json.write(
                        entries.stream().map(IdentityReviewCommand::json).toList()));
                return 0;
            }
            ReportLanguage lang = CliWords.lang();
            boolean zh = lang == ReportLanguage.ZH;
            if (entries.isEmpty()) {
                System.out.println(
                        links
                                ? lang.pick("没有评分匹配自动关联的记录。", "No records were linked by scored matching.")
                                : lang.pick("待审核队列为空。", "The review queue is empty."));
                return 0;
            }
            TextTable t = CliWords.table(
                    "#",
                    lang.pick("记录", "records"),
                    lang.pick("记录中的姓名", "name in records"),
                    lang.pick("录入的身份证号", "ID as typed"),
                    lang.pick("录入的电话", "phone as typed"),
                    lang.pick("名册人员", "person"),
                    lang.pick("名册身份证号", "roster ID"),
                    lang.pick("名册电话", "roster phone"),
                    lang.pick("证据", "evidence"));
            for (IdentityReview.Entry e : entries) {
                t.row(
                        Long.toString(e.id()),
                        Long.toString(e.records()),
                        dash(e.rows().name()),
                        dash(e.rows().idMasked()),
                        dash(e.rows().phoneMasked()),
                        e.best().person().name() + " #" + e.best().subjectId(),
                        dash(e.best().person().idMasked()),
                        dash(e.best().person().phoneMasked()),
                        zh ? e.best().evidenceZh() : e.best().evidenceEn());
                if (e.second() != null) {
                    t.row(
                            "",
                            "",
                            "",
                            "",
                            "",
                            lang.pick("次选 ", "runner-up ") + e.second().person().name() + " #"
                                    + e.second().subjectId(),
                            dash(e.second().person().idMasked()),
                            dash(e.second().person().phoneMasked()),
                            zh ? e.second().evidenceZh() : e.second().evidenceEn());
                }
            }
            System.out.print(t.render());
            long all = review.count(links ? "LINKED" : "REVIEW");
            if (all > entries.size()) {
                System.out.println(lang.pick(
                        "共 " + all + " 条，这里列出前 " + entries.size() + " 条（" + (links ? "从新到旧" : "按分数从高到低") + "）。",
                        all + " in all; the first " + entries.size() + " are listed ("
                                + (links ? "newest first" : "strongest first") + ")."));
            }
            if (!links) {
                System.out.println(
                        lang.pick(
                                "确认：identity review accept # --reason 理由；否定：identity review reject # --reason 理由",
                                "Accept: identity review accept # --reason TEXT; reject: identity review reject # --reason TEXT"));
            }
        }
        return 0;
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    static Map<String, Object> json(IdentityReview.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("outcome", e.outcome());
        m.put("key", e.key());
        m.put("keyKind", e.keyKind());
        m.put("records", e.records());
        m.put("rows", e.rows());
        m.put("best", candidate(e.best()));
        m.put("second", e.second() == null ? null : candidate(e.second()));
        m.put("why", e.why());
        m.put(
                "matchedAt",
                e.matchedAt() == null ? null : e.matchedAt().toInstant().toString());
        return m;
    }

    private static Map<String, Object> candidate(IdentityReview.Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subjectId", c.subjectId());
        m.put("person", c.person());
        m.put("score", c.score());
        m.put("evidence", Json.parse(c.evidence()));
        return m;
    }

    /** Shared by accept and reject. */
    abstract static class Decision implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Parameters(index = "0", paramLabel = "ID", description = "The entry's # (see `identity review`).")
        long id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        abstract IdentityReview.Entry decide(IdentityReview review, IdentityReview.Audit audit);

        abstract String done(ReportLanguage lang);

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                IdentityReview.Entry e = decide(
                        context.getBean(IdentityReview.class),
                        context.getBean(org.lujing.audit.AuditLog.class)::record);
                System.out.println(
                        done(CliWords.lang()) + " #" + id + ": " + e.rows().name() + " → "
                                + e.best().person().name() + " #" + e.best().subjectId());
            }
            return 0;
        }
    }

    /** {@code identity review accept ID --reason TEXT}. */
    @Command(name = "accept", description = "These records are this person: link them (as `identity link`).")
    static class Accept extends Decision {
        @Override
        IdentityReview.Entry decide(IdentityReview review, IdentityReview.Audit audit) {
            return review.accept(id, actor.actor(), reason, audit);
        }

        @Override
        String done(ReportLanguage lang) {
            return lang.pick("已确认为同一人（LINK），以后的运行都会保持", "Linked (LINK); later runs keep it");
        }
    }

    /** {@code identity review reject ID --reason TEXT}. */
    @Command(name = "reject", description = "These records are NOT this person (as `identity different`).")
    static class Reject extends Decision {
        @Override
        IdentityReview.Entry decide(IdentityReview review, IdentityReview.Audit audit) {
            return review.reject(id, actor.actor(), reason, audit);
        }

        @Override
        String done(ReportLanguage lang) {
            return lang.pick("已确认不是此人（DIFFERENT），以后的运行都会保持", "Marked different (DIFFERENT); later runs keep it");
        }
    }
}
