package org.lujing.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.lujing.normalise.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the inbox route may take: folders (to look into) and regular files, a link to one included. A named pipe, a
 * device (a link to {@code /dev/zero}) or a dangling link is none: reading one never ended, and the route, one file at
 * a time, held every source's files behind it. Each such entry is told once in the log, and left where it is.
 */
@Component("inboxRegularFiles")
class InboxRegularFiles implements GenericFileFilter<java.io.File> {

    private static final Logger log = LoggerFactory.getLogger(InboxRegularFiles.class);

    /** Entries already told of; bounded, so a folder of thousands of them cannot grow it without end. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<java.io.File> file) {
        if (file.isDirectory()) {
            return true;
        }
        Path path = Path.of(file.getAbsoluteFilePath());
        if (Files.isRegularFile(path)) {
            // one loaded already that could not be taken out is not taken again while it is unchanged
            return !InboxFiles.loadedButKept(path);
        }
        if (told.size() < 10_000 && told.add(path.toString())) {
            log.warn(
                    "inbox: {} is not a regular file (a named pipe, a device, a link to nothing): not taken; remove"
                            + " it from the inbox",
                    Masking.fileName(path.getFileName().toString()));
        }
        return false;
    }
}
