package org.lujing.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The assumed paging contract of a feed page. */
class FeedPageTests {

    @Test
    void aShortPageIsTheLastWhenThePageSaysNothing() {
        assertThat(FeedPage.parse("[{\"id\":1},{\"id\":2}]").promisesMore(2)).isTrue();
        assertThat(FeedPage.parse("{\"data\":[{\"id\":1}]}").promisesMore(2)).isFalse();
        assertThat(FeedPage.parse("{\"items\":[]}").promisesMore(2)).isFalse();
    }

    @Test
    void explicitFlagsWinOverThePageSize() {
        assertThat(FeedPage.parse("{\"records\":[{\"id\":1}],\"hasMore\":true}").promisesMore(5))
                .isTrue();
        assertThat(FeedPage.parse("{\"records\":[{\"id\":1},{\"id\":2}],\"hasMore\":false}")
                        .promisesMore(2))
                .isFalse();
        assertThat(FeedPage.parse("{\"records\":[{\"id\":1},{\"id\":2}],\"next\":null}")
                        .promisesMore(2))
                .isFalse();
        FeedPage linked = FeedPage.parse("{\"records\":[{\"id\":1}],\"next\":\"/lessons?cursor=abc\"}");
        assertThat(linked.promisesMore(5)).isTrue();
        assertThat(linked.nextUrl()).isEqualTo("/lessons?cursor=abc");
        assertThat(FeedPage.parse("{\"records\":[{\"id\":1}],\"nextPage\":7}").nextPage())
                .isEqualTo(7);
    }

    @Test
    void anEmptyPageEndsThePullWhateverItsFlagsSay() {
        assertThat(FeedPage.parse("{\"records\":[],\"hasMore\":true}").promisesMore(2))
                .isFalse();
    }

    @Test
    void oneObjectALineIsAccepted() {
        assertThat(FeedPage.parse("{\"id\":1}\n{\"id\":2}\n").records()).hasSize(2);
    }

    @Test
    void aRecordIsIdentifiedByItsIdOrElseByItsContent() {
        FeedPage page =
                FeedPage.parse("[{\"id\":42,\"name\":\"a\"},{\"id\":\"ml-7\"},{\"name\":\"b\"},{\"name\":\"b\"}]");
        assertThat(FeedPage.recordId(page.records().get(0))).isEqualTo("42");
        assertThat(FeedPage.recordId(page.records().get(1))).isEqualTo("ml-7");
        assertThat(FeedPage.recordId(page.records().get(2)))
                .startsWith("sha256:")
                .isEqualTo(FeedPage.recordId(page.records().get(3)));
    }

    @Test
    void aPageInNoAcceptedShapeIsRefused() {
        assertThatThrownBy(() -> FeedPage.parse("{\"error\":\"maintenance\"}"))
                .isInstanceOf(FeedPageNotReadableException.class);
        assertThatThrownBy(() -> FeedPage.parse("<html>oops</html>")).isInstanceOf(FeedPageNotReadableException.class);
        assertThatThrownBy(() -> FeedPage.parse("[1,2]")).isInstanceOf(FeedPageNotReadableException.class);
    }

    @Test
    void thePageUrlKeepsTheFeedsOwnQueryAndFollowsLinks() {
        FeedPullState pull = new FeedPullState(
                "micro-lesson",
                new FeedSettings(
                        "https://p.example/api/lessons?course=weekly",
                        "",
                        2,
                        10,
                        3,
                        1000,
                        30000,
                        "page",
                        "size",
                        8388608,
                        300000));
        assertThat(pull.pageUrl()).isEqualTo("https://p.example/api/lessons?course=weekly&page=1&size=2");
        assertThat(pull.pageEndpoint()).isEqualTo("https://p.example/api/lessons");
        assertThat(pull.pageQuery()).isEqualTo("course=weekly&page=1&size=2");
        pull.accept(FeedPage.parse("[{\"id\":1},{\"id\":2}]"), (id, fingerprint) -> false);
        assertThat(pull.pageUrl()).endsWith("page=2&size=2");
        pull.accept(
                FeedPage.parse("{\"records\":[{\"id\":2},{\"id\":3}],\"next\":\"?cursor=x\"}"),
                (id, fingerprint) -> id.equals("3"));
        assertThat(pull.pageUrl()).isEqualTo("https://p.example/api/lessons?cursor=x");
        assertThat(pull.fresh()).containsExactly("1", "2");
        assertThat(pull.fetched()).isEqualTo(4);
    }

