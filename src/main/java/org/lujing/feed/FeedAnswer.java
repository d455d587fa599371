package org.lujing.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * A page's answer as the feed's HTTP endpoint hands it over (the connection's own stream: the route asks for no stream
 * cache, which would hold the whole answer in the heap first), read to a bounded text:
 * <ul>
 * <li>a status other than 2xx is an {@link HttpOperationFailedException}, its body never read (the route retries it);
 * <li>at most {@code max-page-bytes} after any gzip is undone (a platform that ignores the page size, or a gzip bomb):
 *     beyond that the connection is cut, not drained, and the page is a {@link FeedPageNotReadableException};
 * <li>an answer that breaks off is an {@link IOException}, retried like a refused connection.
 * </ul>
 */
final class FeedAnswer {

    private FeedAnswer() {}

    static String read(Exchange exchange, FeedPullState pull) throws IOException, HttpOperationFailedException {
        InputStream raw = exchange.getMessage().getBody(InputStream.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 300 && status <= 399) {
            // not followed: the token would go with it, and a feed that moved is a setting to change, not to retry
            cut(raw);
            String location = exchange.getMessage().getHeader("Location", String.class);
            String where = location == null ? "" : originOf(location);
            throw new FeedPageNotReadableException(
                    "the feed answered page " + (pull.pages() + 1) + " with a redirect (" + status + ")"
                            + (where.isEmpty() ? "" : " to " + where)
                            + ": not followed; if the feed has moved, set lujing.feeds." + pull.sourceId() + ".url",
                    "接口对第 " + (pull.pages() + 1) + " 页的请求返回了重定向（" + status + "）"
                            + (where.isEmpty() ? "" : "，指向 " + where)
                            + "；没有跟随。若接口确已迁移，请修改 lujing.feeds." + pull.sourceId() + ".url");
        }
        if (status != null && (status == 401 || status == 403)) {
            // a refusal of the token: asking again with it changes nothing, so it is said at once with what to check
            cut(raw);
            throw new FeedPageNotReadableException(
                    "the feed refused access to page " + (pull.pages() + 1) + " (HTTP " + status + "): check"
                            + " lujing.feeds." + pull.sourceId() + ".token (wrong, expired, or not set)",
                    "接口拒绝访问第 " + (pull.pages() + 1) + " 页（HTTP " + status + "）：请检查 lujing.feeds." + pull.sourceId()
                            + ".token 是否正确、是否过期或未设置");
        }
        if (status != null && (status == 404 || status == 410)) {
            cut(raw);
            throw new FeedPageNotReadableException(
                    "the feed's address does not exist (HTTP " + status + " for page " + (pull.pages() + 1)
                            + "): check lujing.feeds." + pull.sourceId() + ".url",
                    "接口地址不存在（第 " + (pull.pages() + 1) + " 页返回 HTTP " + status + "）：请检查 lujing.feeds." + pull.sourceId()
                            + ".url");
        }
        if (status == null || status < 200 || status > 299) {
            cut(raw);
            throw new HttpOperationFailedException(
                    pull.pageEndpoint(),
                    status == null ? 0 : status,
                    exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class),
                    null,
                    Map.of(),
                    null);
        }
        if (raw == null) {
            return "";
        }
        long max = pull.settings().maxPageBytes();
        boolean complete = false;
        try {
            InputStream in = new BufferedInputStream(raw, 8192);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                // gzip sent whether asked or not (no JSON starts with these bytes): undone here, the limit counting
                // what it unpacks to
                in = new GZIPInputStream(in, 8192);
            }
            ByteArrayOutputStream page = new ByteArrayOutputStream(8192);
            byte[] chunk = new byte[8192];
            long total = 0;
            long deadlineMs = pull.settings().pageDeadlineMs();
            long deadline = System.nanoTime() + deadlineMs * 1_000_000;
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (System.nanoTime() - deadline > 0) {
                    // each wait for a byte is bounded by the read timeout; a page trickling in is bounded here
                    throw new FeedPageNotReadableException(
                            "page " + (pull.pages() + 1) + " of the feed did not arrive whole within "
                                    + deadlineMs / 1000
                                    + " s (lujing.feeds." + pull.sourceId() + ".page-deadline-ms): the platform sends"
                                    + " too slowly",
                            "接口第 " + (pull.pages() + 1) + " 页在 " + deadlineMs / 1000 + " 秒内没有传完（lujing.feeds."
                                    + pull.sourceId() + ".page-deadline-ms）：对方发送过慢");
                }
                if (total > max) {
                    throw new FeedPageNotReadableException(
                            "page " + (pull.pages() + 1) + " of the feed is larger than " + max
                                    + " bytes (lujing.feeds."
                                    + pull.sourceId() + ".max-page-bytes): ask for smaller pages (page-size) or raise"
                                    + " the limit",
                            "接口第 " + (pull.pages() + 1) + " 页超过 " + max + " 字节的上限（lujing.feeds." + pull.sourceId()
                                    + ".max-page-bytes）；请调小每页条数（page-size）或调高上限");
                }
                page.write(chunk, 0, n);
            }
            complete = true;
            return decode(page.toByteArray(), charset(exchange));
        } finally {
            if (complete) {
                raw.close();
            } else {
                cut(raw);
            }
        }
    }

    /**
     * The page's text. JSON between systems is UTF-8 (RFC 8259): a page whose bytes are UTF-8 is read as UTF-8 whatever
     * its Content-Type says — a server sending {@code text/html; charset=ISO-8859-1} over UTF-8 JSON turned every name
     * and lesson into mojibake, loaded as a clean file. Only bytes that are not UTF-8 are read in the charset the
     * answer names (a platform that really sends GBK).
     */
    static String decode(byte[] bytes, Charset declared) {
        String text = decodeAs(bytes, declared);
        // a byte-order mark is no part of the JSON
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decodeAs(byte[] bytes, Charset declared) {
        if (declared.name().startsWith("UTF-16") || declared.name().startsWith("UTF-32")) {
            // a page said to be UTF-16 or UTF-32 is taken at its word: ASCII in UTF-16 is also "valid UTF-8", full of
            // NUL characters
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return new String(bytes, declared);
        }
    }

    /** The answer's charset as its Content-Type says (JSON is UTF-8 unless it says otherwise). */
    private static Charset charset(Exchange exchange) {
        String name = exchange.getProperty(Exchange.CHARSET_NAME, String.class);
        try {
            return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Ends an answer that is not read to its end: the connection is cut rather than drained (closing the stream would
     * read the rest, which may not end).
     */
    private static void cut(InputStream raw) {
        if (raw == null) {
            return;
        }
        try {
            if (raw instanceof EofSensorInputStream connection) {
                connection.abort();
            } else {
                raw.close();
            }
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    /** A redirect's target, scheme, host and port only: its path and query may carry what is not ours to log. */
    private static String originOf(String location) {
        try {
            java.net.URI uri = java.net.URI.create(location.strip());
            return uri.getHost() == null ? "" : FeedPullState.origin(uri);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
