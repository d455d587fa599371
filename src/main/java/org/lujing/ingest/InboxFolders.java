package org.lujing.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lujing.home.LujingProperties;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code serve} makes {@code inbox/<source>/} for every configured source when it starts, so that a partner (or the
 * operator's script) can drop a file where the README says, into a folder that exists — before, a first drop into
 * {@code inbox/hospital/} failed with "No such file or directory" while serve said it was watching the inbox. A
 * folder that is there is left as it is; one that cannot be made is logged and the rest still are.
 */
@Component
@ConditionalOnProperty(name = "lujing.jobs.takeover", havingValue = "true")
class InboxFolders {

    private static final Logger log = LoggerFactory.getLogger(InboxFolders.class);

    private final LujingProperties properties;
    private final SourceCatalog sources;

    InboxFolders(LujingProperties properties, SourceCatalog sources) {
        this.properties = properties;
        this.sources = sources;
    }

    @EventListener(ApplicationReadyEvent.class)
    void makeThem() {
        List<String> made = new ArrayList<>();
        for (SourceDefinition source : sources.all()) {
            Path folder = properties.inbox().resolve(source.id());
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectories(folder);
                made.add(source.id());
            } catch (IOException | RuntimeException e) {
                log.warn("cannot make the inbox folder {}: {}", folder, e.toString());
            }
        }
        if (!made.isEmpty()) {
            log.info("inbox folders made for {} source(s): {}", made.size(), String.join(", ", made));
        }
    }
}
