package org.lujing.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One page of a feed as the platform sent it, and what it says about the next page. The assumed platform contract
 * (README, "Feeds"):
 * <ul>
 * <li>the records are a JSON array, or an array under {@code records}, {@code data} or {@code items} of an object,
 * or one object a line (the shapes a dropped JSON file may have);
 * <li>an object may say whether more pages follow: {@code hasMore}/{@code has_more} (boolean), or
 * {@code next}/{@code nextPage} (null or empty: this was the last page; a number: that page; a string: the URL of
 * the next page, absolute or relative to the feed's URL);
 * <li>without such a flag, a page with fewer records than asked for, or none, is the last.
 * </ul>
 * An empty page always ends the pull, whatever the flags say, so a platform cannot keep it looping.
 *
 * @param records the page's records, in order
 * @param explicitMore what the page said about more pages, or null if it said nothing
 * @param nextPage the page number it named, or null
 * @param nextUrl the URL it named, or null
 */
record FeedPage(List<JsonNode> records, Boolean explicitMore, Integer nextPage, String nextUrl) {

    // a key given twice in one object is ambiguous — which ID number, which list of records is meant? — so it is
    // refused, not settled by the last one silently winning
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final java.util.regex.Pattern DUPLICATE =
            java.util.regex.Pattern.compile("Duplicate Object property \"([^\"]{0,60})");
    private static final List<String> WRAPPERS = List.of("records", "data", "items");
    private static final int MAX_ID_LENGTH = 200;

    /**
     * JSON that is well formed but cannot be used as it stands — a key twice in one object, nesting deeper than the
     * reader's limit — said as such, not as "not JSON".
     */
    private static void refuseWellFormedButUnusable(JacksonException e, int line) {
        String where = line == 0 ? "" : " (line " + line + ")";
        String whereZh = line == 0 ? "" : "（第 " + line + " 行）";
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            throw new FeedPageNotReadableException(
                    "the feed's page gives the key \"" + duplicate.group(1) + "\" twice in one object" + where
                            + ": which value is meant cannot be told, so the page is not taken; ask the platform to"
                            + " send each key once",
                    "接口页面的同一对象中字段「" + duplicate.group(1) + "」出现了两次" + whereZh + "，无法判断以哪个为准，这一页不取；请接口方每个字段只给一次");
        }
        if (e instanceof tools.jackson.core.exc.StreamConstraintsException) {
            throw new FeedPageNotReadableException(
                    "the feed's page is JSON beyond the reader's limits" + where + ": " + e.getOriginalMessage(),
                    "接口页面的 JSON 超出读取限制（嵌套过深或单个值过长）" + whereZh + "，这一页不取");
        }
    }

    static FeedPage parse(String body) {
        if (body == null || body.isBlank()) {
            return new FeedPage(List.of(), null, null, null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException notOneValue) {
            refuseWellFormedButUnusable(notOneValue, 0);
            return new FeedPage(lines(body), null, null, null);
        }
        if (root.isArray()) {
            return new FeedPage(objects(root), null, null, null);
        }
        if (!root.isObject()) {
            throw new FeedPageNotReadableException(
                    "the feed answered a JSON " + root.getNodeType().name().toLowerCase()
                            + ", expected an array of records or an object holding one under 'records', 'data' or 'items'",
                    "接口返回的不是记录数组，也不是在 records、data 或 items 下含有记录数组的对象");
        }
        JsonNode array = null;
        for (String key : WRAPPERS) {
            if (root.has(key) && root.get(key).isArray()) {
                array = root.get(key);
                break;
            }
        }
        if (array == null) {
            throw new FeedPageNotReadableException(
                    "the feed answered an object without a 'records', 'data' or 'items' array (keys: "
                            + root.propertyNames() + ")",
                    "接口返回的对象中没有 records、data 或 items 记录数组（字段：" + root.propertyNames() + "）");
        }
        Boolean more = null;
        Integer nextPage = null;
        String nextUrl = null;
        JsonNode flag = first(root, "hasMore", "has_more");
        if (flag != null && flag.isBoolean()) {
            more = flag.booleanValue();
        }
        JsonNode next = first(root, "next", "nextPage");
        if (next != null && more == null) {
            if (next.isNull()
                    || (next.isString() && next.asString().isBlank())
                    || (next.isBoolean() && !next.booleanValue())) {
                more = false;
            } else if (next.isIntegralNumber()) {
                more = true;
                nextPage = next.intValue();
            } else if (next.isString()) {
                more = true;
                nextUrl = next.asString().strip();
            } else if (next.isBoolean()) {
                more = true;
            }
        }
        return new FeedPage(objects(array), more, nextPage, nextUrl);
    }

    /** Whether to ask for another page after this one, given the page size that was asked for. */
    boolean promisesMore(int pageSize) {
        if (records.isEmpty()) {
            return false;
        }
        if (explicitMore != null) {
            return explicitMore;
        }
        return records.size() >= pageSize;
    }

    /**
     * The record's identity for idempotence: its {@code id} (string or number); a record without one, or with an
     * unreasonably long one, is identified by the SHA-256 of its content, so an unchanged record is still taken once.
     */
    static String recordId(JsonNode record) {
        JsonNode id = record.get("id");
        if (id != null && (id.isString() || id.isIntegralNumber())) {
            String s = id.asString().strip();
            if (!s.isEmpty() && s.length() <= MAX_ID_LENGTH) {
                return s;
            }
        }
        return "sha256:" + sha256(record.toString());
    }

    private static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (!n.isObject()) {
                throw new FeedPageNotReadableException(
                        "the feed's records array holds a "
                                + n.getNodeType().name().toLowerCase() + " where a record object was expected",
                        "接口的记录数组中有一项不是记录对象（" + n.getNodeType().name().toLowerCase() + "）");
            }
            out.add(n);
        }
        return out;
    }

    private static List<JsonNode> lines(String body) {
        List<JsonNode> out = new ArrayList<>();
        int number = 0;
        for (String line : body.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = MAPPER.readTree(line);
                if (!n.isObject()) {
                    throw new FeedPageNotReadableException(
                            "line " + number + " of the feed's page is not a JSON object",
                            "接口页面第 " + number + " 行不是 JSON 对象");
                }
                out.add(n);
            } catch (JacksonException e) {
                refuseWellFormedButUnusable(e, number);
                throw new FeedPageNotReadableException(
                        "the feed's page is not JSON (line " + number + "): " + e.getOriginalMessage(),
                        "接口页面不是 JSON（第 " + number + " 行）");
            }
        }
        return out;
    }

    private static JsonNode first(JsonNode object, String... keys) {
        for (String k : keys) {
            if (object.has(k)) {
                return object.get(k);
            }
        }
        return null;
    }

    /** The SHA-256 of a record's content as it arrived (keys in its order): what tells a corrected record apart. */
    static String fingerprint(JsonNode record) {
        return sha256(record.toString());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
