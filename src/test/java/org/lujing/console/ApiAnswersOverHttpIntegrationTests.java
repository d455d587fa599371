package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the JSON API answers, through a real server (Boot's error dispatch runs only there), for what Spring refuses
 * before a controller runs — an address that is none, a method no role may use, a body of the wrong type — and for
 * a limit or an execution that does not exist: a status that says what happened and a {@code message} in the
 * request's language, in the API's own shape; never Boot's {@code "Not Found"}, nor "your role may not" to an admin.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.auto-startup=false"})
class ApiAnswersOverHttpIntegrationTests {

    static final Path HOME = TestHomes.fresh("api-answers");
    static String admin;
    static String viewer;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void users() {
        UsersFile users = new UsersFile(HOME.resolve("config/users.yaml"));
        admin = users.put("admin", ConsoleRole.ADMIN);
        viewer = users.put("viewer", ConsoleRole.VIEWER);
    }

    @LocalServerPort
    int port;

    @Test
    void anAddressThatIsNoneIsNotFoundInWords() throws Exception {
        HttpResponse<String> none = send("admin", admin, "GET", "/api/nothing-here", null, null);

        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(none.body())
                .contains("\"error\":\"not found\"", "没有这个接口：GET /api/nothing-here", "\"at\":")
                .doesNotContain("Not Found", "timestamp");
        // in English when asked
        assertThat(send("admin", admin, "GET", "/api/nothing-here?lang=en", null, null)
                        .body())
                .contains("there is no GET /api/nothing-here");
    }

    @Test
    void whatDoesNotExistIsNotFoundInTheApisOneShape() throws Exception {
        // a finding that is none was 422 "refused"; a file that is none had no `at`
        HttpResponse<String> finding = send("admin", admin, "POST", "/api/findings/99999/resolve?note=x", null, null);
        assertThat(finding.statusCode()).isEqualTo(404);
        assertThat(finding.body()).contains("\"error\":\"not found\"", "没有编号为 #99999 的核查发现", "\"at\":");

        HttpResponse<String> file = send("viewer", viewer, "GET", "/api/files/99999", null, null);
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.body()).contains("\"error\":\"not found\"", "#99999", "\"at\":");
    }

    @Test
    void aMethodNoRoleMayUseIsNotFoundForAnAdminAndARoleRefusalStaysOne() throws Exception {
        // DELETE /api/jobs and a POST to a mistyped address: no role may, so it is nothing there, not a role too weak
        HttpResponse<String> delete = send("admin", admin, "DELETE", "/api/jobs", null, null);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(delete.body()).contains("没有这个接口：DELETE /api/jobs").doesNotContain("角色");
        assertThat(send("admin", admin, "POST", "/api/uploads", "text/plain", "x")
                        .body())
                .contains("没有这个接口：POST /api/uploads");

        // a viewer restarting a job is refused for the role, in the request's language only
        HttpResponse<String> refused = send("viewer", viewer, "POST", "/api/jobs/1/restart?reason=x", null, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("您的角色无权执行此操作").doesNotContain("your role");
    }

    @Test
    void aBodyOfATypeAnAddressDoesNotReadIsSaidSo() throws Exception {
        HttpResponse<String> xml = send("admin", admin, "POST", "/api/upload/community", "application/xml", "<a/>");

        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(xml.body()).contains("不接受内容类型为 application/xml 的请求").doesNotContain("Unsupported Media Type");
    }

    @Test
    void aLimitOutOfRangeIsRefusedAndAnExecutionThatDoesNotExistIsNotFound() throws Exception {
        HttpResponse<String> zero = send("viewer", viewer, "GET", "/api/jobs?limit=0", null, null);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("limit 须在 1 到 10000 之间，而不是 0");

        HttpResponse<String> restart = send("admin", admin, "POST", "/api/jobs/999/restart?reason=x", null, null);
        assertThat(restart.statusCode()).isEqualTo(404);
        assertThat(restart.body()).contains("编号为 #999 的任务执行");
    }

    private HttpResponse<String> send(
            String user, String password, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
