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
    void anUnknownPlainOptionIsStillAWrongArgument() {
        CapturedRun run = CapturedRun.of("schedule", "--no-such-option");

        assertThat(run.exit()).isEqualTo(2);
    }
}
