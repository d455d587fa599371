package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/** Without a terminal, the first admin password goes to a 0600 file (never stderr), deleted at the first passwd. */
class FirstRunPasswordTests {

    @Test
    void withoutATerminalThePasswordIsInAPrivateFileUntilTheFirstChange() throws Exception {
        Path home = TestHomes.fresh("first-run");
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        UsersFile users;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            users = new ConsoleSecurityConfiguration().usersFile(home.resolve("config/users.yaml"));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }

        Path note = users.initialPasswordFile();
        assertThat(note).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(note)))
                .isEqualTo("rw-------");
        String password = Files.readAllLines(note).stream()
                .filter(l -> !l.startsWith("#"))
                .findFirst()
                .orElseThrow();
        assertThat(password).hasSize(20);
        // the note says what it is in the operator's language (Chinese here: the tests run with LUJING_LANG=zh)
        assertThat(Files.readString(note)).contains("用户 admin 的初始密码").contains("lujing users passwd admin");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(password);
        assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                        .matches(
                                password,
                                users.find("admin").orElseThrow().passwordHash().substring("{bcrypt}".length())))
                .isTrue();

        // the first password change removes the note
        users.resetPassword("admin");
        assertThat(note).doesNotExist();
    }
}
