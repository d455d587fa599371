package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.cli.LujingCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Sign-ins back off per name and per address, lock unknown names exactly like real ones, take as long for an
 * unknown name as for a wrong password, are audited when they fail, and an admin's `users unlock` lifts a lock.
 */
@SpringBootTest(
        properties = {
            "camel.main.auto-startup=false",
            "lujing.console.login.max-failures=3",
            "lujing.console.login.max-address-failures=6",
            "lujing.console.login.lock=10m"
        })
@AutoConfigureMockMvc
class ConsoleLoginThrottleIntegrationTests {

    static final Path HOME = TestHomes.fresh("login-throttle");
    static String password;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void users() {
        UsersFile users = new UsersFile(HOME.resolve("config/users.yaml"));
        users.put("admin", ConsoleRole.ADMIN);
        password = users.put("operator", ConsoleRole.OPERATOR);
        for (int i = 0; i <= 5; i++) {
            users.put("k" + i, ConsoleRole.VIEWER);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNameLocksAfterThreeWrongPasswordsIsAuditedAndAnAdminUnlocksIt() throws Exception {
        // given three wrong passwords for a real name
        for (int i = 0; i < 3; i++) {
            assertThat(api("operator", "wrong-" + i, "10.0.0.1").getStatus()).isEqualTo(401);
        }

        // then even the right password is refused, saying why and until when, from any address
        MockHttpServletResponse locked = api("operator", password, "10.0.0.11");
        assertThat(locked.getStatus()).isEqualTo(401);
        assertThat(locked.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("已暂时锁定", "\"at\":")
                .doesNotContain("locked until");
        assertThat(audit("operator")).containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_LOCKED");

        // when an admin unlocks the name
        assertThat(LujingCommand.run("users", "unlock", "operator", "--home", HOME.toString()))
                .isZero();

        // then the right password works at once
        assertThat(api("operator", password, "10.0.0.1").getStatus()).isEqualTo(200);
    }

    @Test
    void anUnknownNameIsCountedAndLockedExactlyLikeAKnownOne() throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(api("nobody-here", "guess-" + i, "10.0.0.2").getStatus());
        }
        assertThat(statuses).containsOnly(401);
        assertThat(api("nobody-here", "guess", "10.0.0.12").getContentAsString())
                .contains("已暂时锁定");
        assertThat(audit("nobody-here"))
                .containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_LOCKED");
    }

    @Test
    void anAddressLocksAfterSixFailuresWhateverTheNames() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(api("user" + i, "x", "10.0.0.3").getStatus()).isEqualTo(401);
        }

        assertThat(api("admin", "anything", "10.0.0.3").getContentAsString()).contains("已暂时锁定");
        assertThat(api("operator", password, "10.0.0.3").getStatus())
                .as("locked address")
                .isEqualTo(401);
        assertThat(api("operator", password, "10.0.0.4").getStatus())
                .as("another address")
                .isEqualTo(200);

        assertThat(LujingCommand.run("users", "unlock", "--address", "10.0.0.3", "--home", HOME.toString()))
                .isZero();
        assertThat(api("operator", password, "10.0.0.3").getStatus()).isEqualTo(200);
    }

    @Test
    void theFormSaysTheNameIsLocked() throws Exception {
        for (int i = 0; i < 3; i++) {
            form("viewer-x", "nope", "10.0.0.5");
        }
        String redirect = form("viewer-x", "nope", "10.0.0.15").getRedirectedUrl();
        // the redirect carries the lock's end, and the form says until when (as the API's 401 does)
        assertThat(redirect).matches(".*/login\\?locked=\\d+");
        long until = Long.parseLong(redirect.substring(redirect.indexOf('=') + 1));
        assertThat(until).isGreaterThan(java.time.Instant.now().getEpochSecond());
        String shown = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.Instant.ofEpochSecond(until));
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/login").param("locked", String.valueOf(until)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("已暂时锁定至 " + shown + "（北京时间）");
        // a time no lock can have (typed into the address) is not shown as one
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/login").param("locked", "999999999999"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("已暂时锁定")
                .doesNotContain("锁定至");
        // a value that is no time (typed by hand) shows the lock without one
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/login").param("locked", "<b>soon</b>"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("登录失败次数过多，该用户或地址已暂时锁定。")
                .doesNotContain("<b>soon</b>");
    }

    @Test
    void anUnknownNameTakesAsLongAsAWrongPasswordForAKnownOne() throws Exception {
        // warm up both paths (the dummy hash is made on first use)
        api("k5", "warm", "10.0.1.1");
        api("ghost", "warm", "10.0.1.2");
        // each known name once (three failures would lock it and answer fast), each from its own address
        long[] known = new long[5];
        long[] unknown = new long[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            api("k" + i, "wrong", "10.0.1." + (10 + i));
            known[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            api("ghost-" + i, "wrong", "10.0.1." + (20 + i));
            unknown[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        // before: bcrypt cost 10 for the dummy against 12 for real hashes, about a quarter of the time (0.27)
        assertThat((double) unknown[2] / known[2])
                .as("median unknown %d ns, known %d ns", unknown[2], known[2])
                .isGreaterThan(0.5);
    }

    private MockHttpServletResponse api(String user, String pass, String address) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/api/sources")
                        .with(httpBasic(user, pass))
                        .with(r -> {
                            r.setRemoteAddr(address);
                            return r;
                        }))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse form(String user, String pass, String address) throws Exception {
        return mvc.perform(
                        MockMvcRequestBuilders.post("/login")
                                .param("username", user)
                                .param("password", pass)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .with(r -> {
                                    r.setRemoteAddr(address);
                                    return r;
                                }))
                .andReturn()
                .getResponse();
    }

    private List<String> audit(String actor) {
        return jdbc.sql("SELECT action FROM audit_log WHERE actor = ? ORDER BY id")
                .param(actor)
                .query(String.class)
                .list();
    }
}
