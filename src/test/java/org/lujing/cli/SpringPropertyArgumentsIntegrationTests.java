package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;

/**
 * {@code --name=value} Spring properties work with any command, as the README documents, and a command given its own
 * cron never stores a schedule: the stored trigger is {@code serve}'s alone.
 */
class SpringPropertyArgumentsIntegrationTests {

    @Test
    void aCommandTakesSpringPropertiesAndStoresNoSchedule() throws Exception {
        Path home = TestHomes.fresh("cli-properties");

        CapturedRun run =
                CapturedRun.of("schedule", "--json", "--home", home.toString(), "--lujing.nightly.cron=0 30 4 * * ?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 30 4 * * ?");
        assertThat(run.err()).doesNotContain("Unknown option");
        try (Connection c = DriverManager.getConnection(
                        "jdbc:hsqldb:file:" + home.resolve("data/lujing") + ";shutdown=true", "SA", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM qrtz_triggers")) {
            rs.next();
            assertThat(rs.getLong(1)).as("triggers stored by a command").isZero();
        }
    }

    @Test
    void scheduleTellsWhatServeStoredAndFiresWhenItIsNotTheConfiguration() {
        // given serve started with a cron of its own on its command line: it stored that trigger
        Path home = TestHomes.fresh("cli-stored-schedule");
        try (var serveLike = new org.springframework.boot.builder.SpringApplicationBuilder(
                        org.lujing.LujingApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(
                        "--lujing.home=" + home,
                        "--camel.main.auto-startup=false",
                        "--lujing.nightly.cron=0 37 6 * * ?")) {
            assertThat(serveLike.isActive()).isTrue();
        }

        // when an operator asks for the schedule
        CapturedRun json = CapturedRun.of("schedule", "--json", "--home", home.toString());
        CapturedRun text = CapturedRun.of("schedule", "--home", home.toString());

        // then the fire times are those of the stored trigger, and the difference from the configuration is said
        assertThat(json.exit()).as(json.err()).isZero();
        String stored = json.out().replace(" ", "").replace("\n", "");
        assertThat(stored)
                .contains("\"cron\":\"002**?\"")
                .contains("\"stored\":{\"cron\":\"0376**?\",\"zone\":\"Asia/Shanghai\"}")
                .contains("T06:37+08:00")
                .doesNotContain("T02:00+08:00");
        assertThat(text.out()).contains("serve 存储并按此执行的计划是 0 37 6 * * ? (Asia/Shanghai)，与上面的配置不同");
    }

    @Test
    void anUnknownPlainOptionIsStillAWrongArgument() {
        CapturedRun run = CapturedRun.of("schedule", "--no-such-option");

        assertThat(run.exit()).isEqualTo(2);
    }
}
