package org.lujing.ingest;

/** Row counts for a file or a chunk of it. */
record FileAccounting(int read, int accepted, int merged, int rejected, int skipped) {}
