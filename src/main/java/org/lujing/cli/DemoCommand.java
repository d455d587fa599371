package org.lujing.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import org.lujing.ingest.FileIngestService;
import org.lujing.ledger.Period;
import org.lujing.report.ReportLanguage;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the pilot year from sample-data, ingested into a fresh home, and its statistics table. */
@Command(
        name = "demo",
        description =
                "Copy sample-data into a fresh home (target/demo-home, or a temp folder), ingest it and print the 2025 statistics.")
class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Fresh home to use (emptied first if it is an earlier demo home).")
    Path home;

    @Option(
            names = "--sample-data",
            paramLabel = "DIR",
            description = "Sample data folder (default: the installation's sample-data).")
    Path sampleData;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log at INFO on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        Path samples = sampleData != null
                ? sampleData
                : Boot.configuredInstallation(System.getenv())
                        .map(p -> p.resolve("sample-data"))
                        .orElse(Path.of("sample-data"));
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("在 " + samples.toAbsolutePath() + " 没有示例数据；请用 --sample-data 指定文件夹"
                    + ReportLanguage.BILINGUAL + "no sample data at " + samples.toAbsolutePath()
                    + "; pass --sample-data DIR");
        }
        Path demoHome = home != null ? home : defaultHome();
        if (Files.exists(demoHome.resolve(".lujing-demo"))) {
            deleteTree(demoHome);
        } else if (Files.isDirectory(demoHome) && Files.list(demoHome).findAny().isPresent()) {
            throw new IllegalArgumentException(demoHome + " 不是空文件夹，也不是以前的演示目录；请换一个 --home"
                    + ReportLanguage.BILINGUAL + demoHome + " is not empty and is not an earlier demo home; choose"
                    + " another --home");
        }
        Files.createDirectories(demoHome);
        Files.writeString(demoHome.resolve(".lujing-demo"), "created by `lujing demo`; safe to delete\n");
        Path inbox = demoHome.resolve("inbox");
        copyTree(samples, inbox);
        System.out.println(CliWords.lang().pick("演示目录：", "demo home: ") + demoHome.toAbsolutePath());
        try (ConfigurableApplicationContext context = Boot.start(demoHome, false, verbose)) {
            List<IngestCommand.Item> items = IngestCommand.expand(inbox, null);
            IngestCommand.run(context.getBean(FileIngestService.class), items, true);
            for (IngestCommand.Item item : items) {
                Files.deleteIfExists(item.file());
            }
            System.out.println();
            System.out.print(StatsCommand.render(context, Period.parse("2025"), false));
        }
        return 0;
    }

    private static Path defaultHome() throws IOException {
        Path target = Path.of("target");
        return Files.isDirectory(target) ? target.resolve("demo-home") : Files.createTempDirectory("lujing-demo-");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().equalsIgnoreCase("README.md")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
