package org.lujing.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.lujing.home.LujingProperties;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.lujing.normalise.Masking;
import org.lujing.read.FileOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of a feed-pull route ({@code routes/<source>-feed.camel.yaml}): settings, page URLs, taking pages in,
 * and at the end one JSON file of the pull's new records handed to the same ingest job as a dropped file.
 *
 * <p>Idempotence is by record id, in Camel's JDBC idempotent repository (table {@code CAMEL_MESSAGEPROCESSED},
 * owned by Flyway, processor name {@code <source>-feed}). Ids are marked only after the ingest of the file holding
 * them succeeded (LOADED, LOADED_WITH_REJECTS, or DUPLICATE_FILE: the same content was loaded before), and only for
 * the records it counted: a record it refused is kept by its content instead ({@link FeedRejects}), so that the
 * partner's correction comes with a later pull. The ingest
 * commits in its own transactions and the marks in theirs, so a crash between the two re-pulls those records the
 * next night: delivery is at least once, and the ledger takes a repeat once (same file content: DUPLICATE_FILE;
 * otherwise a record of the same identity merges into the existing one). A failed ingest marks nothing and loses
 * nothing.
 */
@Component("feedPull")
class FeedPull {

    static final String STATE = "lujingFeedPull";
    static final String SOURCE = "lujingFeedSource";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    static final Set<String> SUCCESS = Set.of(
            FileOutcome.LOADED.name(), FileOutcome.LOADED_WITH_REJECTS.name(), FileOutcome.DUPLICATE_FILE.name());
    private static final Logger log = LoggerFactory.getLogger(FeedPull.class);

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Environment environment;
    private final DataSource dataSource;
    private final FileIngestService ingest;
    private final LujingProperties properties;
    private final FeedRejects refused;
    private final org.lujing.ingest.FileRegistry files;
    private final Map<String, JdbcMessageIdRepository> repositories = new ConcurrentHashMap<>();
    /** Set while this thread runs a pull's own ingest (the job runs in the caller's thread). */
    private final ThreadLocal<Boolean> ingestingOwnPull = new ThreadLocal<>();

    public FeedPull(
            Environment environment,
            DataSource dataSource,
            FileIngestService ingest,
            LujingProperties properties,
            FeedRejects refused,
            org.lujing.ingest.FileRegistry files) {
        this.files = files;
        this.refused = refused;
        this.environment = environment;
        this.dataSource = dataSource;
        this.ingest = ingest;
        this.properties = properties;
    }

    /** A feed's settings from {@code lujing.feeds.<source>.*}, defaults where unset. */
    public FeedSettings settings(String sourceId) {
        return Binder.get(environment).bindOrCreate("lujing.feeds." + sourceId, Bindable.of(FeedSettings.class));
    }

    public FeedPullState begin(@ExchangeProperty(SOURCE) String sourceId) {
        // what a pull that never finished (the process killed) left behind holds ID numbers in clear
        FeedSpool.deleteAbandoned(folder(sourceId), java.time.Instant.now());
        FeedPullState pull = new FeedPullState(sourceId, settings(sourceId));
        if (pull.settings().configured()) {
            finishEarlierPulls(pull);
        }
        return pull;
    }

    /**
     * An earlier pull's file not finished yet holds records not yet marked taken: pulling now would take each of them
     * again — a second file, every record merged into itself, provenance doubled. Such a file is finished here first
     * when it can be (its ingest failed in this process, or its node died), and its records are settled as it
     * finishes; one another live node is finishing now (serve after a kill, the inbox route) makes this pull wait for
     * the next time.
     */
    private void finishEarlierPulls(FeedPullState pull) {
        for (int tries = 0; tries < 20; tries++) {
            Optional<IngestedFile> unfinished = files.pulledInProgress(pull.sourceId());
            if (unfinished.isEmpty()) {
                return;
            }
            IngestedFile f = unfinished.get();
            Optional<FileIngestService.Result> finished;
            try {
                finished = ingest.finishNow(f);
            } catch (RuntimeException e) {
                log.warn(
                        "{} feed: file #{} of an earlier pull could not be finished: {}",
                        pull.sourceId(),
                        f.id(),
                        e.toString());
                finished = Optional.empty();
            }
            boolean done = finished.flatMap(FileIngestService.Result::file)
                    .map(r -> !"IN_PROGRESS".equals(r.outcome()))
                    .orElse(false);
            if (!done) {
                pull.waitFor(f);
                return;
            }
            log.info("{} feed: file #{} of an earlier pull finished before pulling again", pull.sourceId(), f.id());
        }
    }

