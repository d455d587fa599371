package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.context.i18n.LocaleContextHolder;

/** Upload names: no folders, no hidden names, nothing a shell or the inbox would misread; paths stay inside their folder. */
class InboxUploadTests {

    @Test
    void namesAreSanitised() {
        assertThat(InboxUpload.sanitise("C:\\Users\\王\\Desktop\\2025年台账.xlsx")).isEqualTo("2025年台账.xlsx");
        assertThat(InboxUpload.sanitise("../../etc/passwd.csv")).isEqualTo("passwd.csv");
        assertThat(InboxUpload.sanitise(".hidden.csv")).isEqualTo("hidden.csv");
        assertThat(InboxUpload.sanitise("~$lock.xlsx")).isEqualTo("__lock.xlsx");
        assertThat(InboxUpload.sanitise("a;rm -rf $(x)|b.csv")).isEqualTo("a_rm -rf _(x)_b.csv");
        // a control character is refused, saying why, rather than quietly replaced
        assertThatThrownBy(() -> InboxUpload.sanitise("名单\u0000\n.csv")).hasMessageContaining("控制字符");
        // an ID number in the name is masked before it is stored, echoed or audited
        assertThat(InboxUpload.sanitise("11010519491231002X张三.csv")).isEqualTo("1101************2X张三.csv");
        assertThat(InboxUpload.sanitise("x".repeat(300) + ".json")).hasSize(120).endsWith(".json");
        assertThatThrownBy(() -> InboxUpload.sanitise("noextension")).hasMessageContaining("扩展名");
        assertThatThrownBy(() -> InboxUpload.sanitise("")).hasMessageContaining("扩展名");
    }

    @Test
    void aRefusalIsInTheRequestsLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThatThrownBy(() -> InboxUpload.sanitise("noextension"))
                .hasMessageContaining("extension")
                .hasMessageNotContaining("扩展名");
    }

    @BeforeEach
    void chineseAsTheConsoleDefaults() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void forgetTheLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void downloadsStayInsideTheirFolder() throws Exception {
        Path home = TestHomes.fresh("inside");
        Path reports = Files.createDirectories(home.resolve("reports/2025"));
        Files.writeString(reports.resolve("统计.xlsx"), "x");
        Files.writeString(home.resolve("secret.txt"), "x");
        Path root = home.resolve("reports");
        assertThat(ConsoleQueries.inside(root, "2025/统计.xlsx")).isPresent();
        assertThat(ConsoleQueries.inside(root, "../secret.txt")).isEmpty();
        assertThat(ConsoleQueries.inside(root, "2025/../../secret.txt")).isEmpty();
        assertThat(ConsoleQueries.inside(root, home.resolve("secret.txt").toString()))
                .isEmpty();
        assertThat(ConsoleQueries.inside(root, "2025"))
                .as("a folder is not a download")
                .isEmpty();
        Files.createSymbolicLink(reports.resolve("link.xlsx"), home.resolve("secret.txt"));
        assertThat(ConsoleQueries.inside(root, "2025/link.xlsx"))
                .as("a link out of the folder")
                .isEmpty();
    }

    @Test
    void anUploadCutOffMidwayLeavesNothingInTheInbox() throws Exception {
        // given a browser that sends 64 KB of a partner's file, then goes away
        Path inbox = Files.createDirectories(TestHomes.fresh("cut-off").resolve("inbox/hospital"));
        java.io.InputStream cutOff = new java.io.InputStream() {
            private int sent;

            @Override
            public int read() throws java.io.IOException {
                if (sent++ >= 65_536) {
                    throw new java.io.IOException("connection reset by the browser");
                }
                return '1';
            }
        };

        // when it is received, then the copy fails and no hidden part stays behind (the inbox route never reads one)
        assertThatThrownBy(() -> InboxUpload.receive(inbox, cutOff)).hasMessageContaining("connection reset");
        try (var left = Files.list(inbox)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void halfWrittenUploadsAKilledServerLeftAreSweptWhenIdle() throws Exception {
        // given an upload killed an hour ago, one being written now (by another node), and a partner's real file
        Path inbox = TestHomes.fresh("sweep").resolve("inbox");
        Path source = Files.createDirectories(inbox.resolve("hospital"));
        Path old = Files.writeString(source.resolve(InboxUpload.PARTIAL_PREFIX + "a.part"), "1101");
        Files.setLastModifiedTime(
                old,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7_200)));
        Path writing = Files.writeString(source.resolve(InboxUpload.PARTIAL_PREFIX + "b.part"), "1101");
        Path real = Files.writeString(source.resolve("2025年台账.csv"), "x");
        Files.setLastModifiedTime(
                real,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7_200)));

        // when serve starts
        int deleted = InboxUpload.sweepAbandoned(inbox, java.time.Duration.ofHours(1));

        // then only the idle half-written upload is gone
        assertThat(deleted).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(writing).exists();
        assertThat(real).exists();
        assertThat(InboxUpload.sweepAbandoned(inbox.resolve("missing"), java.time.Duration.ofHours(1)))
                .isZero();
    }
}
