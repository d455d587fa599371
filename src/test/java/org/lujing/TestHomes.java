package org.lujing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Fresh Lujing homes for tests, under target/ so that a failed run can be inspected. */
public final class TestHomes {

    private TestHomes() {}

    public static Path fresh(String name) {
        try {
            Files.createDirectories(Path.of("target", "test-homes"));
            return Files.createTempDirectory(Path.of("target", "test-homes").toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every sample-data file into the home's inbox the way a partner would: write elsewhere, then move in. */
    public static int dropSampleData(Path home) {
        Path samples = Path.of("sample-data");
        int n = 0;
        try (Stream<Path> sources = Files.list(samples)) {
            for (Path source : sources.filter(Files::isDirectory).sorted().toList()) {
                Path inbox = Files.createDirectories(
                        home.resolve("inbox").resolve(source.getFileName().toString()));
                try (Stream<Path> files = Files.list(source)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path staged = Files.copy(
                                f, home.resolve(f.getFileName() + ".staged"), StandardCopyOption.REPLACE_EXISTING);
                        Files.move(staged, inbox.resolve(f.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                        n++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }
}
