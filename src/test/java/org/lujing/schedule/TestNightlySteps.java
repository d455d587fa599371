package org.lujing.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lujing.TestHomes;
import org.lujing.home.LujingProperties;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nightly steps a test can steer, and chains of a test's own: the shared context's {@code jobs/nightly.yaml} is
 * the real one (its {@link NightlyDefinition} is read once, at start), so a test that needs other steps in another
 * order builds a {@link NightlyChain} of them with the context's job, operator and repository ({@link Chains#of}).
 * The steps are beans of every shared context but run only when a chain names them: {@code flaky} fails until
 * {@link #mend()}, {@code counting} counts one of four and waits for {@link #release()}. {@link #reset()} before each
 * test that uses them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestNightlySteps {

    private static final AtomicBoolean BROKEN = new AtomicBoolean(true);
    private static volatile CountDownLatch release = new CountDownLatch(1);

    /** {@code flaky} fails again and {@code counting} waits again. */
    public static void reset() {
        BROKEN.set(true);
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** The cause of {@code flaky}'s failure is mended. */
    public static void mend() {
        BROKEN.set(false);
    }

    /** {@code counting} may go on. */
    public static void release() {
        release.countDown();
    }

    /** A step that fails until the test mends it. */
    @Bean
    NightlyStep flakyStep() {
        return new NightlyStep() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public String run(LocalDate night) {
                if (BROKEN.get()) {
                    throw new IllegalStateException("the disk is full");
                }
                return "fine now";
            }
        };
    }

    /** Counts four things, and waits after the first until the test has looked. */
    @Bean
    NightlyStep countingStep() {
        return new NightlyStep() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public String run(LocalDate night) {
                return run(night, Progress.NONE);
            }

            @Override
            public String run(LocalDate night, Progress progress) {
                progress.report(1, 4, "正在数第二件", "counting the second");
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                progress.report(4, 4, "数完了", "counted");
                return "4 counted";
            }
        };
    }

    @Bean
    Chains nightlyChains(
            LujingProperties properties,
            Environment env,
            JobOperator jobOperator,
            JobRepository jobRepository,
            @Qualifier("nightlyStepJob") Job nightlyStepJob,
            JdbcClient jdbc,
            org.lujing.cluster.ClusterNode node) {
        return steps -> {
            Path jobs = TestHomes.fresh("nightly-yaml");
            try {
                Files.writeString(jobs.resolve("nightly.yaml"), "steps: [" + String.join(", ", steps) + "]\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LujingProperties own = new LujingProperties(
                    properties.home(), jobs, properties.routesDir(), properties.keyFile(), properties.ingest());
            return new NightlyChain(
                    new NightlyDefinition(own, env), jobOperator, jobRepository, nightlyStepJob, jdbc, node);
        };
    }

    /** Nightly chains of a test's own steps, on the shared context's home, database and jobs. */
    @FunctionalInterface
    public interface Chains {
        NightlyChain of(List<String> steps);
    }
}
