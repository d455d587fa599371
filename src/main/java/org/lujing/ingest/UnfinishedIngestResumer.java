package org.lujing.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When {@code serve} starts, finishes the ingests that a crash interrupted (start-up recovery has marked their runs
 * FAILED): each under its own claim and entry, from its last committed chunk or slice. It runs beside the console,
 * which is up meanwhile; nothing has to be restarted by hand.
 */
@Component
@ConditionalOnProperty(name = "lujing.ingest.resume-at-start", havingValue = "true")
class UnfinishedIngestResumer {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedIngestResumer.class);

    private final FileIngestService ingest;

    UnfinishedIngestResumer(FileIngestService ingest) {
        this.ingest = ingest;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        Thread t = new Thread(
                () -> {
                    try {
                        for (FileIngestService.Result r : ingest.resumeUnfinished()) {
                            log.info(
                                    "resumed ingest finished: {} ({})",
                                    r.outcome(),
                                    r.storedAt().getFileName());
                        }
                    } catch (RuntimeException e) {
                        log.error("resuming interrupted ingests failed; see `jobs` and restart them by hand", e);
                    }
                },
                "ingest-resume");
        t.setDaemon(true);
        t.start();
    }
}
