package org.lujing.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: watch the inbox until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", description = "Watch inbox/<source>/ and ingest every file dropped there, until stopped.")
class ServeCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = Boot.start(options.home, true, options.verbose);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        context.registerShutdownHook();
        String inbox = context.getEnvironment().getProperty("lujing.home") + "/inbox";
        // "watching" stays in either language: scripts and tests wait for it before they drop files
        System.err.println("lujing: "
                + CliWords.lang()
                        .pick("正在监视（watching）" + inbox + "，按 Ctrl-C 停止", "watching " + inbox + " — Ctrl-C to stop"));
        closed.await();
        return 0;
    }
}
