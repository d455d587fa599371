package org.lujing.feed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** One pull in progress, carried through the route as an exchange property: where the next page is, what came so far. */
final class FeedPullState {

    private final String sourceId;
    private final FeedSettings settings;
    /**
     * ids of this pull's new records, in the order they arrived (a repeat within the pull is kept once); the records
     * themselves go to the pull's spool file as they arrive, so a long pull holds ids, not records, in the heap
     */
    private final Map<String, String> fresh = new LinkedHashMap<>();

    /** the earlier refusals of this pull's new records that had one (changed since, or their reject withdrawn) */
    private final Map<String, FeedRejects.Refusal> refusedBefore = new HashMap<>();

    /** the file the new records are written to, once there is one */
    private FeedSpool spool;

    /** when the pull began: refusals kept since then were not seen by its pages */
    private final java.time.Instant began = java.time.Instant.now();

    private int nextPage = 1;
    private String nextUrl;
    private boolean more;
    private int pages;
    private int fetched;
    private String warning;
    private String warningZh;
    private org.lujing.ingest.IngestedFile unfinished;
    /** The page URLs asked for so far: a page naming one of them as its next is a loop, not more data. */
    private final java.util.Set<String> asked = new java.util.HashSet<>();

    FeedPullState(String sourceId, FeedSettings settings) {
        this.sourceId = sourceId;
        this.settings = settings;
        this.more = settings.configured();
    }

    String sourceId() {
        return sourceId;
    }

    /** An earlier pull's file of this source still being finished: this pull waits for the next time. */
    void waitFor(org.lujing.ingest.IngestedFile unfinished) {
        this.unfinished = unfinished;
        this.more = false;
    }

    org.lujing.ingest.IngestedFile unfinished() {
        return unfinished;
    }

    FeedSettings settings() {
        return settings;
    }

    boolean more() {
        return more;
    }

    /** The URL of the page to ask for now: the one the last page named, or the feed's URL with page and size. */
    String pageUrl() {
        if (nextUrl != null) {
            return nextUrl;
        }
        return withQuery(
                settings.url(),
                settings.pageParam(),
                Integer.toString(nextPage),
                settings.sizeParam(),
                Integer.toString(settings.pageSize()));
    }

