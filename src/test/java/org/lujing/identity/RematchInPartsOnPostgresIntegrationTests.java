package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on PostgreSQL: its key ranges compare text under the database's collation, and its triggers differ. */
@ActiveProfiles("postgresql")
// a cached context would outlive the embedded server it points to
@DirtiesContext
class RematchInPartsOnPostgresIntegrationTests extends RematchInPartsIntegrationTests {

    static final Path PG_HOME = TestHomes.fresh("rematch-in-parts-postgres");

    static final EmbeddedPostgres POSTGRES = org.lujing.TestPostgres.start();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", PG_HOME::toString);
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Test
    void theLedgerIsOnPostgres() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }
}
