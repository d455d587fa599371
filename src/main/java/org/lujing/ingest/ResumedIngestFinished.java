package org.lujing.ingest;

/**
 * A file's ingest finished in a run that was not its first: a restart after a crash, a stop, a failure — by
 * {@code serve} at start, by another node, or by {@code jobs restart}. Whoever began the first run may have given up
 * on it (a feed's pull marks nothing when its ingest does not complete); this tells them the file is in now.
 * Published after the run, outside its transactions.
 *
 * @param fileId the file's entry
 * @param executionId the run that finished it
 */
public record ResumedIngestFinished(long fileId, long executionId) {}
