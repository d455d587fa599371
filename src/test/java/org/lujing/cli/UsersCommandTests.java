package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** {@code users}: generated passwords shown once, only bcrypt hashes kept, the last admin kept. */
class UsersCommandTests {

    static final Pattern PASSWORD = Pattern.compile("(?:password|密码) (\\S+)");
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void addListPasswdRemove() throws Exception {
        Path home = TestHomes.fresh("users-cli");
        CapturedRun admin = CapturedRun.of("users", "add", "wang.li", "--role", "admin", "--home", home.toString());
        assertThat(admin.exit()).isZero();
        String first = password(admin.out());
        assertThat(admin.out()).startsWith("wang.li，管理员（admin）：密码 ");
        assertThat(admin.err()).contains("密码只显示这一次");
        CapturedRun viewer =
                CapturedRun.of("users", "add", "supervisor", "--role", "VIEWER", "--home", home.toString());
        assertThat(viewer.exit()).isZero();

        Path file = home.resolve("config/users.yaml");
        String stored = Files.readString(file);
        assertThat(stored).contains("wang.li", "supervisor", "{bcrypt}").doesNotContain(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        CapturedRun list = CapturedRun.of("users", "--json", "--home", home.toString());
        assertThat(list.out())
                .contains("\"name\" : \"wang.li\"", "\"role\" : \"admin\"", "\"role\" : \"viewer\"")
                .doesNotContain("bcrypt");

        // a new password replaces the old one
        String second = password(CapturedRun.of("users", "passwd", "wang.li", "--home", home.toString())
                .out());
        String hash = hash(Files.readString(file), "wang.li");
        assertThat(encoder.matches(second, hash)).isTrue();
        assertThat(encoder.matches(first, hash)).isFalse();

        // the last admin stays; a viewer can go
        CapturedRun lastAdmin = CapturedRun.of("users", "remove", "wang.li", "--home", home.toString());
        assertThat(lastAdmin.exit()).isEqualTo(2);
        assertThat(lastAdmin.err()).contains("是最后一位管理员").doesNotContain("last admin");
        assertThat(CapturedRun.of("users", "remove", "supervisor", "--home", home.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(file)).doesNotContain("supervisor");
        // a name that is not there is refused as `users passwd` refuses it
        CapturedRun nobody = CapturedRun.of("users", "remove", "nobody", "--home", home.toString());
        assertThat(nobody.exit()).isEqualTo(2);
        assertThat(nobody.err()).contains("没有用户 nobody");
    }

    @Test
    void withNoAdminYetAnOperatorCanStillBeRemoved() {
        // given a users file that holds an operator and no admin (serve makes the first admin; this one was never run)
        Path home = TestHomes.fresh("users-no-admin");
        assertThat(CapturedRun.of("users", "add", "op1", "--role", "operator", "--home", home.toString())
                        .exit())
                .isZero();

        // then removing the operator is not refused as removing "the last admin"
        CapturedRun remove = CapturedRun.of("users", "remove", "op1", "--home", home.toString());
        assertThat(remove.exit()).as(remove.err()).isZero();
        assertThat(remove.err()).doesNotContain("最后一位管理员");
    }

    @Test
    void aBadRoleOrNameIsRefusedWithWhatToDo() {
        Path home = TestHomes.fresh("users-bad");
        CapturedRun role = CapturedRun.of("users", "add", "x", "--role", "root", "--home", home.toString());
        assertThat(role.exit()).isEqualTo(2);
        assertThat(role.err()).contains("admin（管理员）、operator（操作员）或 viewer（查看者）");
        CapturedRun name = CapturedRun.of("users", "add", "../evil", "--role", "viewer", "--home", home.toString());
        assertThat(name.exit()).isEqualTo(2);
        assertThat(name.err()).contains("用户名须为");
        assertThat(home.resolve("config/users.yaml")).doesNotExist();
    }

    @Test
    void anUnlockOfAnAddressTakesAnIpAsTheConsoleCountsIt() throws Exception {
        Path home = TestHomes.fresh("users-unlock");
        CapturedRun words = CapturedRun.of("users", "unlock", "--address", "hello world", "--home", home.toString());
        CapturedRun host = CapturedRun.of("users", "unlock", "--address", "example.org", "--home", home.toString());
        CapturedRun octets = CapturedRun.of("users", "unlock", "--address", "300.1.1.1", "--home", home.toString());
        CapturedRun loopback = CapturedRun.of("users", "unlock", "--address", "[::1]", "--home", home.toString());
        CapturedRun v4 = CapturedRun.of("users", "unlock", "--address", " 10.0.0.3 ", "--home", home.toString());

        for (CapturedRun refused : java.util.List.of(words, host, octets)) {
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("不是 IP 地址");
        }
        assertThat(loopback.exit()).as(loopback.err()).isZero();
        assertThat(v4.exit()).as(v4.err()).isZero();
        // the console counts the client's address as the server gives it: ::1 is written out in full
        assertThat(Files.readAllLines(home.resolve("config/users.yaml.unlocks")))
                .extracting(line -> line.substring(line.indexOf(' ') + 1))
                .containsExactly("address 0:0:0:0:0:0:0:1", "address 10.0.0.3");
    }

    @Test
    void aPlainTextPasswordInTheFileIsRefusedByName() throws Exception {
        Path home = TestHomes.fresh("users-plain");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(
                home.resolve("config/users.yaml"), "users:\n  - name: admin\n    role: admin\n    password: secret\n");
        CapturedRun list = CapturedRun.of("users", "--home", home.toString());
        assertThat(list.exit()).isNotZero();
        assertThat(list.err())
                .contains("users.yaml", "admin", "的密码不是 {bcrypt} 散列", "users passwd admin")
                .doesNotContain("not a {bcrypt} hash");

        // a role the file names wrongly: the file and the roles to choose from, both in the operator's language
        Files.writeString(
                home.resolve("config/users.yaml"),
                "users:\n  - name: admin\n    role: root\n    password: \"{bcrypt}$2a$12$x\"\n");
        CapturedRun role = CapturedRun.of("users", "--home", home.toString());
        assertThat(role.exit()).isNotZero();
        assertThat(role.err())
                .contains("users.yaml：没有角色“root”")
                .contains("admin（管理员）")
                .doesNotContain("unknown role");
    }

    private static String password(String out) {
        Matcher m = PASSWORD.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    private static String hash(String yaml, String name) {
        Matcher m = Pattern.compile("name: \"?" + Pattern.quote(name) + "\"?\\s+role: \\S+\\s+password: \"?([^\"\\s]+)")
                .matcher(yaml);
        assertThat(m.find()).as(yaml).isTrue();
        return m.group(1);
    }
}
