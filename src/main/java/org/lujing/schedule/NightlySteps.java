package org.lujing.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.lujing.feed.FeedPuller;
import org.lujing.feed.PullResult;
import org.lujing.home.LujingProperties;
import org.lujing.identity.IdentityMatcher;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.InboxClaims;
import org.lujing.ingest.InboxFailures;
import org.lujing.ledger.Bilingual;
import org.lujing.ledger.Period;
import org.lujing.reconcile.ReconcileService;
import org.lujing.reconcile.ReconcileSummary;
import org.lujing.report.ReportLanguage;
import org.lujing.report.ReportService;
import org.lujing.source.SourceCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of the nightly chain, each a thin adapter over the service that does the work. */
@Configuration(proxyBeanMethods = false)
class NightlySteps {

    /**
     * pull-feeds: every source with a feed route. A feed without a URL is skipped and one that cannot be reached is
     * reported and tried again next night — the night goes on either way (reconciliation shows the gap). A feed whose
     * pull cannot run at all (its route will not start, the ingest of its records fails) does not hold up the feeds
     * after it: they are pulled, then the step fails naming it, and {@code nightly --resume} pulls again.
     */
    @Bean
    NightlyStep nightlyPullFeeds(
            FeedPuller feeds, SourceCatalog sources, CamelContext camel, FileIngestService ingest) {
        return new NightlyStep() {
            @Override
            public String name() {
                return "pull-feeds";
            }

            @Override
            public String run(LocalDate night) {
                return run(night, Progress.NONE);
            }

            @Override
            public String run(LocalDate night, Progress progress) {
                List<String> said = new ArrayList<>();
                List<String> saidZh = new ArrayList<>();
                List<org.lujing.source.SourceDefinition> withFeed = sources.all().stream()
                        .filter(s -> feeds.hasFeed(s.id()))
                        .toList();
                org.lujing.source.SourceDefinition firstFailed = null;
                Throwable firstCause = null;
                int failed = 0;
                for (var source : withFeed) {
                    if (ingest.isStopping()) {
                        // the process stops: the feeds not pulled yet are pulled when the night goes on
                        throw new FileIngestService.ProcessStoppingException(source.id() + " feed");
                    }
                    progress.report(
                            said.size(),
                            withFeed.size(),
                            "拉取 " + source.agency() + " 的数据",
                            "pulling " + source.id() + "'s feed");
                    String route = source.id() + "-feed";
                    PullResult r;
                    try {
                        // commands other than serve start with routes stopped; a feed route is started for its pull
                        startRoute(camel, route);
                        r = feeds.pull(source.id());
                    } catch (Exception e) {
                        // the ingest of its records could not run (an unreachable feed is a result, not this): the
                        // feeds after it are still pulled tonight, then the step fails and names it
                        failed++;
                        if (firstFailed == null) {
                            firstFailed = source;
                            firstCause = e;
                        }
                        said.add(source.id() + " FAILED");
                        saidZh.add(source.agency() + " 拉取未能运行");
                        continue;
                    }
                    said.add(source.id() + " " + r.status()
                            + (r.message() == null || r.message().isBlank() ? "" : " (" + r.message() + ")"));
                    saidZh.add(source.agency() + " " + pullZh(r));
                }
                if (said.isEmpty()) {
                    return "没有数据接口 ‖ no feeds";
                }
                String zh = "拉取：" + String.join("；", saidZh);
                String en = String.join("; ", said);
                if (failed > 0) {
                    // the night shows the failed step and `nightly --resume` pulls again — after the other feeds
                    String why = InboxFailures.maskedCause(firstCause);
                    throw new IllegalStateException(
                            zh + "。" + failed + " 个数据接口未能拉取，第一个：" + firstFailed.agency() + "（" + firstFailed.id() + "）："
                                    + Bilingual.half(why, false)
                                    + Bilingual.SEPARATOR + en + ". " + failed + " feed(s) could not be pulled; first: "
                                    + firstFailed.id() + ": "
                                    + Bilingual.half(why, true),
                            firstCause);
                }
                return zh + Bilingual.SEPARATOR + en;
            }
        };
    }