    /** Whether the pull asks the feed: a URL is configured, and no earlier pull's file of the source is unfinished. */
    public boolean configured(@ExchangeProperty(STATE) FeedPullState pull) {
        return pull.settings().configured() && pull.unfinished() == null;
    }

    public boolean morePages(@ExchangeProperty(STATE) FeedPullState pull) {
        return pull.more();
    }

    /** The page's address without query (the HTTP endpoint); {@link #pageQuery} is its query. */
    public String pageEndpoint(@ExchangeProperty(STATE) FeedPullState pull) {
        return pull.pageEndpoint();
    }

    /** The page's query string (paging parameters and any the feed's URL carries), already encoded. */
    public String pageQuery(@ExchangeProperty(STATE) FeedPullState pull) {
        return pull.pageQuery();
    }

    /** The Authorization header's value, or null (no header) when no token is configured. */
    public String authorization(@ExchangeProperty(STATE) FeedPullState pull) {
        String token = pull.settings().token();
        return token.isEmpty() ? null : "Bearer " + token;
    }

    /**
     * Takes a page's answer in ({@link FeedAnswer}: its status, at most max-page-bytes of it): its new records go to
     * the pull's spool file, their ids stay in the pull.
     */
    public void acceptPage(Exchange exchange) throws IOException, HttpOperationFailedException {
        FeedPullState pull = exchange.getProperty(STATE, FeedPullState.class);
        String answer;
        try {
            answer = FeedAnswer.read(exchange, pull);
        } finally {
            // the connection's stream is read (or cut) by now: the pull's route, which caches streams, must not
            // take it up again
            exchange.getMessage().setBody(null);
        }
        FeedPage page = FeedPage.parse(answer);
        try {
            JdbcMessageIdRepository repository = repository(pull.sourceId());
            List<JsonNode> taken = pull.accept(
                    page,
                    (id, fingerprint) -> repository.contains(id) || refused.refusedAlready(pull, id, fingerprint));
            if (!taken.isEmpty() && pull.spool() == null) {
                pull.spool(FeedSpool.open(folder(pull.sourceId()), mapper));
            }
            if (pull.spool() != null) {
                taken.forEach(pull.spool()::add);
                pull.spool().touch();
            }
        } catch (RuntimeException e) {
            // a failure the route does not report as the feed's (the ledger's database, the disk): the pull fails
            // and takes nothing, so what it wrote so far goes
            if (pull.spool() != null) {
                pull.spool().discard();
            }
            throw e;
        }
    }

