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
}
