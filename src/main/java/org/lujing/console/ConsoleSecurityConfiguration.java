package org.lujing.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.lujing.audit.AuditLog;
import org.lujing.report.ReportLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may do what in the console and the API. Pages use a form login with a session, CSRF tokens and a timeout
 * (server.servlet.session.timeout). The API under /api is for scripts: HTTP Basic on every request, no session and
 * so no cookie a browser could replay — which is why it needs no CSRF token — and no {@code WWW-Authenticate}
 * challenge, so a browser never caches the credentials either. The same role rules apply to both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);
    private static final tools.jackson.databind.ObjectMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Bean
    UsersFile usersFile(@Value("${lujing.console.users-file}") Path file) {
        UsersFile users = new UsersFile(file);
        if (users.read().isEmpty()) {
            String password = users.put("admin", ConsoleRole.ADMIN);
            showFirstPassword(users, password, System.console());
        }
        return users;
    }

    /**
     * The first admin password goes where only the operator sees it, never between log lines on stderr (which is
     * often a log file): to the terminal when serve has one; else into a file readable by the service user only
     * (0600, beside the users file), removed at the first password change ({@code users passwd admin}).
     */
    static void showFirstPassword(UsersFile users, String password, java.io.Console terminal) {
        ReportLanguage lang = ReportLanguage.ofEnvironment(System.getenv());
        if (terminal != null) {
            terminal.printf(
                    lang.pick(
                            "%n  Lujing 控制台首次启动：已创建用户 admin，密码  %s%n"
                                    + "  密码只显示这一次。请用 `lujing users passwd admin` 修改。%n%n",
                            "%n  Lujing console: first run, created user 'admin' with password  %s%n"
                                    + "  It is shown only this once. Change it with `lujing users passwd admin`.%n%n"),
                    password);
            terminal.flush();
            log.warn("first run: created console user 'admin'; its password was shown once on the terminal");
            return;
        }
        Path note = users.initialPasswordFile();
        users.writePrivate(
                note,
                lang.pick(
                                "# Lujing 控制台：用户 admin 的初始密码。登录后请运行 `lujing users passwd admin` 修改，\n"
                                        + "# 修改密码时本文件随即删除。\n",
                                "# Lujing console: the first password of user 'admin'. Sign in, then run `lujing users"
                                        + " passwd admin`:\n# this file is deleted at that first password change.\n")
                        + password + "\n");
        log.warn(
                "first run: created console user 'admin'; no terminal, so its password is in {} (mode 0600), deleted at"
                        + " the first `lujing users passwd admin`",
                note);
    }

    /** Read at every login, so `users add|passwd|remove` take effect without a restart. */
    @Bean
    UserDetailsService consoleUserDetailsService(UsersFile users) {
        return name -> users.find(name)
                .map(u -> User.withUsername(u.name())
                        .password(u.passwordHash())
                        .authorities(u.role().authorities())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(name));
    }

    /**
     * bcrypt at the cost the users file is written with (12): the provider's dummy hash for unknown names is made
     * with this encoder, so an unknown name costs the same time as a known one (Spring's default, cost 10, answered
     * unknown names about four times faster).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(12)));
    }

    @Bean
    LoginThrottle loginThrottle(
            UsersFile users,
            @Value("${lujing.console.login.max-failures}") int maxFailures,
            @Value("${lujing.console.login.max-address-failures}") int maxAddressFailures,
            @Value("${lujing.console.login.lock}") Duration lock,
            @Value("${lujing.console.login.max-lock}") Duration maxLock,
            @Value("${lujing.console.login.forget-after}") Duration forgetAfter) {
        return new LoginThrottle(
                new LoginThrottle.Settings(maxFailures, maxAddressFailures, lock, maxLock, forgetAfter),
                LoginThrottle.unlocksFile(users.path()),
                Clock.systemUTC());
    }

    /** The one authentication provider, for the form and HTTP Basic alike: passwords checked behind the throttle. */
    @Bean
    AuthenticationProvider consoleAuthenticationProvider(
            UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthenticationProvider(passwords, throttle, audit);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            org.springframework.web.servlet.LocaleResolver locales,
            org.springframework.beans.factory.ObjectProvider<
                            org.springframework.security.web.access.WebInvocationPrivilegeEvaluator>
                    privileges)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(
                        auth -> rules(auth.requestMatchers("/api/openapi/**").authenticated()))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    // in the request's language, as every other answer of the API (it was English first, always)
                    String message = e instanceof LockedException
                            ? e.getMessage()
                            : "请用 HTTP Basic 登录（用户名和密码与控制台相同）" + org.lujing.ledger.Bilingual.SEPARATOR
                                    + "sign in with HTTP Basic (the console's user name and password)";
                    response.getWriter()
                            .write(JSON.writeValueAsString(Map.of(
                                    "error",
                                    "unauthorized",
                                    "message",
                                    ReportLanguage.of(requestLocale(request, locales))
                                            .oneLanguage(message),
                                    "at",
                                    java.time.Instant.now().toString())));
                }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                    // a method and address no role may use (DELETE /api/jobs, POST to a mistyped address) is none:
                    // "your role may not" would send an admin looking for a stronger role
                    boolean none = noRoleMay(request, privileges.getObject());
                    String message = none
                            ? ApiErrorAttributes.words(
                                    404, request.getMethod(), ApiErrorAdvice.shownValue(request.getRequestURI()), null)
                            : ROLE_MAY_NOT;
                    response.setStatus(none ? HttpStatus.NOT_FOUND.value() : HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter()
                            .write(JSON.writeValueAsString(Map.of(
                                    "error",
                                    none ? "not found" : "forbidden",
                                    "message",
                                    ReportLanguage.of(requestLocale(request, locales))
                                            .oneLanguage(message),
                                    "at",
                                    java.time.Instant.now().toString())));
                }));
        return http.build();
    }

    static final String ROLE_MAY_NOT =
            "您的角色无权执行此操作" + org.lujing.ledger.Bilingual.SEPARATOR + "your role may not do this";

    /**
     * The language a request asks for: {@code ?lang=} first, as the console's pages take it, then the resolver's.
     * Read from the address alone: asking the request for a parameter reads a form's body, and an upload's over the
     * size limit answered 413 to a client that had not even signed in.
     */
    static java.util.Locale requestLocale(
            jakarta.servlet.http.HttpServletRequest request, org.springframework.web.servlet.LocaleResolver locales) {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals("lang=en") || pair.equals("lang=zh")) {
                    return java.util.Locale.forLanguageTag(pair.substring(5));
                }
            }
        }
        return locales.resolveLocale(request);
    }

    /**
     * Whether the request is refused to every role, an admin's included: then it asks for what is not there. For the
     * API's chain only: the evaluator asks with a request of its own making, which the pages' rule on dispatch types
     * cannot read.
     */
    static boolean noRoleMay(
            jakarta.servlet.http.HttpServletRequest request,
            org.springframework.security.web.access.WebInvocationPrivilegeEvaluator privileges) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return !privileges.isAllowed(request.getContextPath(), uri, request.getMethod(), ANY_ADMIN);
    }

    private static final org.springframework.security.core.Authentication ANY_ADMIN =
            org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                    "any admin",
                    null,
                    org.springframework.security.core.authority.AuthorityUtils.createAuthorityList(
                            ConsoleRole.ADMIN.authorities()));

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(
            HttpSecurity http,
            @Value("${lujing.ingest.max-file-bytes}") long uploadLimit,
            org.springframework.web.servlet.LocaleResolver locales)
            throws Exception {
        http.addFilterBefore(
                        MultipartGuard.consoleFilter(uploadLimit, locales),
                        org.springframework.security.web.csrf.CsrfFilter.class)
                .authorizeHttpRequests(auth ->
                        // Boot's error page is rendered for a failed request (an ERROR dispatch), never asked for
                        // directly: a bare GET /error answered 500 ("status 999") to anyone
                        rules(auth.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR)
                                .permitAll()
                                .requestMatchers("/login", "/css/**", "/favicon.ico", "/favicon.svg")
                                .permitAll()))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        // a locked name is told so (and until when), not "wrong password"
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof ThrottledAuthenticationProvider.LockedUntilException l
                                        ? "/login?locked=" + l.until().getEpochSecond()
                                        : e instanceof LockedException ? "/login?locked" : "/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .exceptionHandling(ex -> ex.accessDeniedHandler(ConsoleSecurityConfiguration::deniedOnAPage))
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .headers(h -> h.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * A form posted with a token that no longer holds is a page that expired, not a role that may not: after the
     * session timed out the operator is sent to sign in again, told that nothing was done; signed in (the form was
     * older than the last sign-in) back to the page they came from with the same words. Anything else is the role's
     * refusal, on the error page.
     */
    private static final org.springframework.security.web.access.AccessDeniedHandler ROLE_REFUSED =
            new org.springframework.security.web.access.AccessDeniedHandlerImpl();

    private static final org.springframework.web.servlet.FlashMapManager FLASH =
            new org.springframework.web.servlet.support.SessionFlashMapManager();

    private static void deniedOnAPage(
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException e)
            throws java.io.IOException, jakarta.servlet.ServletException {
        if (!(e instanceof org.springframework.security.web.csrf.CsrfException)) {
            ROLE_REFUSED.handle(request, response, e);
            return;
        }
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean signedIn = auth != null
                && auth.isAuthenticated()
                && !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        if (!signedIn) {
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        String back = localPath(request.getHeader("Referer"), request.getContextPath());
        var flash = new org.springframework.web.servlet.FlashMap();
        flash.put(
                "refused",
                "页面已过期，刚才的操作没有执行：请在这个刷新后的页面上重新提交 ‖ the page had expired and nothing was done:"
                        + " submit again on this reloaded page");
        int query = back.indexOf('?');
        flash.setTargetRequestPath(query < 0 ? back : back.substring(0, query));
        FLASH.saveOutputFlashMap(flash, request, response);
        response.sendRedirect(back);
    }

    /** The path (and query) of a page of this console the browser came from, else the dashboard; never elsewhere. */
    static String localPath(String referer, String contextPath) {
        String home = contextPath + "/";
        if (referer == null) {
            return home;
        }
        try {
            java.net.URI uri = new java.net.URI(referer);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith(home) || path.startsWith("//")) {
                return home;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (java.net.URISyntaxException bad) {
            return home;
        }
    }

    /**
     * The one table of who may do what, for pages and API alike. Reading is for every role except the audit log;
     * changing data is for operators; running jobs and editing configuration is for admins.
     */
    private static void rules(
            org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<HttpSecurity>
                            .AuthorizationManagerRequestMatcherRegistry
                    auth) {
        auth.requestMatchers("/audit/**", "/api/audit/**")
                .hasRole("ADMIN")
                .requestMatchers("/identity/**", "/api/identity/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/jobs/**", "/api/jobs/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/sources/**", "/api/sources/**")
                .hasRole("ADMIN")
                // taking a file back out of the ledger is an admin's, though other actions on files are operators'
                .requestMatchers(HttpMethod.POST, "/files/*/withdraw", "/api/files/*/withdraw")
                .hasRole("ADMIN")
                .requestMatchers("/upload/**", "/api/upload/**")
                .hasRole("OPERATOR")
                .requestMatchers(HttpMethod.POST, "/findings/**", "/api/findings/**", "/files/**", "/api/files/**")
                .hasRole("OPERATOR")
                .requestMatchers(HttpMethod.GET, "/**")
                .hasRole("VIEWER")
                // a HEAD is a GET without its body (a monitor asking whether the console is up): the same rules
                .requestMatchers(HttpMethod.HEAD, "/**")
                .hasRole("VIEWER")
                .anyRequest()
                .denyAll();
    }
}
