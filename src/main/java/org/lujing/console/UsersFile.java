package org.lujing.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lujing.files.PrivateFiles;
import org.lujing.ledger.Bilingual;
import org.lujing.report.ReportLanguage;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The console's users, kept in a YAML file ({@code lujing.console.users-file}, default
 * {@code <home>/config/users.yaml}, mode 0600): a name, a role and a bcrypt hash each — never a password. Written
 * whole to a temporary file and renamed, so a crash never leaves half a file.
 */
public final class UsersFile {

    /** One user as stored. */
    public record User(String name, ConsoleRole role, String passwordHash) {}

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(12);

    private final Path file;

    public UsersFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public synchronized List<User> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            ObjectMapper yaml = new YAMLMapper();
            JsonNode root = yaml.readTree(file.toFile());
            List<User> users = new ArrayList<>();
            JsonNode list = root == null ? null : root.get("users");
            if (list != null) {
                int n = 0;
                for (JsonNode u : list) {
                    n++;
                    String name = text(u, "name");
                    String hash = text(u, "password");
                    String role = text(u, "role");
                    if (name == null || hash == null || role == null) {
                        throw new IllegalStateException(file + "：第 " + n + " 个用户缺少 name、role 或 password（bcrypt 散列）"
                                + ReportLanguage.BILINGUAL + file + ": user " + n
                                + " needs name, role and password (a bcrypt hash)");
                    }
                    if (!hash.startsWith("{bcrypt}")) {
                        throw new IllegalStateException(
                                file + "：用户“" + name + "”的密码不是 {bcrypt} 散列；请用 `lujing users passwd "
                                        + name + "` 设置" + ReportLanguage.BILINGUAL + file + ": user '" + name
                                        + "' has a password that is not a {bcrypt} hash; set it with `lujing users passwd "
                                        + name + "`");
                    }
                    users.add(new User(name, ConsoleRole.parse(role), hash));
                }
            }
            return users;
        } catch (IllegalArgumentException e) {
            // a refusal written in both languages keeps the file's name in each half
            String message = String.valueOf(e.getMessage());
            String zh = Bilingual.half(message, false);
            String en = Bilingual.half(message, true);
            // not its cause: an operator is shown the deepest message, and this one names the file
            IllegalStateException refused = new IllegalStateException(
                    zh.equals(en)
                            ? file + ": " + message
                            : file + "：" + zh + ReportLanguage.BILINGUAL + file + ": " + en);
            refused.addSuppressed(e);
            throw refused;
        } catch (tools.jackson.core.JacksonException e) {
            String line = e.getLocation() == null
                    ? ""
                    : String.valueOf(e.getLocation().getLineNr());
            IllegalStateException refused = new IllegalStateException(file + " 不是有效的 YAML"
                    + (line.isEmpty() ? "" : "（第 " + line + " 行）") + "：" + e.getOriginalMessage()
                    + ReportLanguage.BILINGUAL + file + " is not valid YAML"
                    + (line.isEmpty() ? "" : " (line " + line + ")")
                    + ": " + e.getOriginalMessage());
            refused.addSuppressed(e);
            throw refused;
        }
    }

    /** The refusal of a name that is not a user, in both languages. */
    public static String noSuchUser(String name) {
        return "没有用户 " + name + "（`users` 列出全部） ‖ there is no user '" + name + "' (see `users`)";
    }

    public Optional<User> find(String name) {
        return read().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** Adds a user, or replaces the role and password of an existing one; returns the generated password. */
    public synchronized String put(String name, ConsoleRole role) {
        requireName(name);
        String password = generatePassword();
        List<User> users = new ArrayList<>(
                read().stream().filter(u -> !u.name().equals(name)).toList());
        users.add(new User(name, role, "{bcrypt}" + BCRYPT.encode(password)));
        write(users);
        return password;
    }

    /** A new generated password for an existing user; the old one stops working at once. */
    public synchronized String resetPassword(String name) {
        User user = find(name).orElseThrow(() -> new IllegalArgumentException(noSuchUser(name)));
        String password = put(name, user.role());
        if (name.equals("admin")) {
            // the first-run password note has served its purpose
            try {
                Files.deleteIfExists(initialPasswordFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + initialPasswordFile(), e);
            }
        }
        return password;
    }

    /** Where serve leaves the first admin password when it has no terminal to show it on. */
    public Path initialPasswordFile() {
        return file.resolveSibling("initial-admin-password.txt");
    }

    /** Writes a file readable by the service user only (created 0600 before anything is written into it). */
    void writePrivate(Path target, String text) {
        try {
            PrivateFiles.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public synchronized boolean remove(String name) {
        List<User> users = read();
        List<User> kept = users.stream().filter(u -> !u.name().equals(name)).toList();
        if (kept.size() == users.size()) {
            return false;
        }
        // only an admin can be the last admin: a file with none (users added before any admin) still loses others
        boolean removesAnAdmin = users.stream().anyMatch(u -> u.name().equals(name) && u.role() == ConsoleRole.ADMIN);
        if (removesAnAdmin && kept.stream().noneMatch(u -> u.role() == ConsoleRole.ADMIN)) {
            throw new IllegalArgumentException("“" + name + "”是最后一位管理员（admin）；请先添加另一位管理员 ‖ '" + name
                    + "' is the last admin; add another admin first");
        }
        write(kept);
        return true;
    }

    private void write(List<User> users) {
        List<Map<String, String>> out = new ArrayList<>();
        for (User u : users) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("role", u.role().word());
            m.put("password", u.passwordHash());
            out.add(m);
        }
        try {
            PrivateFiles.writeString(
                    file,
                    "# Lujing console users: role admin, operator or viewer; password is a bcrypt hash.\n"
                            + "# Manage with `lujing users add|passwd|remove`.\n"
                            + new YAMLMapper().writeValueAsString(Map.of("users", out)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String generatePassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("用户名须为 1–64 个字母、数字、“.”、“_”或“-”：“" + name
                    + "” ‖ a user name is 1–64 letters, digits, '.', '_' or '-': '" + name + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
