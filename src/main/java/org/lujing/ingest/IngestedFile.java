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

    /** The shape of {@code files --json} and {@code GET /api/files}: an interface scripts rely on. */
    public java.util.Map<String, Object> asJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put("name", fileName);
        m.put("source", sourceId);
        m.put("sha256", sha256);
        m.put("outcome", outcome);
        m.put("receivedAt", receivedAt == null ? null : receivedAt.toInstant().toString());
        m.put("read", rowsRead);
        m.put("accepted", accepted);
        m.put("merged", merged);
        m.put("rejected", rejected);
        m.put("skipped", skipped);
        m.put("balanced", balances());
        m.put("duplicateOf", duplicateOf);
        m.put("storedAt", storedPath);
        m.put("message", message);
        return m;
    }
}
