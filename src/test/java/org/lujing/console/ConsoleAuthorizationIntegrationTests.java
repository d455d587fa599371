package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lujing.SharedLedgerContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may open every page and call every endpoint: no login, viewer, operator, admin. The table below is the
 * contract; a test fails when a controller maps a path the table does not cover, so no endpoint ships unguarded.
 * Pages are asked with a session user and a CSRF token; the API with HTTP Basic and real users from the users file.
 */
class ConsoleAuthorizationIntegrationTests extends SharedLedgerContext {

    static final UsersFile USERS = new UsersFile(HOME.resolve("config/users.yaml"));
    static final Map<ConsoleRole, String> PASSWORDS = new EnumMap<>(ConsoleRole.class);

    @BeforeAll
    static void users() {
        for (ConsoleRole role : ConsoleRole.values()) {
            PASSWORDS.put(role, USERS.put(role.word(), role));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RequestMappingHandlerMapping mappings;

    /** Who gets what: -1 = anyone signed in is sent to /login (pages) or gets 401 (API); then viewer, operator, admin. */
    record Rule(
            HttpMethod method,
            String pattern,
            String example,
            Outcome none,
            Outcome viewer,
            Outcome operator,
            Outcome admin) {}

    enum Outcome {
        ALLOWED,
        FORBIDDEN,
        LOGIN
    }

    static final Outcome A = Outcome.ALLOWED;
    static final Outcome F = Outcome.FORBIDDEN;
    static final Outcome L = Outcome.LOGIN;

    static final List<Rule> TABLE = List.of(
            new Rule(HttpMethod.GET, "/", "/", L, A, A, A),
            new Rule(HttpMethod.GET, "/login", "/login", A, A, A, A),
            new Rule(HttpMethod.GET, "/jobs", "/jobs", L, A, A, A),
            new Rule(HttpMethod.GET, "/jobs/{id}", "/jobs/999999", L, A, A, A),
            new Rule(HttpMethod.POST, "/jobs/{id}/{action}", "/jobs/999999/restart", L, F, F, A),
            new Rule(HttpMethod.POST, "/jobs/restart-failed", "/jobs/restart-failed?reason=test", L, F, F, A),
            new Rule(HttpMethod.GET, "/jobs/{id}/progress", "/jobs/999999/progress", L, A, A, A),
            new Rule(HttpMethod.GET, "/files", "/files", L, A, A, A),
            new Rule(HttpMethod.GET, "/files/{id}", "/files/999999", L, A, A, A),
            new Rule(HttpMethod.POST, "/files/{id}/retry", "/files/999999/retry", L, F, A, A),
            new Rule(HttpMethod.POST, "/files/{id}/close-rejects", "/files/999999/close-rejects?reason=x", L, F, A, A),
            new Rule(HttpMethod.POST, "/files/{id}/withdraw", "/files/999999/withdraw?reason=x", L, F, F, A),
            new Rule(HttpMethod.GET, "/files/quarantine/report", "/files/quarantine/report?id=999", L, A, A, A),
            new Rule(HttpMethod.GET, "/upload", "/upload", L, F, A, A),
            new Rule(HttpMethod.POST, "/upload", "/upload", L, F, A, A),
            new Rule(HttpMethod.GET, "/findings", "/findings", L, A, A, A),
            new Rule(HttpMethod.GET, "/logout", "/logout", L, A, A, A),
            new Rule(HttpMethod.POST, "/findings/{id}/{action}", "/findings/999999/acknowledge", L, F, A, A),
            new Rule(HttpMethod.GET, "/reports", "/reports", L, A, A, A),
            new Rule(HttpMethod.GET, "/reports/download", "/reports/download?path=none.xlsx", L, A, A, A),
            new Rule(HttpMethod.GET, "/sources", "/sources", L, A, A, A),
            new Rule(HttpMethod.POST, "/sources/reload", "/sources/reload", L, F, F, A),
            new Rule(HttpMethod.GET, "/audit", "/audit", L, F, F, A),
            new Rule(HttpMethod.GET, "/identity/review", "/identity/review", L, F, F, A),
            new Rule(
                    HttpMethod.POST,
                    "/identity/review/{id}/{action}",
                    "/identity/review/999999/accept?reason=r",
                    L,
                    F,
                    F,
                    A),
            new Rule(HttpMethod.GET, "/api/identity/review", "/api/identity/review", L, F, F, A),
            new Rule(
                    HttpMethod.POST,
                    "/api/identity/review/{id}/{action}",
                    "/api/identity/review/999999/reject",
                    L,
                    F,
                    F,
                    A),
            new Rule(HttpMethod.GET, "/api/jobs", "/api/jobs", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/jobs/{id}", "/api/jobs/999999", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/jobs/{id}/progress", "/api/jobs/999999/progress", L, A, A, A),
            new Rule(HttpMethod.POST, "/api/jobs/{id}/{action}", "/api/jobs/999999/restart?reason=test", L, F, F, A),
            new Rule(
                    HttpMethod.POST,
                    "/api/jobs/restart-failed",
                    "/api/jobs/restart-failed?job=none&reason=test",
                    L,
                    F,
                    F,
                    A),
            new Rule(HttpMethod.GET, "/api/files", "/api/files", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/files/{id}", "/api/files/999999", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/files/{id}/rejects", "/api/files/999999/rejects", L, A, A, A),
            new Rule(HttpMethod.POST, "/api/files/{id}/withdraw", "/api/files/999999/withdraw?reason=x", L, F, F, A),
            new Rule(HttpMethod.GET, "/api/files/quarantine", "/api/files/quarantine", L, A, A, A),
            new Rule(HttpMethod.POST, "/api/upload/{source}", "/api/upload/community", L, F, A, A),
            new Rule(HttpMethod.GET, "/api/findings", "/api/findings", L, A, A, A),
            new Rule(
                    HttpMethod.POST,
                    "/api/findings/{id}/{action}",
                    "/api/findings/999999/acknowledge?note=n",
                    L,
                    F,
                    A,
                    A),
            new Rule(HttpMethod.GET, "/api/stats", "/api/stats?period=2025", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/reports", "/api/reports", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/reports/download", "/api/reports/download?path=none.xlsx", L, A, A, A),
            new Rule(HttpMethod.GET, "/api/sources", "/api/sources", L, A, A, A),
            new Rule(HttpMethod.POST, "/api/sources/reload", "/api/sources/reload", L, F, F, A),
            new Rule(HttpMethod.GET, "/api/audit", "/api/audit", L, F, F, A),
            new Rule(HttpMethod.GET, "/api/openapi", "/api/openapi", L, A, A, A));

    static Stream<Arguments> everyRoleOnEveryEndpoint() {
        return TABLE.stream()
                .flatMap(rule -> Stream.of(
                        Arguments.of(rule, null, rule.none()),
                        Arguments.of(rule, ConsoleRole.VIEWER, rule.viewer()),
                        Arguments.of(rule, ConsoleRole.OPERATOR, rule.operator()),
                        Arguments.of(rule, ConsoleRole.ADMIN, rule.admin())));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("everyRoleOnEveryEndpoint")
    void everyRoleGetsWhatTheTableSays(Rule rule, ConsoleRole role, Outcome expected) throws Exception {
        boolean api = rule.example().startsWith("/api/");
        AbstractMockHttpServletRequestBuilder<?> request = request(rule);
        if (role != null) {
            request.with(
                    api
                            ? httpBasic(role.word(), PASSWORDS.get(role))
                            : user(role.word()).authorities(authorities(role)));
        }
        if (!api) {
            request.with(csrf());
        }
        var response = mvc.perform(request).andReturn().getResponse();
        int status = response.getStatus();
        String location = response.getRedirectedUrl();
        switch (expected) {
            case FORBIDDEN ->
                assertThat(status)
                        .as("%s %s as %s", rule.method(), rule.example(), role)
                        .isEqualTo(403);
            case LOGIN -> {
                if (api) {
                    assertThat(status).as("API without credentials").isEqualTo(401);
                } else {
                    assertThat(status).as("page without login").isEqualTo(302);
                    assertThat(location).endsWith("/login");
                }
            }
            // allowed: past security — the handler answered (200, a redirect of its own, 404 for the made-up id, 4xx
            // for a refused action), and a page's redirect is not the one to the sign-in form
            case ALLOWED -> {
                assertThat(status)
                        .as("%s %s as %s", rule.method(), rule.example(), role)
                        .isNotIn(401, 403);
                if (!api && status == 302) {
                    assertThat(location).doesNotEndWith("/login");
                }
            }
        }
    }

    private static java.util.List<org.springframework.security.core.authority.SimpleGrantedAuthority> authorities(
            ConsoleRole role) {
        return Stream.of(role.authorities())
                .map(org.springframework.security.core.authority.SimpleGrantedAuthority::new)
                .toList();
    }

    private static AbstractMockHttpServletRequestBuilder<?> request(Rule rule) {
        if (rule.example().startsWith("/api/upload/") || rule.example().equals("/upload")) {
            var multipart = MockMvcRequestBuilders.multipart(rule.example())
                    .file(new MockMultipartFile("file", "活动台账.xlsx", "application/octet-stream", new byte[] {1, 2, 3}));
            if (rule.example().equals("/upload")) {
                multipart.param("source", "community");
            }
            return multipart;
        }
        return MockMvcRequestBuilders.request(rule.method(), rule.example());
    }

    @Test
    void theTableCoversEveryMappedEndpoint() {
        Set<String> mapped = new LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error") || pattern.startsWith("/api/openapi")) {
                    continue; // Boot's error page; springdoc's own description endpoints (checked through /api/openapi)
                }
                for (String m : methods.isEmpty() ? Set.of("GET") : methods) {
                    mapped.add(m + " " + pattern);
                }
            }
        }
        Set<String> covered = new LinkedHashSet<>();
        TABLE.forEach(r -> covered.add(r.method().name() + " " + r.pattern()));
        assertThat(covered)
                .as("every endpoint has a row in the authorisation table")
                .containsAll(mapped);
    }

