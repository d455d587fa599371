package org.lujing.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.identity.IdentityMatcher;
import org.lujing.identity.IdentityQueries;
import org.lujing.report.TextTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code identity pending|link|different|review}: records waiting for their person, an admin's decisions about them,
 * and scored matching's review queue.
 *
 * <p>Why one class of this length: picocli's subcommands of {@code identity} (pending, link, different, review, model)
 * are nested classes of one command, each a few lines of options and output, as the other commands are written.
 */
@Command(
        name = "identity",
        description = "Records waiting for their person; link them by hand or mark them as a different person.",
        subcommands = {
            IdentityCommand.Pending.class,
            IdentityCommand.Link.class,
            IdentityCommand.Different.class,
            IdentityReviewCommand.class,
            IdentityCommand.Model.class
        })
class IdentityCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code identity pending [--json]}. */
    @Command(name = "pending", description = "Records not tied to anyone on the roster, by key.")
    static class Pending implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                // written as read, a range of keys at a time (the text a table per thousand keys)
                Iterable<IdentityQueries.PendingKey> pending =
                        context.getBean(IdentityQueries.class).pending();
                // a key waiting in scored matching's review queue: its best candidate and the evidence (issue 13)
                Map<String, org.lujing.identity.IdentityReview.Entry> review = new java.util.HashMap<>();
                context.getBean(org.lujing.identity.IdentityReview.class)
                        .queue()
                        .forEach(e -> review.putIfAbsent(e.key(), e));
                if (json) {
                    Json.printEach(pending, p -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("key", p.subjectKey().substring(0, 12));
                        m.put("keyKind", p.keyKind());
                        m.put("names", p.names());
                        m.put("idNumber", p.idMasked());
                        m.put("records", p.records());
                        m.put("candidates", p.candidates());
                        org.lujing.identity.IdentityReview.Entry r =
                                review.get(p.subjectKey().substring(0, 12));
                        if (r != null) {
                            m.put("review", reviewJson(r));
                        }
                        return m;
                    });
                } else {
                    // the keys in the review queue (at most the queue's thousand), in the order listed
                    List<org.lujing.identity.IdentityReview.Entry> scored = new java.util.ArrayList<>();
                    TableBlocks.print(
                            pending,
                            () -> CliWords.table(
                                    "键 key", "依据 by", "姓名 names", "身份证号 ID", "记录 records", "候选 candidates"),
                            (t, p) -> {
                                t.row(
                                        p.subjectKey().substring(0, 12),
                                        CliWords.coded(CliWords.lang().matchMethod(p.keyKind()), p.keyKind()),
                                        p.names(),
                                        p.idMasked() == null ? "—" : p.idMasked(),
                                        Long.toString(p.records()),
                                        Long.toString(p.candidates()));
                                org.lujing.identity.IdentityReview.Entry r =
                                        review.get(p.subjectKey().substring(0, 12));
                                if (r != null) {
                                    scored.add(r);
                                }
                            },
                            CliWords.lang()
                                    .pick(
                                            "没有待识别的记录：每条记录都已对上名册中的人。",
                                            "No pending record: every record is tied to someone on the roster."),
                            System.out);
                    printScoredCandidates(scored);
                }
            }
            return 0;
        }
    }

    /**
     * Under the table, for each pending key in scored matching's review queue, its candidates with the evidence in
     * words — each comparison's level and weight, identity masked — as {@code --json} gives them in codes (issue 13).
     */
    static void printScoredCandidates(List<org.lujing.identity.IdentityReview.Entry> scored) {
        org.lujing.report.ReportLanguage lang = CliWords.lang();
        boolean zh = lang == org.lujing.report.ReportLanguage.ZH;
        if (scored.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println(lang.pick(
                "评分匹配的候选人（待审核；证件号、电话已脱敏）：", "Scored candidates (waiting for review; ID numbers and phones masked):"));
        for (org.lujing.identity.IdentityReview.Entry e : scored) {
            System.out.println("  " + lang.pick("键 ", "key ") + e.key() + "  " + said(e.rows(), lang));
            candidate(lang.pick("候选", "candidate"), e.best(), zh, lang);
            if (e.second() != null) {
                candidate(lang.pick("次选", "runner-up"), e.second(), zh, lang);
            }
            System.out.println("    " + lang.pick("审核：identity review accept ", "review: identity review accept ")
                    + e.id() + " | reject " + e.id() + " --reason …");
        }
    }

    /** A review entry as {@code identity pending --json} gives it beside its key. */
    private static Map<String, Object> reviewJson(org.lujing.identity.IdentityReview.Entry r) {
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("reviewId", r.id());
        best.put("subjectId", r.best().subjectId());
        best.put("score", r.best().score());
        best.put("evidence", Json.parse(r.best().evidence()));
        best.put("evidenceZh", r.best().evidenceZh());
        if (r.second() != null) {
            Map<String, Object> second = new LinkedHashMap<>();
            second.put("subjectId", r.second().subjectId());
            second.put("score", r.second().score());
            second.put("evidence", Json.parse(r.second().evidence()));
            second.put("evidenceZh", r.second().evidenceZh());
            best.put("second", second);
        }
        best.put("why", r.why());
        return best;
    }

    private static void candidate(
            String label,
            org.lujing.identity.IdentityReview.Candidate c,
            boolean zh,
            org.lujing.report.ReportLanguage lang) {
        System.out.println("    " + label + " #" + c.subjectId() + " " + said(c.person(), lang) + "："
                + (zh ? c.evidenceZh() : c.evidenceEn()));
    }

    /** A name with the masked ID number and phone beside it, those that are known. */
    private static String said(org.lujing.identity.IdentityReview.Side side, org.lujing.report.ReportLanguage lang) {
        List<String> parts = new java.util.ArrayList<>();
        if (side.idMasked() != null) {
            parts.add(lang.pick("身份证号 ", "ID ") + side.idMasked());
        }
        if (side.phoneMasked() != null) {
            parts.add(lang.pick("电话 ", "phone ") + side.phoneMasked());
        }
        String name = side.name() == null ? "—" : side.name();
        return parts.isEmpty()
                ? name
                : name + lang.pick("（", " (") + String.join(lang.pick("，", ", "), parts) + lang.pick("）", ")");
    }

    /** {@code identity model [--json]}: the weights scored matching uses now, and where each came from (issue 13). */
    @Command(
            name = "model",
            description = "The weights of scored matching: each comparison level's m, u and weight, and their sources.")
    static class Model implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Option(names = "--json", description = "Print JSON and nothing else on stdout.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                org.lujing.identity.ScoredMatching.Explanation model = context.getBean(
                                org.lujing.identity.ScoredMatching.class)
                        .explain();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("rosterSize", model.rosterSize());
                    m.put("prior", round(model.prior(), 2));
                    m.put("upper", model.settings().upper());
                    m.put("lower", model.settings().lower());
                    m.put("margin", model.settings().margin());
                    m.put("enoughExamples", model.enoughExamples());
                    m.put(
                            "levels",
                            model.levels().stream()
                                    .map(l -> {
                                        Map<String, Object> x = new LinkedHashMap<>();
                                        x.put("field", l.level().field().name());
                                        x.put("level", l.level().shortName());
                                        x.put("m", l.m());
                                        x.put("mSource", l.mSource().name());
                                        x.put("mPairs", l.mPairs());
                                        x.put("priorM", org.lujing.identity.match.MatchModel.priorM(l.level()));
                                        x.put("u", l.u());
                                        x.put("uSource", l.uSource().name());
                                        x.put("uPairs", l.uPairs());
                                        x.put("weight", round(l.weight(), 2));
                                        return x;
                                    })
                                    .toList());
                    System.out.println(Json.write(m));
                    return 0;
                }
                org.lujing.report.ReportLanguage lang = CliWords.lang();
                boolean zh = lang == org.lujing.report.ReportLanguage.ZH;
                System.out.println(lang.pick(
                        String.format(
                                java.util.Locale.ROOT,
                                "评分匹配的权重：名册 %,d 人，先验 %.1f 位；自动关联 ≥ %s 位，待审核 ≥ %s 位，须领先次选 %s 位",
                                model.rosterSize(),
                                model.prior(),
                                plain(model.settings().upper()),
                                plain(model.settings().lower()),
                                plain(model.settings().margin())),
                        String.format(
                                java.util.Locale.ROOT,
                                "Scored matching's weights: roster of %,d, prior %.1f bits; linked at ≥ %s bits, reviewed"
                                        + " at ≥ %s, leading the runner-up by %s",
                                model.rosterSize(),
                                model.prior(),
                                plain(model.settings().upper()),
                                plain(model.settings().lower()),
                                plain(model.settings().margin()))));
                TextTable t = CliWords.table(
                        lang.pick("字段", "field"),
                        lang.pick("层级", "level"),
                        "m",
                        lang.pick("m 的来源", "m from"),
                        "u",
                        lang.pick("u 的来源", "u from"),
                        lang.pick("权重（位）", "weight (bits)"));
                for (org.lujing.identity.match.MatchModel.LevelWeight l : model.levels()) {
                    t.row(
                            org.lujing.identity.match.EvidenceWords.field(
                                    l.level().field(), zh),
                            CliWords.coded(
                                    org.lujing.identity.match.EvidenceWords.level(l.level(), zh),
                                    l.level().shortName()),
                            String.format(java.util.Locale.ROOT, "%.4f", l.m()),
                            mFrom(l, lang),
                            String.format(java.util.Locale.ROOT, "%.2e", l.u()),
                            uFrom(l, lang),
                            String.format(java.util.Locale.ROOT, "%+.1f", l.weight()));
                }
                System.out.print(t.render());
                System.out.println(lang.pick(
                        "m：同一人时出现该层级的概率；台账中以有效身份证号关联的记录（姓名、电话、出生日期与名册比对）每个字段满 "
                                + model.enoughExamples()
                                + " 对时按台账估计（与先验折中，最多比先验低 2 位），否则用先验；身份证号的 m 只能用先验。"
                                + "u：不同人时出现该层级的概率，按名册抽样估计；姓名相同、繁简相同、同音的 u 随该姓名在名册中的人数而变（表中为一人独有的姓名）。",
                        "m: the chance of the level for the same person; estimated from ledger records tied by a valid ID"
                                + " number (their name, phone and birth date against the roster) once a field has "
                                + model.enoughExamples()
                                + " pairs (blended with the prior, at most 2 bits below it), else the prior; the ID"
                                + " number's m can only be priors. u: the chance for different people, from pairs"
                                + " sampled on the roster; a name's agreeing levels vary with how many people carry"
                                + " the name (shown for a name one person has)."));
            }
            return 0;
        }

        private static String mFrom(
                org.lujing.identity.match.MatchModel.LevelWeight l, org.lujing.report.ReportLanguage lang) {
            String prior = String.format(
                    java.util.Locale.ROOT, "%.4f", org.lujing.identity.match.MatchModel.priorM(l.level()));
            return switch (l.mSource()) {
                case LEDGER ->
                    lang.pick(
                            String.format(java.util.Locale.ROOT, "台账 %,d 对（先验 %s）", l.mPairs(), prior),
                            String.format(java.util.Locale.ROOT, "ledger, %,d pairs (prior %s)", l.mPairs(), prior));
                case PRIOR ->
                    l.level().field() == org.lujing.identity.match.Level.Field.ID
                            ? lang.pick("先验（台账无从估计）", "prior (the ledger cannot show it)")
                            : lang.pick(
                                    String.format(java.util.Locale.ROOT, "先验（台账仅 %,d 对）", l.mPairs()),
                                    String.format(java.util.Locale.ROOT, "prior (ledger: %,d pairs only)", l.mPairs()));
            };
        }

        private static String uFrom(
                org.lujing.identity.match.MatchModel.LevelWeight l, org.lujing.report.ReportLanguage lang) {
            return switch (l.uSource()) {
                case ROSTER_SAMPLE ->
                    lang.pick(
                            String.format(java.util.Locale.ROOT, "名册抽样 %,d 对", l.uPairs()),
                            String.format(java.util.Locale.ROOT, "roster sample, %,d pairs", l.uPairs()));
                case FLOOR ->
                    lang.pick(
                            String.format(java.util.Locale.ROOT, "下限（抽样 %,d 对中罕见）", l.uPairs()),
                            String.format(java.util.Locale.ROOT, "floor (rare in %,d sampled pairs)", l.uPairs()));
                case NAME_FREQUENCY -> lang.pick("姓名频率", "name frequency");
            };
        }

        private static String plain(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }

        private static double round(double v, int places) {
            return java.math.BigDecimal.valueOf(v)
                    .setScale(places, java.math.RoundingMode.HALF_UP)
                    .doubleValue();
        }
    }

    /** Shared by link and different: the key, the person, the reason, who. */
    abstract static class Decision implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Option(
                names = "--key",
                required = true,
                paramLabel = "KEY",
                description = "A pending key (at least 8 characters, see `identity pending`).")
        String key;

        @Option(
                names = "--subject",
                required = true,
                paramLabel = "ID",
                description = "The person's # (see `subjects`).")
        long subject;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
        String reason;

        abstract String kind();

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                IdentityQueries queries = context.getBean(IdentityQueries.class);
                String fullKey = queries.resolveKey(key);
                if (queries.subject(subject).isEmpty()) {
                    throw new IllegalArgumentException(
                            "名册上没有编号为 #" + subject + " 的人（`subjects` 列出名册） ‖ there is no person #" + subject
                                    + " on the roster (see `subjects`)");
                }
                // the decision and its audit entry together; then the ledger matched again under it
                context.getBean(IdentityMatcher.class)
                        .decide(
                                kind(),
                                fullKey,
                                subject,
                                actor.actor(),
                                reason,
                                () -> context.getBean(AuditLog.class)
                                        .record(
                                                actor.actor(),
                                                "IDENTITY_" + kind(),
                                                "key " + fullKey.substring(0, 12) + " → person #" + subject,
                                                reason,
                                                null));
                System.out.println(CliWords.lang()
                        .pick(
                                ("LINK".equals(kind()) ? "确认为同一人（LINK）" : "确认不是同一人（DIFFERENT）") + "：键 "
                                        + fullKey.substring(0, 12) + " 与名册人员 #" + subject
                                        + " 的决定已记录并生效；以后的匹配都会遵守它。",
                                kind() + ": key " + fullKey.substring(0, 12) + " and person #" + subject
                                        + " — recorded and applied; later runs keep it."));
            }
            return 0;
        }
    }

    /** {@code identity link --key K --subject S --reason R}. */
    @Command(name = "link", description = "These records belong to this person (overrides automatic matching).")
    static class Link extends Decision {
        @Override
        String kind() {
            return "LINK";
        }
    }

    /** {@code identity different --key K --subject S --reason R}. */
    @Command(name = "different", description = "These records are NOT this person: never match them to it.")
    static class Different extends Decision {
        @Override
        String kind() {
            return "DIFFERENT";
        }
    }
}