    /**
     * ingest-inbox: what waits in {@code inbox/<source>/}, through the same service and job as the inbox route, and
     * under the same claims ({@link InboxClaims}): a file another node's route (or this one's) has taken is left to
     * it, and a file still being written (changed within {@code lujing.inbox.read-lock-min-age}) waits for the route.
     */
    @Bean
    NightlyStep nightlyIngestInbox(
            FileIngestService ingest,
            LujingProperties properties,
            InboxClaims claims,
            InboxFailures failures,
            @Value("${lujing.inbox.read-lock-min-age:10000}") long minAgeMillis) {
        return new NightlyStep() {
            @Override
            public String name() {
                return "ingest-inbox";
            }

            @Override
            public String run(LocalDate night) {
                return run(night, Progress.NONE);
            }

            @Override
            public String run(LocalDate night, Progress progress) {
                List<Path> files = waiting(properties.inbox());
                int loaded = 0;
                int refused = 0;
                int left = 0;
                int failed = 0;
                Path firstFailed = null;
                RuntimeException firstCause = null;
                for (int i = 0; i < files.size(); i++) {
                    Path file = files.get(i);
                    if (ingest.isStopping()) {
                        // the process stops: the files still waiting stay in the inbox, the night is gone on with
                        throw new FileIngestService.ProcessStoppingException((files.size() - i) + " file(s) / 个文件");
                    }
                    progress.report(
                            i,
                            files.size(),
                            "正在入库第 " + (i + 1) + " 个文件（来源 " + file.getParent().getFileName() + "）",
                            "ingesting file " + (i + 1) + " (source "
                                    + file.getParent().getFileName() + ")");
                    String key = InboxClaims.key(file);
                    if (!settled(file, minAgeMillis)
                            || org.lujing.ingest.InboxFiles.loadedButKept(file)
                            || !claims.add(key)) {
                        left++;
                        continue;
                    }
                    try {
                        if (!Files.isRegularFile(file)) {
                            // taken and finished by the route between the listing and the claim
                            continue;
                        }
                        String source = FileIngestService.sourceOf(properties.inbox(), file);
                        // the file as taken: one that changes under its ingest stays for the route to take again
                        Object taken = org.lujing.ingest.InboxFiles.identity(file);
                        String outcome;
                        try {
                            outcome = ingest.ingest(file, source).outcome();
                        } catch (FileIngestService.ProcessStoppingException stop) {
                            // not the file's failure: it stays in the inbox, untouched and without a report
                            throw stop;
                        } catch (RuntimeException e) {
                            // the file stays in the inbox, its reason beside it (as the route leaves it), for the route
                            // or the next night; the files after it are still taken tonight
                            failures.record(file, e);
                            failed++;
                            if (firstFailed == null) {
                                firstFailed = file;
                                firstCause = e;
                            }
                            continue;
                        }
                        failures.clear(file);
                        if (outcome.equals("IN_PROGRESS")) {
                            // stopped half way with the process: archived and claimed, finished at the next start
                            left++;
                        } else if (outcome.startsWith("LOADED") || outcome.equals("DUPLICATE_FILE")) {
                            loaded++;
                        } else {
                            refused++;
                        }
                        // kept in archive/ or quarantine/ by the ingest, as the route does
                        org.lujing.ingest.InboxFiles.removeIfUnchanged(file, taken);
                    } finally {
                        claims.remove(key);
                    }
                }
                String zh = "收件箱 " + (files.size() - left) + " 个文件：载入 " + loaded + " 个，拒收 " + refused + " 个"
                        + (failed == 0 ? "" : "，未能入库 " + failed + " 个（留在收件箱）")
                        + (left == 0 ? "" : "；" + left + " 个留给收件箱路由（已被领取或仍在写入）");
                String en = (files.size() - left) + " file(s) from the inbox: " + loaded + " loaded, " + refused
                        + " refused"
                        + (failed == 0 ? "" : ", " + failed + " could not be ingested (left in the inbox)")
                        + (left == 0 ? "" : "; " + left + " left to the inbox route (taken or still being written)");
                if (failed > 0) {
                    // the step fails, so the night shows it and a rerun tries those files again — after the others
                    // were taken
                    throw new IllegalStateException(zh + "。第一个原因：" + failures.describe(firstFailed, firstCause, false)
                            + Bilingual.SEPARATOR + en + ". First reason: "
                            + failures.describe(firstFailed, firstCause, true));
                }
                return zh + Bilingual.SEPARATOR + en;
            }
        };
    }

