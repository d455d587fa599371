package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The servlet container cuts off an upload over the limit before any controller runs (MockMvc cannot show this):
 * the API answers 413 with the limit and the setting, and nothing reaches the inbox.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.auto-startup=false", "lujing.ingest.max-file-bytes=1000"})
class ConsoleUploadLimitIntegrationTests {

    static final Path HOME = TestHomes.fresh("console-upload-limit");
    static String password;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void operator() {
        password = new UsersFile(HOME.resolve("config/users.yaml")).put("operator", ConsoleRole.OPERATOR);
    }

    @LocalServerPort
    int port;

    @Test
    void anUploadOverTheLimitIsRefusedByTheContainerWithTheLimitNamed() throws Exception {
        String boundary = "lujing-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 5000 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        java.util.Arrays.fill(body, head.length, head.length + 5000, (byte) 'x');
        System.arraycopy(tail, 0, body, head.length + 5000, tail.length);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder()
                                .uri(URI.create("http://127.0.0.1:" + port + "/api/upload/employer"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("operator:" + password)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("超过大小上限 1000 字节", "lujing.ingest.max-file-bytes");
        assertThat(
                        Files.exists(HOME.resolve("inbox/employer"))
                                ? Files.list(HOME.resolve("inbox/employer")).count()
                                : 0)
                .isZero();
    }

    @Test
    void aNameWithANulIsRefusedWith400SayingWhy() throws Exception {
        HttpResponse<String> response = upload("名单\u0000.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        // in the console's language, Chinese by default: no English half beside it
        assertThat(response.body()).contains("控制字符").doesNotContain("control character");
        assertThat(inboxCount()).isZero();
        // any other control character (an escape, a bell) the same way, whichever layer finds it
        for (String name : java.util.List.of("名单\u001b[31m.csv", "名单\u0007.csv", "名单\u007f.csv")) {
            HttpResponse<String> other = upload(name, "a,b\n".getBytes(StandardCharsets.UTF_8));
            assertThat(other.statusCode()).as(name).isEqualTo(400);
            assertThat(other.body()).as(name).contains("控制字符");
        }
        assertThat(inboxCount()).isZero();
    }

    @Test
    void aVeryLongNameIsRefusedWith400ForItsLengthNotItsSize() throws Exception {
        // 470 characters: the part's header passes the container's 512 bytes while the request stays under 1000
        HttpResponse<String> response = upload("a".repeat(470) + ".csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("文件名过长")
                .doesNotContain("name is too long")
                .doesNotContain("1000 bytes");
        assertThat(inboxCount()).isZero();
    }

    @Test
    void anIdNumberInTheNameIsNeverEchoedInClear() throws Exception {
        HttpResponse<String> response = upload("11010519491231002X张三.csv", "日期,姓名\n".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).doesNotContain("11010519491231002X").contains("1101************2X");
        try (var files = Files.list(HOME.resolve("inbox/employer"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allSatisfy(n -> assertThat(n).doesNotContain("11010519491231002X"));
        }
        try (var files = Files.list(HOME.resolve("inbox/employer"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    private long inboxCount() throws java.io.IOException {
        Path inbox = HOME.resolve("inbox/employer");
        if (!Files.exists(inbox)) {
            return 0;
        }
        try (var files = Files.list(inbox)) {
            return files.count();
        }
    }

    private HttpResponse<String> upload(String filename, byte[] content) throws Exception {
        String boundary = "lujing-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder()
                                .uri(URI.create("http://127.0.0.1:" + port + "/api/upload/employer"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("operator:" + password)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aClientCannotChooseTheAddressItIsCountedUnderWhenNoProxyIsConfigured() throws Exception {
        // with no proxy configured, X-Forwarded-For is anyone's to write: it must not move a sign-in's address (a
        // spray of names from one place would dodge the per-address back-off, and the audit log would name a lie)
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder()
                                .uri(URI.create("http://127.0.0.1:" + port + "/api/files"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "spoofer:wrong".getBytes(StandardCharsets.UTF_8)))
                                .header("X-Forwarded-For", "203.0.113.99")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT target FROM audit_log WHERE action = 'LOGIN_FAILED' AND actor = 'spoofer'")
                        .query(String.class)
                        .list())
                .containsExactly("address 127.0.0.1");
    }

    @Test
    void aFormFromSomeoneNotSignedInIsSentToSignInWithoutItsBodyBeingRead() throws Exception {
        for (String path : java.util.List.of("/login", "/upload")) {
            // given a multipart POST that announces 900 bytes and sends 100: a server that reads the form waits for
            // the rest, one that does not answers at once
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                String boundary = "lujing-boundary";
                String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 900\r\n\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();

                // when the answer is read
                String statusLine = new java.io.BufferedReader(
                                new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();

                // then it came without the rest of the body: to the sign-in page, nothing parsed or stored
                assertThat(statusLine).as(path).isEqualTo("HTTP/1.1 302 ");
            }
        }
        assertThat(inboxCount()).isZero();
    }

    @Test
    void aRequestTomcatRefusesItselfGetsTheConsolesPageNotTomcatsEnglishReport() throws Exception {
        // a filter address over the 8 KB Tomcat allows a request line: refused before the console sees it
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder()
                                .uri(java.net.URI.create("http://127.0.0.1:" + port + "/files?q=" + "a".repeat(9_000)))
                                .header("Accept", "text/html")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html").containsIgnoringCase("utf-8"));
        assertThat(response.body())
                .contains("请求未被受理", "地址或请求头过长", "总览")
                .doesNotContain("HTTP Status", "Tomcat", "Bad Request");
    }
}
