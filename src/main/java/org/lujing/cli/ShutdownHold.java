package org.lujing.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps the JVM from ending, once stopped by Ctrl-C or SIGTERM, until a command has printed what became of its work.
 * Spring's shutdown hook stops the command's job and closes the context; the JVM ends when its shutdown hooks have
 * ended, and the command's own thread, which only then learns its job stopped, could be cut off in the middle of its
 * last lines (the file's outcome, how to go on). This hook waits while the context closes (however long the job takes
 * to stop: {@code lujing.jobs.stop-wait}), then at most {@code afterClose} for the command to say it is done.
 */
final class ShutdownHold implements AutoCloseable {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ConfigurableApplicationContext context;

    private ShutdownHold(Duration afterClose) {
        Thread hook = new Thread(
                () -> {
                    try {
                        ConfigurableApplicationContext c = context;
                        while (c != null && c.isActive() && done.getCount() > 0) {
                            Thread.sleep(50);
                        }
                        done.await(afterClose.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "lujing-command-output");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Holds a stopping JVM until {@link #close()}: while the context closes, then at most {@code afterClose}. */
    static ShutdownHold until(Duration afterClose) {
        return new ShutdownHold(afterClose);
    }

    /** The command's context, once started: a stop waits for it to close before counting {@code afterClose}. */
    ConfigurableApplicationContext watch(ConfigurableApplicationContext started) {
        this.context = started;
        return started;
    }

    /** The command has printed all it has to say: a stopping JVM may end. */
    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        done.countDown();
    }
}
