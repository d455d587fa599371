package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every workbook of Apache POI's test corpus (bug reports, fuzzer crashes, encrypted and malformed files) is read to
 * its last row, each within 10 seconds: it yields rows or a typed {@link UnreadableFileException} naming the file,
 * never another exception, an Error or a hang. Runs in 256 MB: {@code -DargLine=-Xmx256m}.
 */
class PoiCorpusRobustnessTests {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "poi-spreadsheets");
    static final long TIMEOUT_SECONDS = 10;

    /** No header is required: every sheet's first row is taken as its header, so every later row is read. */
    static final ReadSettings EVERY_ROW =
            new ReadSettings(HeaderSynonyms.common(), EnumSet.noneOf(Field.class), null, null);

    @Test
    void everyCorpusFileYieldsRowsOrATypedOutcomeInTime() throws Exception {
        List<Path> files = corpusFiles(CORPUS);
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "corpus-reader");
            t.setDaemon(true); // a reader that never returns must not keep the test JVM alive
            return t;
        });
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Timing> timings = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long t0 = System.nanoTime();
                Future<Integer> read = pool.submit(() -> readEveryRow(file));
                String outcome;
                String detail = "";
                try {
                    outcome = read.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) + " rows";
                    outcomes.merge("rows", 1, Integer::sum);
                } catch (TimeoutException e) {
                    read.cancel(true);
                    outcome = "HUNG";
                    failures.add(name + ": still reading after " + TIMEOUT_SECONDS + " s");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UnreadableFileException u) {
                        outcome = u.outcome().name();
                        detail = String.valueOf(u.getMessage())
                                .lines()
                                .findFirst()
                                .orElse("");
                        outcomes.merge(outcome, 1, Integer::sum);
                        if (u.getMessage() == null || !u.getMessage().contains(name)) {
                            failures.add(name + ": " + outcome + " without naming the file: " + u.getMessage());
                        }
                    } else {
                        outcome = "THREW " + cause;
                        failures.add(name + ": threw " + cause);
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                timings.add(new Timing(name, ms));
                System.out.printf(
                        "corpus %-70s %-16s %6d ms  %s%n",
                        name, outcome.length() > 16 ? outcome.substring(0, 16) : outcome, ms, detail);
            }
        } finally {
            pool.shutdownNow();
        }
        timings.sort(Comparator.comparingLong(Timing::ms).reversed());
        System.out.printf(
                "corpus %d files in %d ms; outcomes %s; slowest %s%n",
                files.size(),
                (System.nanoTime() - started) / 1_000_000,
                outcomes,
                timings.subList(0, Math.min(5, timings.size())));
        if (!failures.isEmpty()) {
            fail(failures.size() + " corpus files were not read cleanly:\n" + String.join("\n", failures));
        }
        assertThat(outcomes.getOrDefault("rows", 0)).as("files that yield rows").isPositive();
    }

    static int readEveryRow(Path file) throws IOException {
        int rows = 0;
        try (TableReader reader = PartnerFileReaders.open(file, EVERY_ROW)) {
            while (reader.next() != null) {
                rows++;
            }
        }
        return rows;
    }

    /** The corpus files, or the test aborted when the corpus is absent; on CI its absence is a failure. */
    static List<Path> corpusFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            String message =
                    "test corpus not found at " + folder.toAbsolutePath().normalize();
            if (System.getenv("CI") != null) {
                fail(message + " (CI is set, so it must be present)");
            }
            Assumptions.abort(message);
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        }
    }

    record Timing(String file, long ms) {
        @Override
        public String toString() {
            return file + " " + ms + " ms";
        }
    }
}
