package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.ingest.FileIngestService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The review queue and the automatic links are shown up to {@link IdentityReview#SHOWN} each, with their count: a
 * night's scored matching may link tens of thousands, and the page, the API and the command read them all (a helper's
 * probe: 100,000 links, a 135 MB page; two requests took the console down).
 */
class IdentityReviewListsIntegrationTests extends SharedLedgerContext {

    @Autowired
    IdentityReview review;

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void theListsShowTheirFirstEntriesAndSayHowManyThereAre() throws Exception {
        // given a person on the roster, 1,005 automatic links to them and three entries waiting for review
        ingest.ingest(Path.of("src/test/resources/org/lujing/ingest/merge/roster/roster.csv"), "roster");
        long person = jdbc.sql("SELECT MIN(id) FROM subject").query(Long.class).single();
        int links = IdentityReview.SHOWN + 5;
        for (int i = 0; i < links + 3; i++) {
            jdbc.sql("""
                            INSERT INTO identity_match (subject_key, subject_id, outcome, score, evidence, matched_at)
                            VALUES (?, ?, ?, ?, 'NAME=EXACT:+8.0', ?)""")
                    .params(
                            String.format("%064d", i),
                            person,
                            i < links ? "LINKED" : "REVIEW",
                            i < links ? 12.0 : 4.0 + i - links,
                            Timestamp.from(Instant.now()))
                    .update();
        }

        // then the links are the newest 1,000, the queue strongest first, and each list knows its size
        var shown = review.links();
        assertThat(shown).hasSize(IdentityReview.SHOWN);
        assertThat(shown.get(0).id()).isGreaterThan(shown.get(shown.size() - 1).id());
        assertThat(review.count("LINKED")).isEqualTo(links);
        assertThat(review.queue())
                .hasSize(3)
                .extracting(e -> e.best().score().doubleValue())
                .containsExactly(6.0, 5.0, 4.0);

        // and the page says so
        String page = mvc.perform(MockMvcRequestBuilders.get("/identity/review")
                        .header("Accept-Language", "zh-CN")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("共 1,005 条，这里列出前 1,000 条").doesNotContain("共 3 条");
    }
}
