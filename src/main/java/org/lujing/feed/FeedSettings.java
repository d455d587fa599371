package org.lujing.feed;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One feed's settings, bound from {@code lujing.feeds.<source>.*}.
 *
 * @param url the feed's address without paging parameters; empty means the feed is not configured and is skipped
 * @param token sent as {@code Authorization: Bearer <token>}; empty sends no Authorization header
 * @param pageSize records asked for per page (query parameter {@code size})
 * @param maxPages safety cap: a pull stops after this many pages even if the platform says there are more
 * @param retries redeliveries of a failed page request (connection refused, timeout, HTTP error) before the feed
 *     is reported unreachable
 * @param retryDelayMs delay before the first redelivery; each further one waits twice as long
 * @param timeoutMs connect and read timeout of a page request
 * @param pageParam name of the page-number query parameter (pages count from 1)
 * @param sizeParam name of the page-size query parameter
 * @param maxPageBytes the most a page's answer may hold (after any gzip is undone): a larger one is reported and
 *     nothing of the pull is taken, rather than read whole into the heap
 * @param pageDeadlineMs the longest a page's answer may take to arrive whole: the read timeout bounds each wait for
 *     a byte, not a platform that trickles one a second, which had held the night for ever
 */
record FeedSettings(
        @DefaultValue("") String url,
        @DefaultValue("") String token,
        @DefaultValue("100") int pageSize,
        @DefaultValue("1000") int maxPages,
        @DefaultValue("3") int retries,
        @DefaultValue("1000") long retryDelayMs,
        @DefaultValue("30000") long timeoutMs,
        @DefaultValue("page") String pageParam,
        @DefaultValue("size") String sizeParam,
        @DefaultValue("8388608") long maxPageBytes,
        @DefaultValue("300000") long pageDeadlineMs) {

    public FeedSettings {
        url = url == null ? "" : url.strip();
        token = token == null ? "" : token.strip();
        if (pageSize < 1) {
            throw new IllegalArgumentException("a feed's page-size must be at least 1, was " + pageSize);
        }
        if (maxPageBytes < 1024) {
            throw new IllegalArgumentException("a feed's max-page-bytes must be at least 1024, was " + maxPageBytes);
        }
        if (pageDeadlineMs < 1) {
            throw new IllegalArgumentException("a feed's page-deadline-ms must be at least 1, was " + pageDeadlineMs);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("a feed's max-pages must be at least 1, was " + maxPages);
        }
    }

    /** A feed without a URL is not pulled (domain.md: "a feed with no URL configured is skipped"). */
    public boolean configured() {
        return !url.isEmpty();
    }
}
