package org.lujing.db;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded database shared between {@code serve} and the commands run meanwhile: serve starts the server
 * ({@code lujing.db.server.enabled}, set by the command line for serve only); a command that found a running serve
 * goes through it ({@code lujing.db.server.client}, set by {@link DatabaseServerClient}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseServerConfiguration {

    /** {@code data/} private before the embedded database creates anything in it. */
    @Bean
    static PrivateDataFolder privateDataFolder(Environment env) {
        return new PrivateDataFolder(env);
    }

    /** A post-processor, so that the server is up before the DataSource reaches Flyway or anyone else. */
    @Bean
    @ConditionalOnProperty(name = "lujing.db.server.enabled", havingValue = "true")
    static DatabaseServer databaseServer(Environment env) {
        return new DatabaseServer(
                env.getProperty("lujing.db.server.port", Integer.class, 0),
                env.getProperty("lujing.db.server.user", "LUJING_CLI"));
    }

    @Bean
    @ConditionalOnProperty(name = "lujing.db.server.enabled", havingValue = "true")
    ApplicationListener<ApplicationReadyEvent> databaseServerPublisher(DatabaseServer server) {
        return ready -> server.publish();
    }

    /**
     * Through serve's server the schema is serve's, migrated when serve started: a command changes nothing (its login
     * has no DDL rights anyway). Not even a validation — HSQLDB shows a login that owns no schema no schema at all,
     * and Flyway then cannot find its history table's.
     */
    @Bean
    @ConditionalOnProperty(name = DatabaseServerClient.CLIENT, havingValue = "true")
    FlywayMigrationStrategy leaveServesSchemaAlone() {
        return flyway -> {};
    }
}
