package org.lujing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.lujing.schedule.TestNightlySteps;
import org.lujing.source.SourceCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context (routes stopped) that integration tests whose configuration is the same share, so
 * Spring's test context cache builds it once per run instead of once per class: one home, with its own copy of
 * {@code jobs/} (a test edits a source definition through {@link #editSource}, put back after it), and an empty
 * ledger ({@link TestLedger}) and inbox before every test, or once per class for tests that only read what their
 * class loaded ({@link SharedLedgerLoadedOnce}). A test writes its own scratch files outside the home
 * ({@link TestHomes#fresh}), and leaves no key rotation unfinished. MockMvc is there for the console's tests, and
 * two nightly steps a test steers ({@link TestNightlySteps}) for the nightly chain's. Subclasses add no properties
 * of their own: that would make another context.
 */
@SpringBootTest(properties = "camel.main.auto-startup=false")
@AutoConfigureMockMvc
@Import(TestNightlySteps.class)
public abstract class SharedLedgerContext {

    public static final Path HOME = TestHomes.fresh("shared");
    public static final Path JOBS = HOME.resolve("jobs");

    @Autowired
    protected JdbcTemplate jdbcTemplate;

    @DynamicPropertySource
    static void sharedHome(DynamicPropertyRegistry registry) {
        copyTree(Path.of("jobs"), JOBS);
        registry.add("lujing.home", HOME::toString);
        registry.add("lujing.jobs-dir", JOBS::toString);
    }

    @Autowired
    private SourceCatalog sources;

    /** Source definitions this test edited, as they were. */
    private final Map<Path, String> edited = new LinkedHashMap<>();

    @BeforeEach
    void startFromAnEmptyLedger() {
        if (emptiesBeforeEachTest()) {
            emptyTheLedgerAndTheInbox();
        }
    }

    /**
     * The ledger, and the files in the shared home's inbox: with the routes stopped nothing takes them, so an upload
     * in one class's test (the console's authorisation table uploads to {@code inbox/community}) would otherwise be
     * read by the next class's nightly ingest step.
     */
    void emptyTheLedgerAndTheInbox() {
        TestLedger.empty(jdbcTemplate);
        Path inbox = HOME.resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return;
        }
        try (Stream<Path> all = Files.walk(inbox)) {
            for (Path p : all.filter(p -> !Files.isDirectory(p)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True but in {@link SharedLedgerLoadedOnce}, whose tests read what their class loaded once. */
    boolean emptiesBeforeEachTest() {
        return true;
    }

    /** An admin's edit of {@code jobs/sources/<id>.yaml} (read again at the next retry or reload); undone after the test. */
    protected void editSource(String sourceId, UnaryOperator<String> edit) {
        Path file = JOBS.resolve("sources").resolve(sourceId + ".yaml");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            edited.putIfAbsent(file, text);
            Files.writeString(file, edit.apply(text), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void putBackTheSourcesAsConfigured() throws IOException {
        for (Map.Entry<Path, String> e : edited.entrySet()) {
            Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        }
        if (!edited.isEmpty()) {
            sources.reload();
        }
    }

    /** Copies a folder's tree, replacing files already there (a source definition a test edited is put back). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
