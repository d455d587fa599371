package org.lujing.ingest;

import java.nio.file.Path;
import org.lujing.ledger.LedgerRepository;
import org.lujing.ledger.RecordIds;
import org.lujing.ledger.StatisticsRollup;
import org.lujing.ledger.TableStatistics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the set-based publisher of one file's rows: the ingest's publication step reads them from the staging file,
 * a retry of rejected rows hands them over slice by slice ({@link StagedRowsPublisher#publish}). Both write the
 * ledger the same way: one insert of the new identities, merges through the identity index, provenance, rollups.
 */
@Component
class SlicePublishers {

    private final JdbcTemplate jdbc;
    private final FileRegistry files;
    private final LedgerRepository ledger;
    private final StatisticsRollup rollup;
    private final RecordIds recordIds;
    private final TableStatistics tableStatistics;

    SlicePublishers(
            JdbcTemplate jdbc,
            FileRegistry files,
            LedgerRepository ledger,
            StatisticsRollup rollup,
            RecordIds recordIds,
            TableStatistics tableStatistics) {
        this.jdbc = jdbc;
        this.files = files;
        this.ledger = ledger;
        this.rollup = rollup;
        this.recordIds = recordIds;
        this.tableStatistics = tableStatistics;
    }

    /**
     * The publication step of a file's ingest: the staging file's rows, up to {@code sliceRows} rows and
     * {@code sliceBytes} bytes of the staging file to a transaction.
     */
    StagedRowsPublisher fromStagingFile(
            long fileId, String sourceId, Path stagingFile, int sliceRows, long sliceBytes) {
        return new StagedRowsPublisher(
                jdbc,
                files,
                ledger,
                rollup,
                recordIds,
                tableStatistics,
                fileId,
                sourceId,
                stagingFile,
                sliceRows,
                sliceBytes);
    }

    /** A publisher of slices handed over by the caller, each inside the caller's transaction. */
    StagedRowsPublisher forSlices(long fileId, String sourceId) {
        return fromStagingFile(fileId, sourceId, null, 0, 0);
    }
}