    public PullResult skipped(@ExchangeProperty(STATE) FeedPullState pull) {
        IngestedFile unfinished = pull.unfinished();
        if (unfinished != null) {
            String run = unfinished.jobExecutionId() == null ? "" : "（任务执行 #" + unfinished.jobExecutionId() + "）";
            String runEn =
                    unfinished.jobExecutionId() == null ? "" : " (execution #" + unfinished.jobExecutionId() + ")";
            String restart =
                    unfinished.jobExecutionId() == null ? "files" : "jobs restart " + unfinished.jobExecutionId();
            PullResult r = new PullResult(
                    pull.sourceId(),
                    PullResult.Status.SKIPPED,
                    0,
                    0,
                    0,
                    null,
                    "file #" + unfinished.id() + " of this source is not finished" + runEn
                            + ": its records are not marked taken yet, so nothing is pulled now; the next pull finishes"
                            + " it first if it can (else see `" + restart + "`) and takes what is new",
                    "该来源的文件 #" + unfinished.id() + " 尚未入库完成" + run + "，其中的记录还未标记为已取，这次不拉取；" + "下次拉取会先把它完成（不能完成时请查看 "
                            + restart + "），再取新记录");
            log.info("{}", r);
            return r;
        }
        log.info("{} feed: no URL configured (lujing.feeds.{}.url), skipped", pull.sourceId(), pull.sourceId());
        return new PullResult(
                pull.sourceId(),
                PullResult.Status.SKIPPED,
                0,
                0,
                0,
                null,
                "no URL configured (lujing.feeds." + pull.sourceId() + ".url)",
                null);
    }

    /** After every retry failed: the feed is reported, nothing is ingested or marked, and the night goes on. */
    public PullResult unreachable(
            @ExchangeProperty(STATE) FeedPullState pull, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        if (pull.spool() != null) {
            // nothing of this pull is taken: its records come again next night
            pull.spool().discard();
        }
        boolean retried = !(cause instanceof FeedPageNotReadableException);
        String reason = Masking.value(reason(cause))
                + (retried ? " (after " + pull.settings().retries() + " retries)" : "");
        String reasonZh = Masking.value(reasonZh(cause))
                + (retried ? "，重试 " + pull.settings().retries() + " 次后仍未成功" : "");
        log.warn("{} feed unreachable: {}; it is pulled again next night", pull.sourceId(), reason);
        return new PullResult(
                pull.sourceId(),
                PullResult.Status.UNREACHABLE,
                pull.pages(),
                pull.fetched(),
                0,
                null,
                reason,
                reasonZh);
    }

    /** Writes the pull's new records as one file, ingests it, and marks their ids once the ingest succeeded. */
    public PullResult finish(@ExchangeProperty(STATE) FeedPullState pull) {
        String sourceId = pull.sourceId();
        if (pull.fresh().isEmpty()) {
            PullResult r = new PullResult(
                    sourceId,
                    PullResult.Status.NOTHING_NEW,
                    pull.pages(),
                    pull.fetched(),
                    0,
                    null,
                    pull.warning(),
                    pull.warningZh());
            log.info("{}", r);
            return r;
        }
        Path file = write(pull);
        FileIngestService.Result ingested;
        ingestingOwnPull.set(Boolean.TRUE);
        try {
            ingested = ingest.ingest(file, sourceId);
        } catch (FileIngestService.ProcessStoppingException stop) {
            // the process stops before the pulled file was begun: nothing taken, nothing marked, pulled again
            PullResult r = new PullResult(
                    sourceId,
                    PullResult.Status.INGEST_FAILED,
                    pull.pages(),
                    pull.fetched(),
                    pull.fresh().size(),
                    null,
                    "stopping: the " + pull.fresh().size() + " pulled record(s) were not ingested; the next pull takes"
                            + " them again",
                    "正在停止：拉取的 " + pull.fresh().size() + " 条新记录未入库，下次拉取会再取");
            log.info("{}", r);
            return r;
        } finally {
            ingestingOwnPull.remove();
            // the ingest keeps its own copy under archive/ (or quarantine/): this one would only be a second copy
            // of identity numbers in clear
            deleteQuietly(file);
        }
        IngestedFile registered = ingested.file().orElse(null);
        PullResult r;
        if (registered != null
                && ingested.jobStatus() == BatchStatus.COMPLETED
                && SUCCESS.contains(registered.outcome())) {
            refused.settle(
                    sourceId,
                    registered,
                    pull.fingerprints(),
                    pull.refusedBefore(),
                    pull.began(),
                    repository(sourceId));
            r = new PullResult(
                    sourceId,
                    PullResult.Status.INGESTED,
                    pull.pages(),
                    pull.fetched(),
                    pull.fresh().size(),
                    registered,
                    pull.warning(),
                    pull.warningZh());
            log.info("{}", r);
        } else {
            r = new PullResult(
                    sourceId,
                    PullResult.Status.INGEST_FAILED,
                    pull.pages(),
                    pull.fetched(),
                    pull.fresh().size(),
                    registered,
                    "the ingest of the pulled records ended " + ingested.outcome() + " (job " + ingested.jobStatus()
                            + "); nothing was marked as taken, the next pull takes them again; the file is kept at "
                            + ingested.storedAt(),
                    "拉取的 " + pull.fresh().size() + " 条新记录未标记为已取，下次拉取会再取；文件保存在 " + ingested.storedAt());
            log.warn("{}", r);
        }
        return r;
    }