    @Test
    void aHeadIsAnsweredAsItsGetWouldBe() throws Exception {
        // a monitor's HEAD was refused (403) for every role, whatever the page
        assertThat(head("/api/files", ConsoleRole.VIEWER)).isEqualTo(200);
        assertThat(mvc.perform(MockMvcRequestBuilders.head("/files")
                                .with(user("viewer").authorities(authorities(ConsoleRole.VIEWER))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(head("/api/audit", ConsoleRole.VIEWER)).isEqualTo(403);
        assertThat(head("/api/audit", ConsoleRole.ADMIN)).isEqualTo(200);
        assertThat(mvc.perform(MockMvcRequestBuilders.head("/api/files"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    private int head(String path, ConsoleRole role) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.head(path).with(httpBasic(role.word(), PASSWORDS.get(role))))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    @Test
    void aPostWithoutAValidCsrfTokenDoesNothingEvenForAnAdminAndSaysThePageExpired() throws Exception {
        // signed in, a form older than the token (or none): back to the page it came from, nothing done, told why
        var admin = mvc.perform(MockMvcRequestBuilders.post("/jobs/1/restart")
                        .param("reason", "r")
                        .header("Referer", "http://localhost/jobs?status=FAILED")
                        .with(user("admin").authorities(authorities(ConsoleRole.ADMIN))))
                .andReturn();
        assertThat(admin.getResponse().getStatus()).isEqualTo(302);
        assertThat(admin.getResponse().getRedirectedUrl()).isEqualTo("/jobs?status=FAILED");
        String back = mvc.perform(MockMvcRequestBuilders.get("/jobs")
                        .param("status", "FAILED")
                        .session((org.springframework.mock.web.MockHttpSession)
                                admin.getRequest().getSession())
                        .with(user("admin").authorities(authorities(ConsoleRole.ADMIN))))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(back).contains("页面已过期，刚才的操作没有执行");
        // a page elsewhere is never where it goes back to
        assertThat(ConsoleSecurityConfiguration.localPath("https://evil.example//evil.example/x", ""))
                .isEqualTo("/");
        assertThat(ConsoleSecurityConfiguration.localPath("not a uri", "")).isEqualTo("/");

        // the session gone (timed out): to the sign-in form, which says what happened — not "your role may not"
        var expired = mvc.perform(MockMvcRequestBuilders.post("/findings/1/acknowledge")
                        .param("note", "x")
                        .param("_csrf", "stale"))
                .andReturn()
                .getResponse();
        assertThat(expired.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/login").param("expired", ""))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("登录已过期，刚才的操作没有执行");
    }

    @Test
    void formLoginChecksTheBcryptHashFromTheUsersFile() throws Exception {
        var ok = mvc.perform(MockMvcRequestBuilders.post("/login")
                        .param("username", "operator")
                        .param("password", PASSWORDS.get(ConsoleRole.OPERATOR))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(ok.getRedirectedUrl()).isEqualTo("/");
        var wrong = mvc.perform(MockMvcRequestBuilders.post("/login")
                        .param("username", "operator")
                        .param("password", "not-the-password")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
    }
}
