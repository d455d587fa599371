package org.lujing.ingest;

import java.sql.Timestamp;

/** A received file as registered: its content hash, outcome and accounting (read = accepted + merged + rejected + skipped). */
public record IngestedFile(
        long id,
        String sourceId,
        String fileName,
        String storedPath,
        String sha256,
        long sizeBytes,
        String format,
        Timestamp receivedAt,
        Timestamp finishedAt,
        String outcome,
        int rowsRead,
        int accepted,
        int merged,
        int rejected,
        int skipped,
        int sheetsRead,
        Long duplicateOf,
        Long jobExecutionId,
        String message) {

    public boolean balances() {
        return rowsRead == accepted + merged + rejected + skipped;
    }
}