    /** The pull's spool file, closed and moved to its name under {@code feeds/<source>/}. */
    private Path write(FeedPullState pull) {
        Path dir = folder(pull.sourceId());
        String stem = LocalDateTime.now(SHANGHAI).format(FILE_NAME);
        Path target = dir.resolve(stem + ".json");
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolve(stem + "-" + i + ".json");
        }
        return pull.spool().finish(target);
    }

    /**
     * Deletes the copy a pull left under {@code feeds/<source>/} of a pulled file that has since been finished from
     * its archived copy: ID numbers in clear that nothing reads any more.
     */
    void deletePulledCopy(String sourceId, String fileName) {
        Path copy = folder(sourceId).resolve(fileName).normalize();
        if (copy.getParent().equals(folder(sourceId).normalize()) && fileName.endsWith(".json")) {
            deleteQuietly(copy);
        }
    }

    private Path folder(String sourceId) {
        return properties.home().resolve("feeds").resolve(sourceId);
    }

    /** Whether this thread is in a pull's own ingest, which the pull settles itself once it returns. */
    boolean ingestingOwnPull() {
        return Boolean.TRUE.equals(ingestingOwnPull.get());
    }

    /** The ids of the source's records that pulls took: Camel's JDBC idempotent repository. */
    JdbcMessageIdRepository repository(String sourceId) {
        return repositories.computeIfAbsent(sourceId, id -> {
            JdbcMessageIdRepository r = new JdbcMessageIdRepository(dataSource, id + "-feed");
            r.setCreateTableIfNotExists(false); // Flyway owns CAMEL_MESSAGEPROCESSED (V3)
            r.start();
            return r;
        });
    }

    private static String reason(Exception cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + (http.getStatusText() == null ? "" : " " + http.getStatusText())
                    + " from " + withoutQuery(http.getUri());
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Why the feed could not be reached, in Chinese: the HTTP status, or what the connection ran into (refused,
     * unknown host, timed out, TLS), looked for along the cause chain; the exception's type otherwise.
     */
    static String reasonZh(Exception cause) {
        if (cause == null) {
            return "原因不明";
        }
        if (cause instanceof HttpOperationFailedException http) {
            return "接口返回 HTTP " + http.getStatusCode() + "（" + withoutQuery(http.getUri()) + "）";
        }
        if (cause instanceof FeedPageNotReadableException page) {
            return page.messageZh();
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "找不到接口主机" + (t.getMessage() == null ? "" : " " + t.getMessage());
            }
            if (t instanceof java.net.ConnectException) {
                return "连接被拒绝（接口服务未运行或端口不对）";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "加密连接（TLS）失败";
            }
            if (t.getClass().getSimpleName().equals("ConnectionClosedException")
                    || String.valueOf(t.getMessage()).startsWith("Premature end of")) {
                return "接口的应答没有传完连接就断开了（内容不完整）";
            }
            if (t instanceof java.io.InterruptedIOException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return "接口在时限内没有应答";
            }
        }
        return "连接失败（" + cause.getClass().getSimpleName() + "）";
    }

    private static String withoutQuery(String uri) {
        if (uri == null) {
            return "?";
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
