package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/** The throttle's arithmetic: doubling locks with a cap, forgetting, unlock by file, and a bounded memory. */
class LoginThrottleTests {

    final Path users = TestHomes.fresh("throttle").resolve("config/users.yaml");

    LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(
                new LoginThrottle.Settings(
                        3, 1_000_000, Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofHours(24)),
                LoginThrottle.unlocksFile(users),
                clock);
    }

    @Test
    void locksDoubleUpToTheCapAndAnUnlockLiftsThem() throws Exception {
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        LoginThrottle t = throttle(Clock.fixed(t0, ZoneOffset.UTC));
        t.failed("wang", "10.0.0.1");
        t.failed("wang", "10.0.0.1");
        assertThat(t.failed("wang", "10.0.0.1"))
                .get()
                .extracting(LoginThrottle.Lock::until)
                .isEqualTo(t0.plusSeconds(60));
        assertThat(t.failed("wang", "10.0.0.1"))
                .get()
                .extracting(LoginThrottle.Lock::until)
                .isEqualTo(t0.plusSeconds(120));
        t.failed("wang", "10.0.0.1");
        assertThat(t.failed("wang", "10.0.0.1"))
                .get()
                .extracting(LoginThrottle.Lock::until)
                .as("capped at max-lock")
                .isEqualTo(t0.plusSeconds(240));
        assertThat(t.locked("wang", "10.0.0.9")).isPresent();

        LoginThrottle.unlock(users, "user", "wang", t0.plusSeconds(1));
        assertThat(t.locked("wang", "10.0.0.9")).isEmpty();
        assertThat(t.failures("wang")).isZero();
    }

    @Test
    void aSprayOfMadeUpNamesDoesNotGrowTheHeapWithoutBound() {
        LoginThrottle t = throttle(Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES + 10; i++) {
            t.failed("name-" + i, "10.0.0.2");
        }
        assertThat(t.entries()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES + 2);
    }
}
