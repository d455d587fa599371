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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console behind a reverse proxy on the same machine, configured as the manual says: every request arrives from
 * loopback, and the sign-in
 * back-off counts the address the proxy names (X-Forwarded-For), so one person's failures lock that person's
 * address, not the whole office that shares the proxy's.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camel.main.auto-startup=false",
            "lujing.console.login.max-failures=100",
            "lujing.console.login.max-address-failures=3",
            "lujing.console.login.lock=10m",
            // what an admin sets for a proxy on this machine (docs/operations.md, The web console)
            "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"
        })
class ConsoleBehindProxyIntegrationTests {

    static final Path HOME = TestHomes.fresh("console-behind-proxy");
    static String password;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void admin() {
        password = new UsersFile(HOME.resolve("config/users.yaml")).put("admin", ConsoleRole.ADMIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void failuresThroughTheProxyLockTheAddressItNamesNotEveryoneBehindIt() throws Exception {
        // given three wrong passwords from one person behind the proxy
        for (int i = 0; i < 3; i++) {
            assertThat(get("guess" + i, "wrong", "203.0.113.7").statusCode()).isEqualTo(401);
        }

        // then that address is locked, and everyone else behind the same proxy still signs in
        HttpResponse<String> locked = get("admin", password, "203.0.113.7");
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.body()).contains("已暂时锁定");
        assertThat(get("admin", password, "203.0.113.8").statusCode()).isEqualTo(200);
        assertThat(get("admin", password, null).statusCode()).isEqualTo(200);
        // and the audit log names the person's address, not the proxy's
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND target = ?")
                        .param("address 203.0.113.7")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    private HttpResponse<String> get(String user, String pass, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .uri(URI.create("http://127.0.0.1:" + port + "/api/files"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)))
                .GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
