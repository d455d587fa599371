package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** An operator's upload lands whole in the source's inbox under a safe name, and is audited; bad uploads are refused by name. */
@SpringBootTest(properties = {"camel.main.auto-startup=false", "lujing.ingest.max-file-bytes=1000"})
@AutoConfigureMockMvc
class ConsoleUploadIntegrationTests {

    static final Path HOME = TestHomes.fresh("console-upload");
    static String password;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void operator() {
        password = new UsersFile(HOME.resolve("config/users.yaml")).put("operator", ConsoleRole.OPERATOR);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadLandsInTheInboxUnderASafeNameAndIsAudited() throws Exception {
        byte[] csv = "日期,姓名,活动\n2025-01-06,张三,招聘会\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var response = mvc.perform(MockMvcRequestBuilders.multipart("/api/upload/employer")
                        .file(new MockMultipartFile("file", "..\\..\\.招聘会;名单.csv", "text/csv", csv))
                        .with(httpBasic("operator", password)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentAsString()).contains("inbox/employer/招聘会_名单.csv");

        Path inbox = HOME.resolve("inbox/employer");
        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("招聘会_名单.csv");
        }
        assertThat(Files.readAllBytes(inbox.resolve("招聘会_名单.csv"))).isEqualTo(csv);
        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || target FROM audit_log WHERE action = 'UPLOAD'")
                        .query(String.class)
                        .list())
                .containsExactly("operator UPLOAD inbox/employer/招聘会_名单.csv");
    }

    @Test
    void aWrongFormatATooBigFileAndAnUnknownSourceAreRefusedWithTheReason() throws Exception {
        // in the console's language: Chinese unless the admin chose English
        assertRefused("/api/upload/roster", "名册.json", new byte[10], "麓谷街道司法所（roster）只接受 xlsx、xls、csv 文件，不接受 json");
        assertRefused("/api/upload/employer", "big.csv", new byte[1001], "超过上限 1000 字节");
        assertRefused("/api/upload/nobody", "a.csv", new byte[10], "没有名为 nobody 的来源");
        assertThat(HOME.resolve("inbox/roster")).doesNotExist();
    }

    @Test
    void aBadPeriodOnTheApiIsRefusedInTheRequestsLanguage() throws Exception {
        var chinese = mvc.perform(
                        MockMvcRequestBuilders.get("/api/stats?period=someday").with(httpBasic("operator", password)))
                .andReturn()
                .getResponse();
        var english = mvc.perform(MockMvcRequestBuilders.get("/api/stats?period=someday")
                        .cookie(new jakarta.servlet.http.Cookie("lujing-lang", "en"))
                        .with(httpBasic("operator", password)))
                .andReturn()
                .getResponse();

        assertThat(chinese.getStatus()).isEqualTo(422);
        assertThat(chinese.getContentAsString()).contains("不是时期").doesNotContain("not a period");
        assertThat(english.getStatus()).isEqualTo(422);
        assertThat(english.getContentAsString()).contains("not a period").doesNotContain("不是时期");
    }

    @Test
    void aRefusedFindingActionIsExplainedInTheConsolesLanguage() throws Exception {
        RequestPostProcessor operator = signedInOperator();
        Object refused = flashAfter(
                MockMvcRequestBuilders.post("/findings/999999/acknowledge").param("note", "看过了"), "refused");

        String page = mvc.perform(MockMvcRequestBuilders.get("/findings")
                        .flashAttr("refused", refused)
                        .with(operator))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // thrown in both languages; the page shows its own half
        assertThat(page).contains("没有编号为 #999999 的核查发现").doesNotContain("there is no finding");
    }

    @Test
    void anUploadFromThePageSaysWhereTheFileWentInWords() throws Exception {
        Object done = flashAfter(
                MockMvcRequestBuilders.multipart("/upload")
                        .file(new MockMultipartFile(
                                "file",
                                "就业台账.csv",
                                "text/csv",
                                "日期,姓名\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .param("source", "employer"),
                "doneText");

        assertThat(done).isEqualTo("已放入 inbox/employer/就业台账.csv，稍后自动入库；结果见“文件”页。");
    }

    /** What a page's form, sent by a signed-in operator, leaves for the next page under {@code attribute}. */
    private <B extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<B>>
            Object flashAfter(B form, String attribute) throws Exception {
        return mvc.perform(form.with(signedInOperator()).with(SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn()
                .getFlashMap()
                .get(attribute);
    }

    /** A signed-in operator, for the pages' own forms. */
    private static RequestPostProcessor signedInOperator() {
        return SecurityMockMvcRequestPostProcessors.user("operator")
                .authorities(Stream.of(ConsoleRole.OPERATOR.authorities())
                        .map(SimpleGrantedAuthority::new)
                        .toList());
    }

    @Test
    void anUploadThatCannotBeStoredSaysWhereInTheHomeNotTheServersPath() throws Exception {
        // given a source's inbox folder that cannot be made (a file stands where it belongs)
        Path blocked = HOME.resolve("inbox/university");
        java.nio.file.Files.createDirectories(blocked.getParent());
        java.nio.file.Files.writeString(blocked, "not a folder");
        try {
            // then the refusal names the place in the home, not the server's path (Java's message is the path)
            var response = mvc.perform(MockMvcRequestBuilders.multipart("/api/upload/university")
                            .file(new MockMultipartFile("file", "名单.csv", "application/octet-stream", new byte[10]))
                            .with(httpBasic("operator", password)))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(422);
            assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("未能存入 inbox/university/")
                    .doesNotContain(HOME.toAbsolutePath().toString());
        } finally {
            java.nio.file.Files.delete(blocked);
        }
    }

    private void assertRefused(String url, String name, byte[] content, String reason) throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.multipart(url)
                        .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                        .with(httpBasic("operator", password)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(name).isIn(413, 422);
        assertThat(response.getContentAsString()).as(name).contains(reason);
    }
}
