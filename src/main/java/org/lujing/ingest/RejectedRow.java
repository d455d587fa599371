package org.lujing.ingest;

/** A row the pipeline refused, with where it was, why, and its values masked. */
public record RejectedRow(
        long id,
        long fileId,
        String sourceId,
        String sheet,
        int rowNo,
        String columnName,
        String reason,
        String message,
        String maskedValues,
        String status) {}
