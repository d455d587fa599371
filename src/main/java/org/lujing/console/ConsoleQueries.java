package org.lujing.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lujing.home.LujingProperties;
import org.lujing.ingest.FileRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the console shows that no other module asks for: today's files, unmapped words, the report and quarantine folders. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleQueries {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A file under reports/ or quarantine/, by its path relative to that folder. */
    record StoredFile(String path, long sizeBytes, Instant modified, String errorReport) {}

    private final JdbcClient jdbc;
    private final FileRegistry files;
    private final LujingProperties properties;

    ConsoleQueries(JdbcClient jdbc, FileRegistry files, LujingProperties properties) {
        this.jdbc = jdbc;
        this.files = files;
        this.properties = properties;
    }

    /** The dashboard lists at most this many of a day's files, the newest; the files page pages through them all. */
    static final int DAY_FILES_LISTED = 100;

    /**
     * The newest files received on a day (Beijing time) and how many in all, read by their time: not every file ever
     * received, then filtered, nor every file of a day of thousands.
     */
    FileRegistry.Received filesReceivedOn(LocalDate day) {
        return files.receivedBetween(
                day.atStartOfDay(SHANGHAI).toInstant(),
                day.plusDays(1).atStartOfDay(SHANGHAI).toInstant(),
                DAY_FILES_LISTED);
    }

    List<FileRegistry.UnmappedWord> unmappedWords() {
        return files.unmappedWords();
    }

    Map<String, FileRegistry.SourceFiles> filesBySource() {
        return files.filesBySource();
    }

    /** The month of the latest counted record up to today (statistics rollup, its key's first column), if any. */
    Optional<java.time.YearMonth> latestMonthWithRecords() {
        return jdbc.sql("SELECT MAX(activity_date) FROM stat_day WHERE activity_date <= ?")
                .param(java.sql.Date.valueOf(LocalDate.now(SHANGHAI)))
                .query((rs, i) -> Optional.ofNullable(rs.getDate(1)))
                .single()
                .map(d -> java.time.YearMonth.from(d.toLocalDate()));
    }

    /** Files being loaded, whose rows so far already count in the chart. */
    long filesLoading() {
        return files.inProgressCount();
    }

    long openFindings() {
        return jdbc.sql("SELECT COUNT(*) FROM finding WHERE status = 'OPEN' AND cleared_on IS NULL")
                .query(Long.class)
                .single();
    }

    List<StoredFile> reports() {
        return list(
                properties.reports(),
                p -> p.toString().endsWith(".xlsx") || p.toString().endsWith(".json"));
    }

    /**
     * A file Lujing quarantined, from its own record of the error report it wrote (never from the folder's listing,
     * which anyone who can write there could add to): the report is downloaded by {@code reportId}.
     */
    /** Failed drops the dashboard and the files page show: the newest. */
    static final int FAILED_DROPS_SHOWN = 100;

    /** Quarantined files the files page shows: the newest still in quarantine/. */
    static final int QUARANTINE_SHOWN = 100;

    Optional<Path> report(String relative) {
        return inside(properties.reports(), relative);
    }

    /** A path under a folder, refused when it would step outside it (.., absolute, links) or does not exist. */
    static Optional<Path> inside(Path root, String relative) {
        if (relative == null || relative.isBlank()) {
            return Optional.empty();
        }
        try {
            Path base = root.toRealPath();
            Path p = base.resolve(relative).normalize();
            if (!p.startsWith(base) || !Files.isRegularFile(p)) {
                return Optional.empty();
            }
            Path real = p.toRealPath();
            return real.startsWith(base) ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static List<StoredFile> list(Path root, java.util.function.Predicate<Path> wanted) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<StoredFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(wanted)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) {
                Path error = p.resolveSibling(p.getFileName() + ".error.txt");
                out.add(new StoredFile(
                        root.relativize(p).toString().replace('\\', '/'),
                        Files.size(p),
                        Files.getLastModifiedTime(p).toInstant(),
                        Files.exists(error) ? root.relativize(error).toString().replace('\\', '/') : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.comparing(StoredFile::modified).reversed());
        return out;
    }
}
