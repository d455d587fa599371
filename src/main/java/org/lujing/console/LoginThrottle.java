package org.lujing.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off for sign-ins, per user name and per address. After {@code maxFailures} wrong passwords for one name (or
 * {@code maxAddressFailures} from one address, whatever the names) the name (or address) is locked for
 * {@code lock}, doubling with every further failure up to {@code maxLock}; while locked no password is even checked.
 * Unknown names are counted and locked exactly like real ones, so a lock tells nothing about who exists. A good
 * sign-in clears its name's count (not its address's); failures older than {@code forgetAfter} are forgotten.
 *
 * <p>An admin unlocks with {@code lujing users unlock NAME} (or {@code --address A}), which works on files alone
 * like the other {@code users} commands: it appends a line to {@code <users file>.unlocks}, and this class clears any
 * failure older than that line when it next sees the name. The counts themselves live in memory: a restart of
 * {@code serve} forgets them, which is an unlock too.
 */
public final class LoginThrottle {

    /** Why a sign-in is refused before its password is checked. */
    public record Lock(String kind, String key, Instant until) {}

    /** The settings; see docs/configuration.md. */
    public record Settings(
            int maxFailures, int maxAddressFailures, Duration lock, Duration maxLock, Duration forgetAfter) {}

    private static final class Count {
        int failures;
        Instant last = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }

    private final Settings settings;
    private final Path unlocks;
    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private Map<String, Instant> unlocked = Map.of();
    private long unlocksStamp = -1;

    public LoginThrottle(Settings settings, Path unlocksFile, Clock clock) {
        this.settings = settings;
        this.unlocks = unlocksFile;
        this.clock = clock;
    }

    /** The file {@code users unlock} appends to, beside the users file. */
    public static Path unlocksFile(Path usersFile) {
        return usersFile.resolveSibling(usersFile.getFileName() + ".unlocks");
    }

    /** Appends an unlock of {@code user NAME} or {@code address A} (what {@code users unlock} does). */
    public static void unlock(Path usersFile, String kind, String key, Instant at) throws IOException {
        Path file = unlocksFile(usersFile);
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean created = !Files.exists(file);
        Files.writeString(
                file,
                at.toEpochMilli() + " " + kind + " " + key + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (created) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's permissions apply
            }
        }
    }

    /** The lock that holds now for this name or this address, if any. */
    public java.util.Optional<Lock> locked(String user, String address) {
        Instant now = clock.instant();
        for (String k : List.of(key("user", user), key("address", address))) {
            Count c = current(k, now);
            if (c != null && c.lockedUntil.isAfter(now)) {
                return java.util.Optional.of(
                        new Lock(k.substring(0, k.indexOf(':')), k.substring(k.indexOf(':') + 1), c.lockedUntil));
            }
        }
        return java.util.Optional.empty();
    }

    /** Counts a wrong password; returns the lock it starts, if it starts one. */
    public java.util.Optional<Lock> failed(String user, String address) {
        Instant now = clock.instant();
        if (counts.size() > MAX_ENTRIES) {
            prune(now);
        }
        Lock started = null;
        for (String k : List.of(key("user", user), key("address", address))) {
            int max = k.startsWith("user:") ? settings.maxFailures() : settings.maxAddressFailures();
            Count c = counts.compute(k, (key, old) -> {
                Count n = old == null || old.last.plus(settings.forgetAfter()).isBefore(now) ? new Count() : old;
                n.failures++;
                n.last = now;
                if (n.failures >= max) {
                    int beyond = Math.min(n.failures - max, 20);
                    Duration lock = settings.lock().multipliedBy(1L << beyond);
                    n.lockedUntil = now.plus(lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock);
                }
                return n;
            });
            if (c.failures >= max && started == null) {
                started = new Lock(k.substring(0, k.indexOf(':')), k.substring(k.indexOf(':') + 1), c.lockedUntil);
            }
        }
        return java.util.Optional.ofNullable(started);
    }

    /** Past this many names and addresses counted, stale ones are dropped (a spray of made-up names costs no heap). */
    static final int MAX_ENTRIES = 100_000;

    /** Drops counts past forgetAfter; if that is not enough, every count that holds no lock now. */
    void prune(Instant now) {
        counts.values().removeIf(c -> c.last.plus(settings.forgetAfter()).isBefore(now));
        if (counts.size() > MAX_ENTRIES) {
            counts.values().removeIf(c -> !c.lockedUntil.isAfter(now));
        }
    }

    int entries() {
        return counts.size();
    }

    /** How many failures are counted now against this name. */
    public int failures(String user) {
        Count c = current(key("user", user), clock.instant());
        return c == null ? 0 : c.failures;
    }

    /** A good sign-in: the name's count starts again. The address keeps its own, so one good account is no cover. */
    public void succeeded(String user) {
        counts.remove(key("user", user));
    }

    private Count current(String k, Instant now) {
        Count c = counts.get(k);
        if (c == null) {
            return null;
        }
        Instant unlockedAt = unlocks().get(k);
        if ((unlockedAt != null && !unlockedAt.isBefore(c.last))
                || c.last.plus(settings.forgetAfter()).isBefore(now)) {
            counts.remove(k, c);
            return null;
        }
        return c;
    }

    private synchronized Map<String, Instant> unlocks() {
        try {
            if (!Files.exists(unlocks)) {
                return Map.of();
            }
            long stamp = Files.getLastModifiedTime(unlocks).toMillis() ^ Files.size(unlocks);
            if (stamp != unlocksStamp) {
                Map<String, Instant> read = new HashMap<>();
                for (String line : Files.readAllLines(unlocks, StandardCharsets.UTF_8)) {
                    String[] p = line.strip().split(" ", 3);
                    if (p.length == 3) {
                        read.merge(
                                key(p[1], p[2]),
                                Instant.ofEpochMilli(Long.parseLong(p[0])),
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
                unlocked = read;
                unlocksStamp = stamp;
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable unlocks file unlocks nothing; the locks still run out by themselves
        }
        return unlocked;
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value);
    }
}
