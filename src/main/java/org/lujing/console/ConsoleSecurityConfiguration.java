package org.lujing.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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

    @Bean
    UsersFile usersFile(@Value("${lujing.console.users-file}") Path file) {
        UsersFile users = new UsersFile(file);
        if (users.read().isEmpty()) {
            String password = users.put("admin", ConsoleRole.ADMIN);
            // shown once, on the terminal that started serve, never in a log file: only its hash is kept
            System.err.printf(
                    "%n  Lujing console: first run, created user 'admin' with password  %s%n"
                            + "  It is shown only this once. Change it with `lujing users passwd admin`; users are kept in %s%n%n",
                    password, file);
            log.warn(
                    "first run: created console user 'admin' (password shown once on the terminal); users file {}",
                    file);
        }
        return users;
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

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(
                        auth -> rules(auth.requestMatchers("/api/openapi/**").authenticated()))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"sign in with HTTP Basic\"}");
                }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"your role may not do this\"}");
                }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> rules(auth.requestMatchers("/login", "/css/**", "/favicon.ico", "/error")
                        .permitAll()))
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.newSession()))
                .headers(h -> h.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
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
                .requestMatchers(HttpMethod.POST, "/jobs/**", "/api/jobs/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/sources/**", "/api/sources/**")
                .hasRole("ADMIN")
                .requestMatchers("/upload/**", "/api/upload/**")
                .hasRole("OPERATOR")
                .requestMatchers(HttpMethod.POST, "/findings/**", "/api/findings/**", "/files/**", "/api/files/**")
                .hasRole("OPERATOR")
                .requestMatchers(HttpMethod.GET, "/**")
                .hasRole("VIEWER")
                .anyRequest()
                .denyAll();
    }
}
