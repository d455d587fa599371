package org.lujing.feed;

import org.lujing.ingest.IngestedFile;

/**
 * What one feed pull did: pages and records fetched, how many were new, and what the ingest made of the file that
 * held the new ones (the same registry entry, outcome and accounting as a dropped file).
 *
 * @param sourceId the source pulled
 * @param status what became of the pull as a whole
 * @param pages pages received
 * @param fetched records received, repeats included
 * @param fresh records whose id had not been taken before (each counted once)
 * @param file the ingested file's registry entry; null unless the pull came to an ingest that registered a file
 * @param message why it was skipped, unreachable or failed, or a warning (the page cap was hit); null otherwise
 * @param messageZh the same in Chinese, for the workers who read the night's detail; null when there is nothing to
 *     add to the status's own words
 */
public record PullResult(
        String sourceId,
        Status status,
        int pages,
        int fetched,
        int fresh,
        IngestedFile file,
        String message,
        String messageZh) {

    /** The pull as a whole. */
    public enum Status {
        /** new records were ingested and, the ingest having succeeded, their ids marked as taken */
        INGESTED,
        /** the feed answered, but every record had been taken before: nothing was ingested */
        NOTHING_NEW,
        /** no URL is configured for the feed: no request was made */
        SKIPPED,
        /** the feed could not be reached (or answered errors or unreadable pages) after every retry; retried next night */
        UNREACHABLE,
        /** the new records were pulled but their file was refused or its ingest failed; nothing was marked, so the
         * next pull takes them again */
        INGEST_FAILED
    }

    /** The ingested file's outcome in domain.md's words (LOADED, LOADED_WITH_REJECTS, ...), or null without a file. */
    public String outcome() {
        return file == null ? null : file.outcome();
    }

    @Override
    public String toString() {
        return sourceId + " feed: " + status + ", " + pages + " page(s), " + fetched + " record(s), " + fresh + " new"
                + (file == null
                        ? ""
                        : ", file " + file.fileName() + " " + file.outcome() + " (read " + file.rowsRead()
                                + ", accepted " + file.accepted() + ", merged " + file.merged() + ", rejected "
                                + file.rejected()
                                + ", skipped " + file.skipped() + ")")
                + (message == null ? "" : " — " + message);
    }
}