    @Test
    void thePageCapStopsAPullThatWouldNotEnd() {
        FeedPullState pull = new FeedPullState(
                "micro-lesson",
                new FeedSettings("http://p/x", "", 1, 2, 3, 1000, 30000, "page", "size", 8388608, 300000));
        pull.accept(FeedPage.parse("[{\"id\":1}]"), (id, fingerprint) -> false);
        assertThat(pull.more()).isTrue();
        pull.accept(FeedPage.parse("[{\"id\":2}]"), (id, fingerprint) -> false);
        assertThat(pull.more()).isFalse();
        assertThat(pull.warning()).contains("max-pages");
    }

    @Test
    void aKeyGivenTwiceInOneObjectRefusesThePageNamingTheKey() {
        // the last value silently won: the first records list dropped, a second ID number replacing the first
        for (String page : java.util.List.of(
                "{\"records\":[{\"id\":\"a\",\"idNumber\":\"1\",\"idNumber\":\"2\"}]}",
                "{\"id\":\"a\",\"idNumber\":\"1\",\"idNumber\":\"2\"}\n")) {
            assertThatThrownBy(() -> FeedPage.parse(page))
                    .isInstanceOf(FeedPageNotReadableException.class)
                    .hasMessageContaining("\"idNumber\" twice")
                    .satisfies(e -> assertThat(((FeedPageNotReadableException) e).messageZh())
                            .contains("字段「idNumber」出现了两次"));
        }
        assertThatThrownBy(() -> FeedPage.parse("{\"records\":[{\"id\":\"a\"}],\"records\":[{\"id\":\"b\"}]}"))
                .satisfies(e -> assertThat(((FeedPageNotReadableException) e).messageZh())
                        .contains("字段「records」出现了两次"));
    }

    @Test
    void jsonNestedBeyondTheLimitIsSaidAsSuchNotAsNotJson() {
        String deep = "[".repeat(1200) + "]".repeat(1200);
        assertThatThrownBy(() -> FeedPage.parse("{\"records\":[{\"id\":\"a\",\"notes\":" + deep + "}]}"))
                .isInstanceOf(FeedPageNotReadableException.class)
                .satisfies(e -> assertThat(((FeedPageNotReadableException) e).messageZh())
                        .startsWith("接口页面的 JSON 超出读取限制（嵌套过深"));
    }

    @Test
    void aPageOfUtf8IsReadAsUtf8WhateverItsContentTypeSays() {
        String page = "{\"records\":[{\"id\":\"a\",\"activityName\":\"第1课 法律常识\"}]}";
        byte[] utf8 = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(FeedAnswer.decode(utf8, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(page);
        assertThat(FeedAnswer.decode(utf8, java.nio.charset.Charset.forName("GBK")))
                .isEqualTo(page);
        // a page said to be UTF-16 is read as UTF-16 (ASCII in UTF-16 is "valid UTF-8" too, full of NULs), and a
        // byte-order mark is dropped
        String ascii = "{\"records\":[{\"id\":\"a\"}]}";
        assertThat(FeedAnswer.decode(
                        ascii.getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                        java.nio.charset.StandardCharsets.UTF_16LE))
                .isEqualTo(ascii);
        assertThat(FeedAnswer.decode(
                        ("\uFEFF" + page).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(page);
        // and a platform that really sends GBK, and says so, is read in GBK
        byte[] gbk = page.getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(FeedAnswer.decode(gbk, java.nio.charset.Charset.forName("GBK")))
                .isEqualTo(page);
    }
}
