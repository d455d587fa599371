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

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept-Language", "zh-CN")
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