    /** The page URL without its query: the HTTP endpoint, the same for every page (the query goes in a header). */
    String pageEndpoint() {
        String url = pageUrl();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The page URL's query (already encoded), or null. */
    String pageQuery() {
        String url = pageUrl();
        int q = url.indexOf('?');
        return q < 0 ? null : url.substring(q + 1);
    }

    /** Whether a record, by its id and its content's fingerprint, was taken (or refused unchanged) by an earlier pull. */
    interface TakenBefore {
        boolean test(String recordId, String fingerprint);
    }

    /** Takes a page in: returns its new records (their ids are kept), and decides the next page (if any). */
    List<JsonNode> accept(FeedPage page, TakenBefore takenBefore) {
        pages++;
        fetched += page.records().size();
        List<JsonNode> taken = new ArrayList<>();
        for (JsonNode record : page.records()) {
            String id = FeedPage.recordId(record);
            if (!fresh.containsKey(id)) {
                String fingerprint = FeedPage.fingerprint(record);
                if (!takenBefore.test(id, fingerprint)) {
                    fresh.put(id, fingerprint);
                    taken.add(record);
                }
            }
        }
        more = page.promisesMore(settings.pageSize());
        String previousUrl = pageUrl();
        asked.add(previousUrl);
        nextUrl = null;
        if (page.nextUrl() != null) {
            // java.net.URI resolves "?q" by RFC 2396 (dropping the last path segment); RFC 3986 keeps the path
            nextUrl = sameOrigin(
                    page.nextUrl().startsWith("?")
                            ? previousUrl.replaceFirst("[?#].*$", "") + page.nextUrl()
                            : resolve(previousUrl, page.nextUrl()));
        } else if (page.nextPage() != null) {
            nextPage = page.nextPage();
        } else {
            nextPage++;
        }
        if (more && asked.contains(pageUrl())) {
            // a page naming itself (or an earlier page) as the next: asking again brings the same records until
            // max-pages, and raising that limit would only make it longer
            more = false;
            warning = "page " + pages + " of the feed names a page already fetched as its next: a paging loop on the"
                    + " feed's side; the pull stopped there (the records of the pages fetched are taken)";
            warningZh = "接口第 " + pages + " 页给出的下一页是已取过的页（接口分页循环），拉取在此停止（已取到的记录照常入库）；请告知接口方";
        } else if (more && pages >= settings.maxPages()) {
            more = false;
            warning = "stopped after max-pages (" + settings.maxPages() + ") although the feed announced more;"
                    + " raise lujing.feeds." + sourceId + ".max-pages if the feed is really that long";
            warningZh = "已拉取到页数上限（" + settings.maxPages() + " 页），接口表示还有数据；若接口确实这么长，请调高 lujing.feeds." + sourceId
                    + ".max-pages";
        }
        return taken;
    }

    private String resolve(String base, String next) {
        try {
            return URI.create(base).resolve(next).toString();
        } catch (IllegalArgumentException malformed) {
            throw new FeedPageNotReadableException(
                    "page " + pages + " of the feed names a next page that is not a URL",
                    "接口第 " + pages + " 页给出的下一页地址不是有效的网址");
        }
    }

    /**
     * The next page's URL, if it is on the configured feed's scheme, host and port. A page names its successor, and
     * the token goes with every request: a next page elsewhere (another host, {@code file:}, another Camel
     * component) would hand the token, or the route's endpoint, to whoever wrote the page. Such a page stops the pull,
     * reported like an unreadable page; only the other address's origin is named, never its path or query.
     */
    private String sameOrigin(String resolved) {
        URI feed = URI.create(settings.url());
        URI next;
        try {
            next = URI.create(resolved);
        } catch (IllegalArgumentException malformed) {
            next = null;
        }
        if (next != null
                && next.getScheme() != null
                && next.getScheme().equalsIgnoreCase(feed.getScheme())
                && next.getHost() != null
                && next.getHost().equalsIgnoreCase(feed.getHost())
                && port(next) == port(feed)
                && next.getRawUserInfo() == null) {
            return resolved;
        }
        String elsewhere = next == null || next.getScheme() == null
                ? "?"
                : next.getScheme() + ":" + (next.getHost() == null ? "" : "//" + next.getHost())
                        + (next.getPort() < 0 ? "" : ":" + next.getPort());
        String configured = origin(feed);
        throw new FeedPageNotReadableException(
                "page " + pages + " of the feed names its next page at " + elsewhere + ", not at the configured feed's "
                        + configured + ": not followed, so that the token is not sent there; if the feed has moved,"
                        + " set lujing.feeds." + sourceId + ".url",
                "接口第 " + pages + " 页给出的下一页地址在 " + elsewhere + "，不在所配置的接口 " + configured
                        + " 上；为免令牌被发往别处，没有跟随。若接口确已迁移，请修改 lujing.feeds." + sourceId + ".url");
    }

    /** A URL's scheme, host and port: what a report may name of an address, never its path or query. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    /** The ids of the pull's new records, in arrival order. */
    Set<String> fresh() {
        return fresh.keySet();
    }

    /** The pull's new records' ids and their content's fingerprints, in arrival order: the file's row order. */
    Map<String, String> fingerprints() {
        return fresh;
    }

    /** When the pull began. */
    java.time.Instant began() {
        return began;
    }

    /** Keeps a new record's earlier refusal, for the settling after the ingest. */
    void refusedBefore(String recordId, FeedRejects.Refusal refusal) {
        refusedBefore.put(recordId, refusal);
    }

    /** The earlier refusals of the pull's new records, by record id. */
    Map<String, FeedRejects.Refusal> refusedBefore() {
        return refusedBefore;
    }

    FeedSpool spool() {
        return spool;
    }

    void spool(FeedSpool spool) {
        this.spool = spool;
    }

    int pages() {
        return pages;
    }

    int fetched() {
        return fetched;
    }

    String warning() {
        return warning;
    }

    /** {@link #warning()} in Chinese. */
    String warningZh() {
        return warningZh;
    }

    private static String withQuery(String url, String k1, String v1, String k2, String v2) {
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + sep + enc(k1) + "=" + enc(v1) + "&" + enc(k2) + "=" + enc(v2);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
