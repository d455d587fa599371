package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} reads the sample data of the installation the application is told of ({@code LUJING_INSTALL_DIR},
 * {@code --lujing.install-dir=DIR}), as every other command reads that installation's sources and routes; it took
 * the working folder's or the jar's whatever was set.
 */
class DemoInstallDirIntegrationTests {

    @Test
    void theInstallationSetIsTheOneTaken(@TempDir Path dir) {
        Path set = dir.resolve("opt-lujing");
        assertThat(Boot.configuredInstallation(Map.of("LUJING_INSTALL_DIR", set.toString())))
                .contains(set);
        assertThat(Boot.configuredInstallation(Map.of("LUJING_INSTALL_DIR", " ")))
                .isEqualTo(Boot.installation());
        LujingCommand.SPRING_PROPERTIES.set(List.of("--lujing.install-dir=" + set));
        try {
            assertThat(Boot.configuredInstallation(Map.of("LUJING_INSTALL_DIR", "/elsewhere")))
                    .as("the command line's property wins, as it does for the application")
                    .contains(set);
        } finally {
            LujingCommand.SPRING_PROPERTIES.remove();
        }
    }

    @Test
    void theDemoLoadsTheSampleDataOfTheInstallationGiven(@TempDir Path dir) throws IOException {
        // an installation of its own: the repository's sources and routes, and one sample file
        Path install = dir.resolve("install");
        copy(Path.of("jobs"), install.resolve("jobs"));
        copy(Path.of("routes"), install.resolve("routes"));
        Path community = Files.createDirectories(install.resolve("sample-data/community"));
        Files.writeString(
                community.resolve("只此一份.csv"), "日期,姓名,身份证号,活动类型,合作单位\n2025-03-01,周五,430104198001010014,义务劳动,湖南工商大学\n");

        CapturedRun run = CapturedRun.of(
                "demo", "--home", dir.resolve("demo-home").toString(), "--lujing.install-dir=" + install);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("只此一份.csv").doesNotContain("2025年社区矫正对象名册.xlsx");
    }

    @Test
    void withoutAnInstallationACommandRefusesBeforeItMakesAHome(@TempDir Path dir) throws IOException {
        // a jar copied out of its installation, pointed at a folder that has no jobs/ nor routes/
        Path nowhere = dir.resolve("not-an-installation");
        Path home = dir.resolve("new-home");
        Path file = Files.writeString(dir.resolve("名单.csv"), "日期,姓名\n");

        CapturedRun ingest =
                CapturedRun.of("ingest", "--home", home.toString(), file.toString(), "--lujing.install-dir=" + nowhere);

        assertThat(ingest.exit()).as(ingest.err()).isEqualTo(2);
        assertThat(ingest.err())
                .contains("找不到 Lujing 的安装文件夹")
                .contains(nowhere.resolve("jobs/sources").toString())
                .contains("LUJING_INSTALL_DIR")
                .doesNotContain("已新建数据目录");
        assertThat(home).as("no empty home is left behind").doesNotExist();

        // `users` keeps a file of its own in the home, and needs no installation: it is told of the home only
        CapturedRun users = CapturedRun.of("users", "--home", home.toString(), "--lujing.install-dir=" + nowhere);
        assertThat(users.err()).contains("不存在（--home）").doesNotContain("找不到 Lujing 的安装文件夹");
    }

    @Test
    void aFolderSetInAWayOnlySpringReadsIsLeftToTheApplication() {
        LujingCommand.SPRING_PROPERTIES.set(List.of("--lujing.install-dir=/no/such/installation"));
        try {
            assertThat(Boot.missingSources(Map.of())).contains(Path.of("/no/such/installation/jobs/sources"));
            // Spring's other spellings and sources: the check cannot tell, so it does not refuse
            assertThat(Boot.missingSources(Map.of("LUJING_JOBS_DIR", "/srv/lujing/jobs")))
                    .isEmpty();
            assertThat(Boot.missingSources(Map.of("SPRING_APPLICATION_JSON", "{\"lujing\":{}}")))
                    .isEmpty();
        } finally {
            LujingCommand.SPRING_PROPERTIES.remove();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
