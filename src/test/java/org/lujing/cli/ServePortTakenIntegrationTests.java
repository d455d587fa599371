package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} on a port something else holds stops with one sentence in the operator's language, exit 1, and
 * without Spring's English "APPLICATION FAILED TO START" box printed above it (that is for {@code -v}). Run as the
 * operator runs it: a JVM of its own.
 */
class ServePortTakenIntegrationTests {

    @Test
    void aTakenPortIsSaidOnceInTheOperatorsWords(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path log = dir.resolve("serve.log");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Process serve = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            LujingCommand.class.getName(),
                            "serve",
                            "--home",
                            home.toString(),
                            "--server.port=" + port,
                            "--server.address=127.0.0.1")
                    .directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                assertThat(serve.waitFor(180, TimeUnit.SECONDS))
                        .as("serve stops")
                        .isTrue();
            } finally {
                serve.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);

            assertThat(serve.exitValue()).as(out).isEqualTo(1);
            assertThat(out)
                    .contains("lujing: 控制台的端口 " + port + " 已被占用（可能是另一个 `serve`）")
                    .doesNotContain("APPLICATION FAILED TO START")
                    .doesNotContain("\tat ");
        }
    }
}
