package org.lujing.ingest;

/** The ingest job could not be started or failed for a reason outside the file; the file is kept for a rerun. */
class IngestFailedException extends RuntimeException {

    public IngestFailedException(String fileName, String source, Throwable cause) {
        super("ingest of " + fileName + " (" + source + ") could not run: " + cause.getMessage(), cause);
    }
}
