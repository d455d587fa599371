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
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code identity pending|link|different|review}: records waiting for their person, an admin's decisions about them,
 * and scored matching's review queue.
 */
@Command(
        name = "identity",
        description = "Records waiting for their person; link them by hand or mark them as a different person.",
        subcommands = {
            IdentityCommand.Pending.class,
            IdentityCommand.Link.class,
            IdentityCommand.Different.class,
            IdentityReviewCommand.class
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

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                List<IdentityQueries.PendingKey> pending =
                        context.getBean(IdentityQueries.class).pending();
                // a key waiting in scored matching's review queue: its best candidate and the evidence (issue 13)
                Map<String, org.lujing.identity.IdentityReview.Entry> review = new java.util.HashMap<>();
                context.getBean(org.lujing.identity.IdentityReview.class)
                        .queue()
                        .forEach(e -> review.putIfAbsent(e.key(), e));
                if (json) {
                    System.out.println(Json.write(pending.stream()
                            .map(p -> {
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
                                    Map<String, Object> best = new LinkedHashMap<>();
                                    best.put("reviewId", r.id());
                                    best.put("subjectId", r.best().subjectId());
                                    best.put("score", r.best().score());
                                    best.put("evidence", Json.parse(r.best().evidence()));
                                    best.put("why", r.why());
                                    m.put("review", best);
                                }
                                return m;
                            })
                            .toList()));
                } else {
                    TextTable t = new TextTable("键 key", "依据 by", "姓名 names", "身份证号 ID", "记录", "候选 candidates");
                    pending.forEach(p -> t.row(
                            p.subjectKey().substring(0, 12),
                            p.keyKind(),
                            p.names(),
                            p.idMasked() == null ? "—" : p.idMasked(),
                            Long.toString(p.records()),
                            Long.toString(p.candidates())));
                    System.out.print(t.render());
                }
            }
            return 0;
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

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        abstract String kind();

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                IdentityQueries queries = context.getBean(IdentityQueries.class);
                String fullKey = queries.resolveKey(key);
                if (queries.subject(subject).isEmpty()) {
                    throw new IllegalArgumentException(
                            "there is no person #" + subject + " on the roster (see `subjects`)");
                }
                context.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
                    context.getBean(IdentityMatcher.class).decide(kind(), fullKey, subject, actor.actor(), reason);
                    context.getBean(AuditLog.class)
                            .record(
                                    actor.actor(),
                                    "IDENTITY_" + kind(),
                                    "key " + fullKey.substring(0, 12) + " → person #" + subject,
                                    reason,
                                    null);
                });
                System.out.println(kind() + ": key " + fullKey.substring(0, 12) + " and person #" + subject
                        + " — recorded" + " and applied; later runs keep it.");
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
