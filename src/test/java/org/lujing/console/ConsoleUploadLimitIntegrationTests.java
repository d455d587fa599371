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
        assertThat(response.body()).contains("limit of 1000 bytes", "lujing.ingest.max-file-bytes");
        assertThat(
                        Files.exists(HOME.resolve("inbox/employer"))
                                ? Files.list(HOME.resolve("inbox/employer")).count()
                                : 0)
                .isZero();
    }
}