    /** Starts a feed's route and the routes it calls ({@code <route>-page}: one page's request and reading). */
    private static void startRoute(CamelContext camel, String route) {
        try {
            List<String> ids = new ArrayList<>();
            ids.add(route);
            camel.getRoutes().stream()
                    .map(org.apache.camel.Route::getId)
                    .filter(id -> id.startsWith(route + "-"))
                    .forEach(ids::add);
            for (String id : ids) {
                if (!camel.getRouteController().getRouteStatus(id).isStarted()) {
                    camel.getRouteController().startRoute(id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(
                    "无法启动数据接口路由 " + route + "：" + e.getMessage() + " ‖ cannot start the feed route " + route + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Unchanged for the route's minimum age: a partner's copy still under way is not taken. */
    static boolean settled(Path file, long minAgeMillis) {
        try {
            return Files.getLastModifiedTime(file).toMillis() <= System.currentTimeMillis() - minAgeMillis;
        } catch (IOException gone) {
            return false;
        }
    }

    /** rematch: pending records against the roster, with the admins' decisions. */
    @Bean
    NightlyStep nightlyRematch(IdentityMatcher matcher) {
        return new NightlyStep() {
            @Override
            public String name() {
                return "rematch";
            }

            @Override
            public String run(LocalDate night) {
                int matched = matcher.rematch();
                return "匹配了 " + matched + " 条待识别记录 ‖ " + matched + " pending record(s) matched";
            }
        };
    }

    /** reconcile: domain.md's rules over the whole ledger as of the night; findings never change the figures. */
    @Bean
    NightlyStep nightlyReconcile(ReconcileService reconcile) {
        return new NightlyStep() {
            @Override
            public String name() {
                return "reconcile";
            }

            @Override
            public String run(LocalDate night) {
                ReconcileSummary r = reconcile.reconcile(night);
                return "新增 " + r.opened() + " 条，再次发现 " + r.seenAgain() + " 条，已消除 " + r.cleared() + " 条，当前 "
                        + r.active() + " 条 ‖ " + r.opened() + " new, " + r.seenAgain() + " seen again, " + r.cleared()
                        + " cleared, " + r.active() + " holding";
            }
        };
    }

    /** reports: year-to-date statistics, findings and data quality as of the night, under {@code reports/<date>/}. */
    @Bean
    NightlyStep nightlyReports(ReportService reports, LujingProperties properties) {
        return new NightlyStep() {
            @Override
            public String name() {
                return "reports";
            }

            @Override
            public String run(LocalDate night) {
                return run(night, Progress.NONE);
            }

            @Override
            public String run(LocalDate night, Progress progress) {
                // labelled by its year, counted up to the night; findings as of the night; every file's quality
                Period yearToDate = new Period(Integer.toString(night.getYear()), night.withDayOfYear(1), night);
                Path dir = properties.reports().resolve(night.toString());
                progress.report(0, 3, "正在生成统计报表", "writing the statistics");
                List<Path> written = new ArrayList<>(reports.writeStatistics(yearToDate, dir, "zh"));
                progress.report(1, 3, "正在生成核查发现报表", "writing the findings");
                written.addAll(reports.writeFindings(night, dir, "zh"));
                progress.report(2, 3, "正在生成数据质量报表", "writing the data quality report");
                written.addAll(reports.writeQuality(dir, "zh"));
                progress.report(3, 3, "报表已写完", "reports written");
                List<String> names = written.stream()
                        .map(p -> properties.home().relativize(p).toString())
                        .toList();
                return "已写出 " + names.size() + " 个文件：" + String.join("、", names) + " ‖ wrote " + names.size()
                        + " file(s): " + String.join(", ", names);
            }
        };
    }

    /** Names the inbox route leaves alone: hidden, temporary and partly written files. */
    private static final String SKIPPED = "^[.~].*|.*\\.(tmp|part|crdownload|camelLock)$";

    static List<Path> waiting(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            // a file dropped into the inbox itself, beside the source folders: taken too, and quarantined saying where
            // it belongs (the route does the same), not left there unseen; then each source's folder
            addWaiting(inbox, files);
            try (Stream<Path> sources = Files.list(inbox)) {
                for (Path source : sources.filter(Files::isDirectory).sorted().toList()) {
                    if (!source.getFileName().toString().startsWith(".")) {
                        addWaiting(source, files, SUB_FOLDERS);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
        return files;
    }

    /** Folders a source's folder may hold its files in, as deep as the inbox route looks (its maxDepth). */
    static final int SUB_FOLDERS = 2;

    private static void addWaiting(Path dir, List<Path> files) throws IOException {
        addWaiting(dir, files, 0);
    }

    /** The files of one folder the route would take, in name order, then those of its sub-folders {@code depth} deep. */
    private static void addWaiting(Path dir, List<Path> files, int depth) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> in = Files.list(dir)) {
            for (Path p : in.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    if (!p.getFileName().toString().matches(SKIPPED)) {
                        files.add(p);
                    }
                } else if (depth > 0
                        && Files.isDirectory(p)
                        && !p.getFileName().toString().startsWith(".")) {
                    folders.add(p);
                }
            }
        }
        for (Path folder : folders) {
            addWaiting(folder, files, depth - 1);
        }
    }

    /**
     * A feed pull in Chinese words, the status code beside them, then why (a failure's reason, the file's outcome,
     * a warning) in Chinese too; the English half keeps the technical detail.
     */
    static String pullZh(PullResult r) {
        String words = switch (r.status()) {
            case INGESTED -> "已取得 " + r.fresh() + " 条新记录";
            case NOTHING_NEW -> "没有新记录";
            case SKIPPED -> r.messageZh() == null ? "已跳过：未配置接口地址" : "已跳过";
            // not only a network fault: an answer that arrived and could not be read (not JSON, too large, too slow)
            // ends the same way, and its reason follows
            case UNREACHABLE -> "未能取得数据，下一夜重试";
            case INGEST_FAILED -> "新记录入库失败，下次拉取重试";
        };
        List<String> why = new ArrayList<>();
        // the file's outcome when it is not a plain load: records refused are not in the ledger
        if (r.outcome() != null
                && (r.status() == PullResult.Status.INGEST_FAILED
                        || (r.status() == PullResult.Status.INGESTED && !"LOADED".equals(r.outcome())))) {
            why.add("入库结果：" + ReportLanguage.ZH.fileOutcome(r.outcome()) + "（" + r.outcome() + "）");
        }
        if (r.messageZh() != null && !r.messageZh().isBlank()) {
            why.add(r.messageZh());
        }
        return words + "（" + r.status() + "）" + (why.isEmpty() ? "" : "：" + String.join("，", why));
    }
}
