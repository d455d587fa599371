package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An upload the servlet container cannot take — over the size limit, a file name too long for its part's header — on
 * a real server, where the security filters read the form before any controller: the answer is the upload form with
 * the reason in Chinese, or the API's JSON, never Tomcat's English error page (MockMvc parses no multipart, so only a
 * real server shows it).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.auto-startup=false", "server.address=127.0.0.1", "lujing.ingest.max-file-bytes=2048"})
class ConsoleUploadFormIntegrationTests {

    static final Path HOME = TestHomes.fresh("console-upload-form");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void anUploadTheContainerCannotTakeIsAnsweredOnTheForm() throws Exception {
        // given an operator signed in
        String password = new UsersFile(HOME.resolve("config/users.yaml")).put("op", ConsoleRole.OPERATOR);
        String token = csrf(get("/login").body());
        HttpResponse<String> login = post(
                "/login",
                "application/x-www-form-urlencoded",
                ("username=op&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        token = csrf(get("/upload").body());

        // when a file over the limit (2,048 bytes here), and one whose name is too long for its part's header, are sent
        HttpResponse<String> tooLarge = post("/upload", token, "a.csv", new byte[4096]);
        HttpResponse<String> longName = post("/upload", token, "名".repeat(300) + ".csv", new byte[10]);
        HttpResponse<String> anonymous = post("/api/upload/university", token, "a.csv", new byte[4096]);
        HttpResponse<String> api = post(
                "/api/upload/university",
                token,
                "a.csv",
                new byte[4096],
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(("op:" + password).getBytes(StandardCharsets.UTF_8)));

        // then each is sent back to the form with its reason, and the API answers in JSON
        assertThat(tooLarge.statusCode()).isEqualTo(302);
        assertThat(tooLarge.headers().firstValue("Location").orElseThrow()).endsWith("/upload?refused=size");
        assertThat(longName.statusCode()).isEqualTo(302);
        assertThat(longName.headers().firstValue("Location").orElseThrow()).endsWith("/upload?refused=name");
        assertThat(get("/upload?refused=size").body()).contains("文件超过大小上限 2 KB（");
        assertThat(get("/upload?refused=name").body()).contains("文件名过长");
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.body()).contains("\"refused\"").doesNotContain("HTTP Status");
        // an API client without credentials is refused as such before its form is read (it was told the size first)
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("unauthorized");
    }

    @Test
    void addressesTypedOrBookmarkedAreAnsweredInTheWorkersWords() throws Exception {
        // given a viewer signed in
        String password = new UsersFile(HOME.resolve("config/users.yaml")).put("reader", ConsoleRole.VIEWER);
        String token = csrf(get("/login").body());
        post(
                "/login",
                "application/x-www-form-urlencoded",
                ("username=reader&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token)
                        .getBytes(StandardCharsets.UTF_8));

        // a button's address opened directly was "出错了，请稍后再试" — as if trying again could help
        HttpResponse<String> action = get("/sources/reload");
        assertThat(action.statusCode()).isEqualTo(405);
        assertThat(action.body()).contains("这个地址不能直接打开").doesNotContain("请稍后再试");

        // a typed /logout found no page: it asks, with the button that signs out
        HttpResponse<String> logout = get("/logout");
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.body()).contains("要退出控制台吗？", "id=\"sign-out\"");
        HttpResponse<String> out = post(
                "/logout",
                "application/x-www-form-urlencoded",
                ("_csrf=" + csrf(logout.body())).getBytes(StandardCharsets.UTF_8));
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(get("/").headers().firstValue("Location").orElseThrow()).endsWith("/login");

        // the API's refusal of a request without credentials is in the request's language (it was English first)
        HttpResponse<String> anonymous = get("/api/files");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("请用 HTTP Basic 登录", "\"at\":").doesNotContain("sign in with");
        assertThat(get("/api/files?lang=en").body())
                .contains("sign in with HTTP Basic")
                .doesNotContain("请用");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept-Language", "zh-CN")
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8") // as a browser asks
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String a : authorization) {
            request.header("Authorization", a);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A multipart form as the upload page sends it: the CSRF token, the source, the file. */
    private HttpResponse<String> post(
            String path, String token, String fileName, byte[] content, String... authorization) throws Exception {
        String boundary = "----lujing" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nuniversity\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), authorization);
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }
}
