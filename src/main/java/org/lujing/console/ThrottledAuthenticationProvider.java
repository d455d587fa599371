package org.lujing.console;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.lujing.audit.AuditLog;
import org.lujing.normalise.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every sign-in, by form or HTTP Basic, goes through here: refused at once while its name or address is locked
 * ({@link LoginThrottle}); otherwise checked by the usual provider — which, for a name nobody has, checks the
 * password against a dummy hash of the same bcrypt cost, so an unknown name takes as long as a known one. Each
 * failure is written to the audit log ({@code LOGIN_FAILED}), and so is the start of each lock
 * ({@code LOGIN_LOCKED}); a refusal while locked is not, so a flood cannot fill the log.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle, AuditLog audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = String.valueOf(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d
                ? String.valueOf(d.getRemoteAddress())
                : "";
        var lock = throttle.locked(user, address);
        if (lock.isPresent()) {
            throw locked(lock.get());
        }
        try {
            Authentication done = passwords.authenticate(authentication);
            throttle.succeeded(user);
            return done;
        } catch (AuthenticationException e) {
            var started = throttle.failed(user, address);
            String who = shown(user);
            try {
                audit.record(
                        who,
                        "LOGIN_FAILED",
                        "address " + address,
                        null,
                        "failure " + throttle.failures(user) + " for this name");
                started.ifPresent(l -> audit.record(
                        who,
                        "LOGIN_LOCKED",
                        l.kind() + " " + (l.kind().equals("user") ? who : l.key()),
                        null,
                        "locked until " + TIME.format(l.until())));
            } catch (RuntimeException auditFailed) {
                log.warn("could not audit a failed sign-in: {}", auditFailed.toString());
            }
            if (started.isPresent()) {
                throw locked(started.get());
            }
            // the same answer for an unknown name and a wrong password
            throw new BadCredentialsException("bad credentials");
        }
    }

    /** A sign-in refused for a lock, with the lock's end: the console's form says until when. */
    static final class LockedUntilException extends LockedException {
        private final transient java.time.Instant until;

        LockedUntilException(String message, java.time.Instant until) {
            super(message);
            this.until = until;
        }

        java.time.Instant until() {
            return until;
        }
    }

    /** A lock's end as the sign-in messages write it, in Beijing time. */
    static String untilText(java.time.Instant until) {
        return TIME.format(until);
    }

    private static LockedException locked(LoginThrottle.Lock lock) {
        String until = untilText(lock.until());
        return new LockedUntilException(
                "登录失败次数过多，已暂时锁定至 " + until + "（北京时间）；请稍后再试，或请管理员执行 `lujing users unlock`"
                        + org.lujing.ledger.Bilingual.SEPARATOR + "too many failed sign-ins: locked until " + until
                        + " (Asia/Shanghai); try again later or ask an"
                        + " admin to run `lujing users unlock`",
                lock.until());
    }

    /** A name as the audit log may keep it: masked (someone may type an ID number there), at most 64 characters. */
    private static String shown(String user) {
        String masked = Masking.value(user.isBlank() ? "(empty)" : user);
        return masked.length() > 64 ? masked.substring(0, 64) + "…" : masked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
