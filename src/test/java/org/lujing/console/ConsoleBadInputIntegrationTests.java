package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * What a person types into an address or a form is answered, never a server failure: a month or a filter that does
 * not parse is a 400 on a page and a 422 in the API; a note longer than its column is refused before anything is
 * changed (each was a 500 with an ERROR and a stack trace in serve's log).
 */
class ConsoleBadInputIntegrationTests extends SharedLedgerContext {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMonthOrAFilterThatDoesNotParseIsTheRequestsFault() throws Exception {
        for (String month : new String[] {"2025-13", "abc", "99999-01"}) {
            mvc.perform(MockMvcRequestBuilders.get("/")
                            .param("month", month)
                            .with(user("v").roles("VIEWER")))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(MockMvcRequestBuilders.get("/findings")
                        .param("status", "BOGUS")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest());
        mvc.perform(MockMvcRequestBuilders.get("/findings")
                        .param("status", "open")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isOk());
        String api = mvc.perform(MockMvcRequestBuilders.get("/api/findings")
                        .param("status", "bogus")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(api).contains("没有状态 bogus").doesNotContain("No enum constant");
    }

    @Test
    void aPageRefusingWhatWasTypedSaysWhyInWords() throws Exception {
        // months past the years a period may have were a 500 (the chart's period refused them)
        for (String month : new String[] {"0000-01", "9999-12", "-999999999-01", "abc"}) {
            assertThat(viewerPage("/?month=" + month, 400)).as(month).contains("月份应写作 2025-03");
        }
        assertThat(viewerPage("/jobs?status=BOGUS", 400))
                .contains("没有状态“BOGUS”")
                .doesNotContain("‖");
        assertThat(viewerPage("/files/abc", 400)).contains("参数 id 的值“abc”写法不对");
        // a page number far past the end shows the last page (was a 500: an OFFSET past the integer range)
        assertThat(viewerPage("/files?page=99999999", 200)).contains("<main");
        assertThat(viewerPage("/findings?page=2147483647", 200)).contains("核查发现");
    }

    @Test
    void anApiRequestLackingAParameterIsToldWhichInWords() throws Exception {
        String answer = mvc.perform(
                        MockMvcRequestBuilders.get("/api/stats").with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("请求缺少参数 period");
    }

    private String viewerPage(String path, int status) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(user("v").roles("VIEWER")))
                .andExpect(status().is(status))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aNoteLongerThanItsColumnIsRefusedAndNothingChanges() throws Exception {
        // given an open finding
        jdbc.sql("""
                        INSERT INTO finding (rule, finding_key, severity, first_seen, last_seen)
                        VALUES ('MISSING_FEED', 'source:bad-input:2025-03', 'WARN', DATE '2025-04-06', DATE '2025-04-06')""").update();
        long id = jdbc.sql("SELECT id FROM finding WHERE finding_key = 'source:bad-input:2025-03'")
                .query(Long.class)
                .single();

        // when an operator acknowledges it with a note of 1,001 characters
        String answer = mvc.perform(MockMvcRequestBuilders.post("/api/findings/" + id + "/acknowledge")
                        .param("note", "长".repeat(1001))
                        .with(csrf())
                        .with(user("op").roles("OPERATOR", "VIEWER")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        // then it is refused in words, and the finding is as it was, with no audit entry
        assertThat(answer).contains("说明最多 1000 个字符");
        assertThat(jdbc.sql("SELECT status FROM finding WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target = ?")
                        .param("finding #" + id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void theErrorPageIsNoPageOfItsOwn() throws Exception {
        // asked for directly by no one signed in: the sign-in page, as for any other page (was a 500)
        mvc.perform(MockMvcRequestBuilders.get("/error")).andExpect(status().is3xxRedirection());
    }

    @Test
    void aStatusFilterTypedWrongIsRefusedNotAnsweredEmpty() throws Exception {
        String answer = mvc.perform(MockMvcRequestBuilders.get("/api/jobs")
                        .param("status", "FOO")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("没有状态“FOO”");
        mvc.perform(MockMvcRequestBuilders.get("/jobs")
                        .param("status", "FOO")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest());
        mvc.perform(MockMvcRequestBuilders.get("/api/jobs")
                        .param("status", "失败")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isOk());
    }

    @Test
    void aFilesFilterIsTakenAsTheCommandLineTakesItAndOneNamingNothingIsRefused() throws Exception {
        String unknown = mvc.perform(MockMvcRequestBuilders.get("/files")
                        .param("source", "xyz")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(unknown).contains("没有来源“xyz”").contains("麓景社区居委会（community）");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/files")
                                .param("outcome", "烂了")
                                .with(user("v").roles("VIEWER")))
                        .andExpect(status().isBadRequest())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("没有结果“烂了”");
        // an agency's name and an outcome's words filter as the id and the code do
        String byWords = mvc.perform(MockMvcRequestBuilders.get("/files")
                        .param("source", "麓景社区居委会")
                        .param("outcome", "已载入")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(byWords).contains("<option value=\"LOADED\" selected=\"selected\"");
    }

    @Test
    void aParameterOfTheWrongFormIsNamedWithoutJavasWords() throws Exception {
        String answer = mvc.perform(MockMvcRequestBuilders.get("/api/jobs")
                        .param("from", "2025-13-01")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(answer).contains("参数 from 的值“2025-13-01”不是日期").doesNotContain("java.time");
    }

    @Test
    void aNameTypedAtSignInIsAuditedOnOneLine() throws Exception {
        // a failed sign-in is audited under the name typed: a line break in it could forge the next line of an export
        String credentials = java.util.Base64.getEncoder()
                .encodeToString("evil\nforged line:wrong".getBytes(StandardCharsets.UTF_8));
        mvc.perform(MockMvcRequestBuilders.get("/api/files").header("Authorization", "Basic " + credentials))
                .andExpect(status().isUnauthorized());

        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE actor LIKE 'evil%'")
                        .query(String.class)
                        .list())
                .isNotEmpty()
                .allSatisfy(actor -> assertThat(actor).isEqualTo("evil_forged line"));
    }

    @Test
    void whatDoesNotExistIsSaidInTheConsolesLanguage() throws Exception {
        String answer = mvc.perform(MockMvcRequestBuilders.get("/api/files/0")
                        .with(user("v").roles("VIEWER")))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(answer)
                .contains("没有找到编号为 #0 的文件")
                .doesNotContain("there is no")
                .doesNotContain("file #");
    }
}
