package org.lujing.cli;

import java.util.concurrent.Callable;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.IngestedFile;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code files [--json]}: every file received, its outcome and its accounting. */
@Command(
        name = "files",
        description = "Every file received: outcome and accounting (read = accepted + merged + rejected + skipped).")
class FilesCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print a JSON array and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            var files = context.getBean(FileRegistry.class).all();
            System.out.print(
                    json
                            ? Json.write(files.stream()
                                            .map(IngestedFile::asJson)
                                            .toList()) + "\n"
                            : FileRows.table(files));
        }
        return 0;
    }
}
