package org.lujing.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.console.ConsoleRole;
import org.lujing.console.UsersFile;
import org.lujing.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code users}, {@code users add NAME --role R}, {@code users passwd NAME}, {@code users remove NAME}: the console's
 * users. Works on the users file alone (no database), so it works while {@code serve} runs, and a change applies at
 * the next sign-in. Passwords are generated, shown once and stored only as bcrypt hashes.
 */
@Command(
        name = "users",
        description = "Console users: list, add (or change role), passwd, remove, unlock.",
        subcommands = {
            UsersCommand.Add.class,
            UsersCommand.Passwd.class,
            UsersCommand.Remove.class,
            UsersCommand.Unlock.class
        })
class UsersCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        UsersFile users = file(options);
        if (json) {
            System.out.println(Json.write(users.read().stream()
                    .map(u -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", u.name());
                        m.put("role", u.role().word());
                        return m;
                    })
                    .toList()));
        } else {
            var listed = users.read();
            if (listed.isEmpty()) {
                System.out.println(CliWords.lang()
                        .pick(
                                "还没有控制台用户：用 `users add 名字 --role admin` 添加第一个管理员。",
                                "No console user yet: add the first admin with `users add NAME --role admin`."));
            } else {
                TextTable t = CliWords.table("用户 user", "角色 role");
                listed.forEach(u -> t.row(u.name(), role(u.role())));
                System.out.print(t.render());
            }
            System.out.println("(" + users.path() + ")");
        }
        return 0;
    }

    /**
     * The users file: {@code $LUJING_CONSOLE_USERS_FILE} when set (as {@code lujing.console.users-file} is for
     * {@code serve}), else {@code <home>/config/users.yaml} with the home as every command finds it.
     */
    static UsersFile file(HomeOptions options) {
        String configured = System.getenv("LUJING_CONSOLE_USERS_FILE");
        if (configured != null && !configured.isBlank()) {
            return new UsersFile(Path.of(configured));
        }
        Path home = options.home != null
                ? options.home
                : System.getenv("LUJING_HOME") != null ? Path.of(System.getenv("LUJING_HOME")) : Path.of("");
        return new UsersFile(home.toAbsolutePath().normalize().resolve("config/users.yaml"));
    }

    /** {@code users add NAME --role admin|operator|viewer}. */
    @Command(
            name = "add",
            description = "Add a user, or give an existing one a new role and password; prints the password once.")
    static class Add implements Callable<Integer> {
        @Mixin
        HomeOptions options;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator or viewer")
        String role;

        @Override
        public Integer call() {
            ConsoleRole r = ConsoleRole.parse(role);
            String password = file(options).put(name, r);
            System.out.println(CliWords.lang()
                    .pick(
                            name + "，" + role(r) + "：密码 " + password,
                            name + " (" + r.word() + "): password " + password));
            System.err.println(CliWords.lang()
                    .pick(
                            "密码只显示这一次；用户文件只保存它的 bcrypt 散列",
                            "shown only this once; the users file keeps its bcrypt hash"));
            return 0;
        }
    }

    /** {@code users passwd NAME}. */
    @Command(name = "passwd", description = "Give a user a new generated password; prints it once.")
    static class Passwd implements Callable<Integer> {
        @Mixin
        HomeOptions options;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() throws java.io.IOException {
            UsersFile users = file(options);
            String password = users.resetPassword(name);
            System.out.println(CliWords.lang().pick(name + "：新密码 " + password, name + ": password " + password));
            // a new password is a fresh start: lift any sign-in lock on the name too
            org.lujing.console.LoginThrottle.unlock(users.path(), "user", name, java.time.Instant.now());
            System.err.println(
                    CliWords.lang().pick("新密码只显示这一次；旧密码已失效", "shown only this once; the old password no longer works"));
            return 0;
        }
    }

    /**
     * {@code users unlock NAME} or {@code users unlock --address A}: lifts a sign-in lock at once, also while
     * {@code serve} runs (it reads the unlocks file at the next sign-in). Appends to the unlocks file beside the
     * users file; {@code serve}'s log and the audit log keep the failures that led to the lock.
     */
    @Command(name = "unlock", description = "Lift the sign-in lock of a user name, or of an address (--address).")
    static class Unlock implements Callable<Integer> {
        @Mixin
        HomeOptions options;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The user name.")
        String name;

        @Option(names = "--address", paramLabel = "A", description = "The client address to unlock instead.")
        String address;

        @Override
        public Integer call() throws java.io.IOException {
            if ((name == null) == (address == null)) {
                throw new IllegalArgumentException(
                        "请给出用户名 NAME 或 --address 地址（二者选一） ‖ give a user NAME or --address A (one of them)");
            }
            UsersFile users = file(options);
            String kind = name != null ? "user" : "address";
            String key = name != null ? name : address(address);
            org.lujing.console.LoginThrottle.unlock(users.path(), kind, key, java.time.Instant.now());
            System.out.println(CliWords.lang()
                    .pick(
                            (name != null ? "用户 " : "地址 ") + key + "：已解锁，下次登录时生效",
                            (name != null ? "user " : "address ") + key + ": unlocked from the next sign-in"));
            return 0;
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 =
            java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * An address as the console counts it (the client's IP as the server saw it: {@code 0:0:0:0:0:0:0:1} for
     * {@code ::1}), from what the admin typed; anything but an IP literal is refused, as it would unlock nothing.
     */
    static String address(String typed) {
        String a = typed.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = IPV4.matcher(a).matches()
                && java.util.Arrays.stream(a.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        // a string with a colon is taken as an IPv6 literal, never looked up; 300.1.1.1 would be a host name
        if (v4 || IPV6.matcher(a).matches()) {
            try {
                // a literal is parsed, never looked up
                return java.net.InetAddress.getByName(a).getHostAddress();
            } catch (java.net.UnknownHostException notAnAddress) {
                // refused below
            }
        }
        throw new IllegalArgumentException("“" + typed + "”不是 IP 地址：请照登录失败记录（审计日志或 serve 的日志）里的写，如"
                + " 192.168.1.20 ‖ '" + typed + "' is not an IP address: write it as the failed sign-in's record (audit"
                + " log or serve's log) has it, like 192.168.1.20");
    }

    /** {@code users remove NAME}. */
    @Command(name = "remove", description = "Remove a user (not the last admin).")
    static class Remove implements Callable<Integer> {
        @Mixin
        HomeOptions options;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() {
            if (!file(options).remove(name)) {
                // a name that is not there is the operator's mistake (exit 2), refused as `users passwd` refuses it
                throw new IllegalArgumentException(UsersFile.noSuchUser(name));
            }
            System.out.println(CliWords.lang().pick(name + "：已删除", name + ": removed"));
            return 0;
        }
    }

    /** A role as the operator reads it: 管理员（admin）, the code beside the word. */
    static String role(ConsoleRole role) {
        return CliWords.coded(CliWords.lang().pick(role.zh(), role.word()), role.word());
    }
}
