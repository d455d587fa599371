package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.cluster.TwoNodeIntegrationTests;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * An inbox file whose ingest cannot start (here: PostgreSQL's serialization failure, three times running) is
 * retried by the route — redelivered with backoff, then offered again at the next poll — until it loads, once,
 * with one archive copy; it is never moved aside.
 */
@SpringBootTest(
        properties = {
            "lujing.inbox.poll-delay=200",
            "lujing.inbox.read-lock-min-age=300",
            "lujing.inbox.retries=1",
            "lujing.inbox.retry-delay-ms=100"
        })
class InboxRetryIntegrationTests {

    static final Path HOME = TestHomes.fresh("inbox-retry");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    static final AtomicInteger LAUNCHES = new AtomicInteger();

    /** The job operator, except that its first three launches fail as PostgreSQL cancels a serialization conflict. */
    @TestConfiguration
    static class FlakyLaunches {
        @Bean
        static BeanPostProcessor flakyJobOperator() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof JobOperator real)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(
                            JobOperator.class.getClassLoader(),
                            ClassUtils.getAllInterfaces(real),
                            (proxy, method, args) -> {
                                if (method.getName().equals("start")
                                        && args != null
                                        && args.length == 2
                                        && args[0] instanceof Job
                                        && LAUNCHES.incrementAndGet() <= 3) {
                                    throw new CannotAcquireLockException(
                                            "could not serialize access due to read/write dependencies");
                                }
                                try {
                                    return method.invoke(real, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFileWhoseIngestCannotStartIsTriedAgainUntilItLoadsOnce() throws Exception {
        // when a file is dropped
        Path inbox = Files.createDirectories(HOME.resolve("inbox/community"));
        Path staged = TwoNodeIntegrationTests.smallLedger(HOME.resolve("ledger.tmp"), 0, 5);
        Files.move(staged, inbox.resolve("2025年台账.csv"), StandardCopyOption.ATOMIC_MOVE);

        // then it is loaded in the end, once
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'LOADED'") == 1
                        && Files.notExists(inbox.resolve("2025年台账.csv")));
        assertThat(LAUNCHES.get())
                .as("launches: three refused, then the one that ran")
                .isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM ingest_file")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM support_record")).isEqualTo(5);
        assertThat(inbox.resolve(".failed")).doesNotExist();
        try (Stream<Path> archived = Files.walk(HOME.resolve("archive"))) {
            assertThat(archived.filter(Files::isRegularFile))
                    .as("one archive copy: a launch that failed leaves none")
                    .hasSize(1);
        }
        assertThat(count("SELECT COUNT(*) FROM inbox_claim")).isZero();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
