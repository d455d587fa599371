package org.lujing.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.cluster.ClusterNode;
import org.lujing.normalise.Masking;
import org.lujing.read.FileOutcome;
import org.lujing.read.ReadingNote;
import org.lujing.read.SheetHeader;
import org.lujing.read.SheetHeaders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every file received, its SHA-256, outcome and accounting; and the rows it rejected. *
 * <p>Why one class of this length: it is the one place that writes {@code ingest_file} and {@code file_claim}, so the claim's rules (unique SHA-256, takeover, accounting) are read and changed together.
 */
@Repository
public class FileRegistry {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate savepoint;
    private final ClusterNode node;

    public FileRegistry(
            JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, ClusterNode node) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.node = node;
        // the claim's insert may fail on its key; PostgreSQL would then refuse the rest of the transaction
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    long register(
            String sourceId,
            String fileName,
            String storedPath,
            String sha256,
            long size,
            String format,
            long jobExecutionId) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format, received_at,
                          outcome, job_execution_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        sourceId,
                        fileName,
                        storedPath,
                        sha256,
                        size,
                        format,
                        Timestamp.from(Instant.now()),
                        FileOutcome.IN_PROGRESS.name(),
                        jobExecutionId)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** How many rows the file is expected to hold (a CSV's lines), for the reading phase's percentage. */
    void expectRows(long fileId, long rows) {
        jdbc.sql("UPDATE ingest_file SET expected_rows = ? WHERE id = ?")
                .params(rows, fileId)
                .update();
    }

    /**
     * Claims the file's content for this file, in this node's name. Returns empty when the claim is this file's, or
     * the id of the file that holds it: the primary key decides, so two processes can never both hold it.
     */
    Optional<Long> claim(String sha256, long fileId) {
        try {
            Timestamp now = Timestamp.from(Instant.now());
            savepoint.executeWithoutResult(status -> jdbc.sql(
                            "INSERT INTO file_claim (sha256, file_id, claimed_at, node_id, heartbeat_at) VALUES (?, ?, ?, ?, ?)")
                    .params(sha256, fileId, now, node.id(), now)
                    .update());
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            return claimHolder(sha256);
        }
    }

    /** The file that holds the claim on this content, if any. */
    public Optional<Long> claimHolder(String sha256) {
        return jdbc.sql("SELECT file_id FROM file_claim WHERE sha256 = ?")
                .param(sha256)
                .query(Long.class)
                .optional();
    }

    /**
     * Takes over the claim on an unfinished file's content for this node: only when the node that held it has not
     * beaten for {@code lujing.jobs.recover-after} (or is gone), or when {@code orMine} and it is this node's own.
     * Several nodes may try at once; the update decides, so exactly one of them goes on with the file.
     *
     * <p>Whether the holder is alive is decided as for the inbox route's claims ({@link InboxClaims}), by
     * {@link ClusterNode#ALIVE_NODE_IDS} (this node is never dead to itself) — not by the claim's own
     * {@code heartbeat_at}, which is written when the claim is made and so may be up to a heartbeat younger than the
     * node's last beat. With two clocks, a route that had already taken a dead node's inbox file found the file's
     * content claim still "alive", started a second run, and recorded the drop as a duplicate of itself.
     */
    boolean takeOver(String sha256, boolean orMine) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.sql("""
                        UPDATE file_claim SET node_id = ?, heartbeat_at = ?
                        WHERE sha256 = ? AND (node_id IS NULL
                            OR (node_id <> ? AND node_id NOT IN (%s))
                            OR (? AND node_id = ?))
                          AND file_id IN (SELECT id FROM ingest_file WHERE outcome = 'IN_PROGRESS')""".formatted(ClusterNode.ALIVE_NODE_IDS))
                        .params(node.id(), now, sha256, node.id(), node.deadBefore(), orMine, node.id())
                        .update()
                == 1;
    }

    /**
     * Moves an unfinished file's claim to this node for an admin's restart of its run (checked not to be running
     * anywhere): this node's heartbeat then keeps it, and its silence hands the file to another node. Left with the
     * node that ran it before, the file was that node's: another node would not take it over while that one lived,
     * and that one does not take up a run an admin restarted elsewhere. The claim is taken only from no one, from
     * this node, from {@code runner} (the node that ran the execution, which has ended it) or from a dead node —
     * never from another live node, which took the file over or restarted it a moment ago: then its id is returned
     * and nothing is moved.
     */
    public Optional<String> claimForRestart(IngestedFile f, String runner) {
        Timestamp now = Timestamp.from(Instant.now());
        int moved = jdbc.sql("""
                        UPDATE file_claim SET node_id = ?, heartbeat_at = ?
                        WHERE sha256 = ? AND file_id IN (SELECT id FROM ingest_file WHERE outcome = 'IN_PROGRESS')
                          AND (node_id IS NULL OR node_id = ? OR node_id = ? OR node_id NOT IN (%s))""".formatted(ClusterNode.ALIVE_NODE_IDS))
                .params(node.id(), now, f.sha256(), node.id(), runner == null ? node.id() : runner, node.deadBefore())
                .update();
        if (moved == 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT node_id FROM file_claim WHERE sha256 = ? AND node_id IS NOT NULL")
                .param(f.sha256())
                .query(String.class)
                .optional();
    }

    /**
     * How many files are being loaded (or wait to be finished): their published slices already count in the
     * statistics, which grow until they are done.
     */
    public long inProgressCount() {
        return jdbc.sql("SELECT COUNT(*) FROM ingest_file WHERE outcome = 'IN_PROGRESS'")
                .query(Long.class)
                .single();
    }

    /** Files that hold a claim but never finished: their run died or failed. */
    List<IngestedFile> unfinishedClaims() {
        return jdbc.sql(SELECT_FILE
                        + " WHERE outcome = 'IN_PROGRESS' AND id IN (SELECT file_id FROM file_claim) ORDER BY id")
                .query(FILE)
                .list();
    }

    /**
     * The source's earliest pulled file (JSON) still in progress — being finished, or waiting for a node to finish it
     * — if any: its records are not yet marked taken, so a pull now would take them a second time.
     */
    public Optional<IngestedFile> pulledInProgress(String sourceId) {
        return jdbc.sql(SELECT_FILE
                        + " WHERE outcome = 'IN_PROGRESS' AND source_id = ? AND LOWER(format) = 'json' ORDER BY id"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param(sourceId)
                .query(FILE)
                .optional();
    }

    /**
     * The first file loaded after this one from the same source under the same name — as often as not the partner's
     * corrected copy, whose rows answer this file's rejected ones — if any.
     */
    public Optional<IngestedFile> laterUnderTheSameName(IngestedFile f) {
        return jdbc.sql(SELECT_FILE
                        + " WHERE source_id = ? AND file_name = ? AND id > ?"
                        + " AND outcome IN ('LOADED', 'LOADED_WITH_REJECTS') ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .params(f.sourceId(), f.fileName(), f.id())
                .query(FILE)
                .optional();
    }

    /** How far a file's publication into the ledger has gone. */
    record Publication(int rows, long offset) {}

    Publication publication(long fileId) {
        return jdbc.sql("SELECT published_rows, published_offset FROM ingest_file WHERE id = ?")
                .param(fileId)
                .query((rs, i) -> new Publication(rs.getInt(1), rs.getLong(2)))
                .single();
    }

    /** Adds a published slice's accounting and moves the publication mark, in the slice's transaction. */
    void addPublished(long fileId, FileAccounting slice, int rows, long offset) {
        jdbc.sql("""
                        UPDATE ingest_file SET rows_read = rows_read + ?, accepted = accepted + ?, merged = merged + ?,
                          rejected = rejected + ?, skipped = skipped + ?, published_rows = published_rows + ?,
                          published_offset = ?
                        WHERE id = ?""")
                .params(
                        slice.read(),
                        slice.accepted(),
                        slice.merged(),
                        slice.rejected(),
                        slice.skipped(),
                        rows,
                        offset,
                        fileId)
                .update();
    }

    /**
     * The most distinct unmapped words kept per source. A file of free text in its category column would otherwise
     * list every distinct phrase (a helper's probe: 400,000 from one 180 MB file), and the sources page and API read
     * them all; beyond this the words are still in each rejected row's message, and the list fills again as the
     * vocabulary grows and the listed words are mapped.
     */
    public static final int MAX_UNMAPPED_WORDS = 1000;

    /** A vocabulary word a source sent that maps to no category, how often, and the last file it was in. */
    public record UnmappedWord(String sourceId, String word, long seen, Long lastFileId) {}

    /** The words sources sent that no category maps, by source, the most often seen first. */
    public List<UnmappedWord> unmappedWords() {
        return jdbc.sql(
                        "SELECT source_id, word, seen, last_file_id FROM unmapped_word ORDER BY source_id, seen DESC, word")
                .query((rs, n) -> new UnmappedWord(
                        rs.getString(1), rs.getString(2), rs.getLong(3), (Long) rs.getObject(4, Long.class)))
                .list();
    }

    /** How many files a source sent and when its last one came. */
    public record SourceFiles(long files, Timestamp lastReceived) {}

    /** {@link SourceFiles} of every source that sent any, by source id. */
    public Map<String, SourceFiles> filesBySource() {
        Map<String, SourceFiles> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT source_id, COUNT(*), MAX(received_at) FROM ingest_file GROUP BY source_id")
                .query((org.springframework.jdbc.core.RowCallbackHandler)
                        rs -> out.put(rs.getString(1), new SourceFiles(rs.getLong(2), rs.getTimestamp(3))));
        return out;
    }

    /** Counts the words a slice's rejects could not map (word → how often), keeping at most {@link #MAX_UNMAPPED_WORDS}. */
    void sawUnmappedWords(long fileId, String sourceId, java.util.Map<String, Long> words) {
        int room = -1;
        for (java.util.Map.Entry<String, Long> w : words.entrySet()) {
            int n = jdbc.sql(
                            "UPDATE unmapped_word SET seen = seen + ?, last_file_id = ? WHERE source_id = ? AND word = ?")
                    .params(w.getValue(), fileId, sourceId, w.getKey())
                    .update();
            if (n > 0) {
                continue;
            }
            if (room < 0) {
                // counted once per slice, through the key's index and never past the cap
                room = MAX_UNMAPPED_WORDS
                        - jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM unmapped_word WHERE source_id = ? LIMIT "
                                        + MAX_UNMAPPED_WORDS + ") k")
                                .param(sourceId)
                                .query(Integer.class)
                                .single();
            }
            if (room > 0) {
                jdbc.sql("INSERT INTO unmapped_word (source_id, word, seen, last_file_id) VALUES (?, ?, ?, ?)")
                        .params(sourceId, w.getKey(), w.getValue(), fileId)
                        .update();
                room--;
            }
        }
    }

    /** What {@code ingest_file.message} holds. */
    static final int MAX_FILE_MESSAGE = 4000;

    void finish(long fileId, FileOutcome outcome, String message, Long duplicateOf) {
        // a refusal may quote the file (a parser's "Unrecognized token 'x4301…'"): masked, and cut to its column
        String kept = message == null ? null : RowNormaliser.clip(Masking.value(message), MAX_FILE_MESSAGE);
        jdbc.sql("UPDATE ingest_file SET outcome = ?, message = ?, duplicate_of = ?, finished_at = ? WHERE id = ?")
                .params(outcome.name(), kept, duplicateOf, Timestamp.from(Instant.now()), fileId)
                .update();
        if (outcome.quarantined()) {
            // nothing of a refused file is in the ledger: its content may come again (as a corrected file cannot)
            jdbc.sql("DELETE FROM file_claim WHERE file_id = ?").param(fileId).update();
        } else {
            // finished: no node holds it any more, nothing is left to take over
            jdbc.sql("UPDATE file_claim SET node_id = NULL, heartbeat_at = NULL WHERE file_id = ?")
                    .param(fileId)
                    .update();
        }
    }

    void updateStoredPath(long fileId, String storedPath) {
        jdbc.sql("UPDATE ingest_file SET stored_path = ? WHERE id = ?")
                .params(storedPath, fileId)
                .update();
    }

    void setSheets(long fileId, int sheets) {
        jdbc.sql("UPDATE ingest_file SET sheets_read = ? WHERE id = ?")
                .params(sheets, fileId)
                .update();
    }

    /** Adds one chunk's accounting, in the chunk's own transaction, so counts always match what was committed. */
    void addCounts(long fileId, FileAccounting chunk) {
        jdbc.sql("""
                        UPDATE ingest_file SET rows_read = rows_read + ?, accepted = accepted + ?, merged = merged + ?,
                          rejected = rejected + ?, skipped = skipped + ?
                        WHERE id = ?""")
                .params(chunk.read(), chunk.accepted(), chunk.merged(), chunk.rejected(), chunk.skipped(), fileId)
                .update();
    }

    void reject(long fileId, String sourceId, RowResult.Rejected r) {
        jdbc.sql("""
                        INSERT INTO row_reject (file_id, source_id, sheet, row_no, column_name, reason, message, masked_values,
                          created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        fileId,
                        sourceId,
                        r.sheet(),
                        r.row(),
                        r.column(),
                        r.reason().name(),
                        r.message(),
                        r.maskedValues(),
                        Timestamp.from(Instant.now()))
                .update();
        if (r.unmappedWord() != null) {
            sawUnmappedWords(fileId, sourceId, java.util.Map.of(r.unmappedWord(), 1L));
        }
    }

    void controlTotal(long fileId, RowResult.Skipped total) {
        jdbc.sql(
                        "INSERT INTO file_control_total (file_id, sheet, row_no, declared_count, row_text) VALUES (?, ?, ?, ?, ?)")
                .params(fileId, total.sheet(), total.row(), total.declaredCount(), total.text())
                .update();
    }

    /**
     * Replaces a file's reading notes with these (a resumed staging counts them all again). Messages are masked on
     * the way in: they quote sheet names and titles, which a clerk may have typed anything into.
     */
    void replaceNotes(long fileId, List<ReadingNote> notes) {
        jdbc.sql("DELETE FROM ingest_file_note WHERE file_id = ?").param(fileId).update();
        for (ReadingNote n : notes) {
            jdbc.sql("""
                            INSERT INTO ingest_file_note (file_id, sheet, kind, message, row_count, first_row, last_row)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            fileId,
                            clip(Masking.value(n.sheet()), 200),
                            n.kind(),
                            clip(Masking.value(n.message()), 1000),
                            n.rows(),
                            n.firstRow(),
                            n.lastRow())
                    .update();
        }
    }

    /** Characters of one header cell kept, cells of one header row kept, and the stored JSON's bound (V19). */
    static final int MAX_HEADER_TEXT = 100;

    static final int MAX_HEADER_CELLS = 500;
    static final int MAX_HEADERS_JSON = 16_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A file whose ingest stopped before it finished: its entry {@code IN_PROGRESS}, the latest execution of its
     * ingest no longer running (a killed process's, marked FAILED at the next start).
     */
    public record Interrupted(long fileId, String fileName, long executionId, String status) {}

    /**
     * The files left {@code IN_PROGRESS} by an ingest that is not running any more: {@code serve} finishes them when
     * it starts, or an admin restarts the execution. Without serve, {@code files} said 处理中 for them for good.
     */
    public List<Interrupted> interrupted() {
        return jdbc.sql("""
                        SELECT f.id, f.file_name, e.job_execution_id, e.status FROM ingest_file f
                          JOIN batch_job_execution began ON began.job_execution_id = f.job_execution_id
                          JOIN batch_job_execution e ON e.job_instance_id = began.job_instance_id
                        WHERE f.outcome = 'IN_PROGRESS' AND e.status NOT IN ('STARTING', 'STARTED', 'STOPPING')
                          AND NOT EXISTS (SELECT 1 FROM batch_job_execution later
                            WHERE later.job_instance_id = e.job_instance_id AND later.job_execution_id > e.job_execution_id)
                        ORDER BY f.id""")
                .query((rs, n) -> new Interrupted(
                        rs.getLong(1), Masking.fileName(rs.getString(2)), rs.getLong(3), rs.getString(4)))
                .list();
    }

    /** A file whose withdrawal began and has not finished: stopped half way, or running now. */
    public record UnfinishedWithdrawal(long fileId, String fileName) {}

    /**
     * The files an admin began to withdraw that still have something in the ledger ({@code withdrawn_at} set, not yet
     * {@code WITHDRAWN}): running {@code files withdraw} again finishes each.
     */
    public List<UnfinishedWithdrawal> unfinishedWithdrawals() {
        return jdbc.sql(
                        "SELECT id, file_name FROM ingest_file WHERE withdrawn_at IS NOT NULL AND outcome <> 'WITHDRAWN'"
                                + " ORDER BY id")
                .query((rs, n) -> new UnfinishedWithdrawal(rs.getLong(1), Masking.fileName(rs.getString(2))))
                .list();
    }

    /**
     * Keeps each header row once per file (a sheet's, or each table's of a sheet holding several): one already kept is
     * updated, never added again, so a staging resumed after a crash or a retry of the file's rejected rows leaves one
     * entry per header. Cells are masked like a row's values (a clerk may type anything into a title) and clipped to
     * fit the column.
     */
    void saveSheetHeaders(long fileId, List<SheetHeader> headers) {
        for (SheetHeader h : headers) {
            String sheet = h.sheet() == null ? "" : h.sheet();
            if (sheet.length() > 200) {
                continue; // row_reject's sheet is as long at most: no reject could be headed by it
            }
            List<String> cells = new ArrayList<>();
            for (String c : h.cells()) {
                cells.add(clip(Masking.value(c == null ? "" : c.strip()), MAX_HEADER_TEXT));
            }
            while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                cells.remove(cells.size() - 1);
            }
            if (cells.size() > MAX_HEADER_CELLS) {
                cells = new ArrayList<>(cells.subList(0, MAX_HEADER_CELLS));
            }
            String json = JSON.writeValueAsString(cells);
            while (json.length() > MAX_HEADERS_JSON) {
                cells = new ArrayList<>(cells.subList(0, cells.size() / 2));
                json = JSON.writeValueAsString(cells);
            }
            if (updateSheetHeader(fileId, sheet, h.rowNumber(), json) == 0) {
                String stored = json;
                try {
                    // in a savepoint: were another writer's row there first, PostgreSQL would refuse the rest of
                    // the transaction after the failed insert
                    savepoint.executeWithoutResult(status -> jdbc.sql(
                                    "INSERT INTO file_sheet_header (file_id, sheet, header_row_no, headers) VALUES (?, ?, ?, ?)")
                            .params(fileId, sheet, h.rowNumber(), stored)
                            .update());
                } catch (DuplicateKeyException there) {
                    updateSheetHeader(fileId, sheet, h.rowNumber(), stored);
                }
            }
        }
    }

    private int updateSheetHeader(long fileId, String sheet, int rowNumber, String json) {
        return jdbc.sql(
                        "UPDATE file_sheet_header SET headers = ? WHERE file_id = ? AND sheet = ? AND header_row_no = ?")
                .params(json, fileId, sheet, rowNumber)
                .update();
    }

    /**
     * The header rows of a file's sheets as kept (masked): one per sheet, one per table of a sheet holding tables
     * with different columns; none for a file loaded before V19.
     */
    public SheetHeaders sheetHeaders(long fileId) {
        return sheetHeaders(fileId, fileId).getOrDefault(fileId, SheetHeaders.NONE);
    }

    /**
     * {@link #sheetHeaders(long)} of every file whose id is in [{@code fromId}, {@code toId}], by file, in one query:
     * for outputs that walk the files a page at a time.
     */
    public Map<Long, SheetHeaders> sheetHeaders(long fromId, long toId) {
        Map<Long, List<SheetHeader>> read = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT file_id, sheet, header_row_no, headers FROM file_sheet_header
                        WHERE file_id >= ? AND file_id <= ? ORDER BY file_id, sheet, header_row_no""").params(fromId, toId).query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                read.computeIfAbsent(rs.getLong("file_id"), k -> new ArrayList<>())
                        .add(new SheetHeader(
                                rs.getString("sheet"),
                                rs.getInt("header_row_no"),
                                JSON.readValue(rs.getString("headers"), new TypeReference<List<String>>() {}))));
        Map<Long, SheetHeaders> out = new java.util.HashMap<>();
        read.forEach((file, headers) -> out.put(file, new SheetHeaders(headers)));
        return out;
    }

    /** {@link #notes(long)} of every file whose id is in [{@code fromId}, {@code toId}], by file, in one query. */
    public Map<Long, List<ReadingNote>> notes(long fromId, long toId) {
        Map<Long, List<ReadingNote>> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT file_id, sheet, kind, message, row_count, first_row, last_row FROM ingest_file_note
                        WHERE file_id >= ? AND file_id <= ? ORDER BY file_id, id""").params(fromId, toId).query((org.springframework.jdbc.core.RowCallbackHandler)
                rs -> out.computeIfAbsent(rs.getLong("file_id"), k -> new java.util.ArrayList<>())
                        .add(new ReadingNote(
                                rs.getString("sheet"),
                                rs.getString("kind"),
                                rs.getString("message"),
                                rs.getInt("row_count"),
                                rs.getInt("first_row"),
                                rs.getInt("last_row"))));
        return out;
    }

    /** What the reader decided on a file's sheets and rows, in the order it was noted. */
    public List<ReadingNote> notes(long fileId) {
        return notes(fileId, fileId).getOrDefault(fileId, List.of());
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The totals a file states about itself (合计 rows), for reconciliation. */
    public List<ControlTotal> controlTotals(long fileId) {
        return jdbc.sql(
                        "SELECT file_id, sheet, row_no, declared_count, row_text FROM file_control_total WHERE file_id = ? ORDER BY id")
                .param(fileId)
                .query(ControlTotal.class)
                .list();
    }

    public Optional<IngestedFile> find(long fileId) {
        return jdbc.sql(SELECT_FILE + " WHERE id = ?").param(fileId).query(FILE).optional();
    }

    /**
     * The file an ingest execution (its first run or any restart of it) is loading, while that file is still
     * {@code IN_PROGRESS}: giving that execution up would leave the entry unfinished for good and its content claimed,
     * so no later drop of the same content could ever load it.
     */
    public Optional<IngestedFile> unfinishedOf(long jobExecutionId) {
        return jdbc.sql("""
                        SELECT f.id FROM ingest_file f
                          JOIN batch_job_execution began ON began.job_execution_id = f.job_execution_id
                          JOIN batch_job_execution e ON e.job_instance_id = began.job_instance_id
                        WHERE e.job_execution_id = ? AND f.outcome = 'IN_PROGRESS'""").param(jobExecutionId).query(Long.class).optional().flatMap(this::find);
    }

    public Optional<IngestedFile> findByJobExecution(long jobExecutionId) {
        return jdbc.sql(SELECT_FILE + " WHERE job_execution_id = ?")
                .param(jobExecutionId)
                .query(FILE)
                .optional();
    }

    public List<IngestedFile> all() {
        return jdbc.sql(SELECT_FILE + " ORDER BY id").query(FILE).list();
    }

    /** Files a page of {@link #inOrder()} holds. */
    static final int ORDER_PAGE = 1000;

    /**
     * Every file in the order received, read {@value #ORDER_PAGE} at a time as it is iterated (by the key's index, on
     * from the last id): for outputs of the whole history (the API's list, {@code files --json}) written as they are
     * read, so that years of files — or a flood of them — are never held at once.
     */
    public Iterable<IngestedFile> inOrder() {
        return () -> pagesInOrder().flatMap(List::stream).iterator();
    }

    /**
     * The files in the order received as pages of {@value #ORDER_PAGE}, each read when the stream reaches it: for a
     * caller that reads something more about each page of files at once.
     */
    public java.util.stream.Stream<List<IngestedFile>> pagesInOrder() {
        return pagesInOrder(null, null);
    }

    /**
     * {@link #inOrder()} of one source and one outcome (either may be null: any), read the same way: {@code files
     * --source hospital --outcome FILE_CORRUPT} on years of files.
     */
    public Iterable<IngestedFile> inOrder(String source, String outcome) {
        return () -> pagesInOrder(source, outcome).flatMap(List::stream).iterator();
    }

    private java.util.stream.Stream<List<IngestedFile>> pagesInOrder(String source, String outcome) {
        return java.util.stream.Stream.iterate(
                filesAfter(0, source, outcome),
                page -> !page.isEmpty(),
                page -> page.size() < ORDER_PAGE
                        ? List.of()
                        : filesAfter(page.get(page.size() - 1).id(), source, outcome));
    }

    private List<IngestedFile> filesAfter(long id, String source, String outcome) {
        List<Object> params = new ArrayList<>(List.of(id));
        String where = " WHERE id > ?" + sourceAndOutcome(source, outcome, params);
        return jdbc.sql(SELECT_FILE + where + " ORDER BY id FETCH FIRST " + ORDER_PAGE + " ROWS ONLY")
                .params(params)
                .query(FILE)
                .list();
    }

    /** The conditions on a file's source and outcome (each null or blank: any), their values added to {@code params}. */
    private static String sourceAndOutcome(String source, String outcome, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (source != null && !source.isBlank()) {
            where.append(" AND source_id = ?");
            params.add(source);
        }
        if (outcome != null && !outcome.isBlank()) {
            where.append(" AND outcome = ?");
            params.add(outcome);
        }
        return where.toString();
    }

    /**
     * The source a filter names, as a worker types it: its id or its agency's name, or the id of a source no longer
     * configured that sent files; anything else is refused listing the sources ({@code files --source} and the
     * console's Files page alike).
     */
    public String sourceId(String typed, org.lujing.source.SourceCatalog sources) {
        if (sources.find(typed).isPresent()) {
            return typed;
        }
        for (org.lujing.source.SourceDefinition d : sources.all()) {
            if (d.agency().equals(typed)) {
                return d.id();
            }
        }
        if (anyFrom(typed)) {
            return typed;
        }
        String listed = String.join(
                "、",
                sources.all().stream().map(d -> d.agency() + "（" + d.id() + "）").toList());
        throw new IllegalArgumentException("没有来源“" + typed + "”；来源有 " + listed + " ‖ there is no source '" + typed
                + "'; the sources are "
                + String.join(
                        ", ",
                        sources.all().stream()
                                .map(org.lujing.source.SourceDefinition::id)
                                .toList()));
    }

    /** Whether any file was received from this source (configured or no longer). */
    public boolean anyFrom(String source) {
        return jdbc.sql("SELECT id FROM ingest_file WHERE source_id = ? FETCH FIRST 1 ROWS ONLY")
                .param(source)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** One page of the files, newest first, and how many match in all. */
    public record FilePage(List<IngestedFile> files, long total) {}

    /**
     * The files of a source and outcome (either may be null: any), newest first, {@code size} a page from the
     * {@code page}th (from 1): the database reads the page by the key's index, so a year of daily drops — or a flood of
     * files — is never held at once.
     */
    public FilePage page(String source, String outcome, int page, int size) {
        List<Object> params = new java.util.ArrayList<>();
        String where = " WHERE 1 = 1" + sourceAndOutcome(source, outcome, params);
        long total = jdbc.sql("SELECT COUNT(*) FROM ingest_file" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new java.util.ArrayList<>(params);
        paged.add(size);
        // a page number typed into the address may lie far past the end: an offset past it reads nothing (the
        // console then shows the last page), one past the database's integer range would fail the query
        paged.add(Math.min((long) (Math.max(page, 1) - 1) * size, Integer.MAX_VALUE));
        List<IngestedFile> files = jdbc.sql(SELECT_FILE + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(paged)
                .query(FILE)
                .list();
        return new FilePage(files, total);
    }

    /** The files received in [from, to), in the order received. */
    /**
     * The newest {@code most} files received in [from, to), newest first, and how many there were in all: a day of
     * thousands of files is counted, not held (the dashboard listed every one, oldest first).
     */
    public Received receivedBetween(Instant from, Instant to, int most) {
        Timestamp since = Timestamp.from(from);
        Timestamp until = Timestamp.from(to);
        List<IngestedFile> newest = jdbc.sql(SELECT_FILE
                        + " WHERE received_at >= ? AND received_at < ? ORDER BY id DESC FETCH FIRST " + most
                        + " ROWS ONLY")
                .params(since, until)
                .query(FILE)
                .list();
        long all = newest.size() < most
                ? newest.size()
                : jdbc.sql("SELECT COUNT(*) FROM ingest_file WHERE received_at >= ? AND received_at < ?")
                        .params(since, until)
                        .query(Long.class)
                        .single();
        return new Received(newest, all);
    }

    /** The newest files received in a time, newest first, and how many there were in all. */
    public record Received(List<IngestedFile> newest, long all) {

        /** How many were received and are not in {@link #newest}. */
        public long notListed() {
            return all - newest.size();
        }
    }

    /**
     * Rejected rows refused again on a retry, perhaps for other reasons; each by its place (file, sheet, row), its
     * unique key, in one batch.
     */
    void updateRejects(long fileId, List<RowResult.Rejected> refused) {
        if (refused.isEmpty()) {
            return;
        }
        // a row refused again for the same reason is only looked at, not written again: a retry with nothing
        // changed (the usual case for most of a big file's rows) rewrote and logged every one of them
        batch.batchUpdate(
                "UPDATE row_reject SET reason = ?, column_name = ?, message = ?, masked_values = ?"
                        + " WHERE file_id = ? AND sheet = ? AND row_no = ? AND status = 'OPEN'"
                        + " AND (reason <> ? OR message <> ? OR COALESCE(column_name, '') <> ?"
                        + " OR COALESCE(masked_values, '') <> ?)",
                refused,
                refused.size(),
                (p, r) -> {
                    p.setString(1, r.reason().name());
                    p.setString(2, r.column());
                    p.setString(3, r.message());
                    p.setString(4, r.maskedValues());
                    p.setLong(5, fileId);
                    p.setString(6, r.sheet());
                    p.setInt(7, r.row());
                    p.setString(8, r.reason().name());
                    p.setString(9, r.message());
                    p.setString(10, r.column() == null ? "" : r.column());
                    p.setString(11, r.maskedValues() == null ? "" : r.maskedValues());
                });
    }

    /**
     * Resolves rejected rows that are about to join the ledger on a retry, each by its place (file, sheet, row), its
     * unique key, in one batch; an element is false when that row was no longer open (another retry took it first).
     */
    boolean[] resolveRejects(long fileId, List<? extends RowResult> joining) {
        boolean[] taken = new boolean[joining.size()];
        if (joining.isEmpty()) {
            return taken;
        }
        int[][] counts = batch.batchUpdate(
                "UPDATE row_reject SET status = 'RESOLVED'"
                        + " WHERE file_id = ? AND sheet = ? AND row_no = ? AND status = 'OPEN'",
                joining,
                joining.size(),
                (p, r) -> {
                    p.setLong(1, fileId);
                    p.setString(2, r.sheet());
                    p.setInt(3, r.row());
                });
        for (int i = 0; i < taken.length; i++) {
            int count = counts[0][i];
            if (count != 0 && count != 1) {
                // a driver that answers SUCCESS_NO_INFO would leave rows resolved but never published: the slice's
                // transaction is rolled back instead, and the rows stay open for the next retry
                throw new IllegalStateException(
                        "resolving rejected row " + joining.get(i).row() + " of file #" + fileId + " reported " + count
                                + " rows updated, not 0 or 1");
            }
            taken[i] = count == 1;
        }
        return taken;
    }

    void setOutcome(long fileId, FileOutcome outcome) {
        jdbc.sql("UPDATE ingest_file SET outcome = ? WHERE id = ?")
                .params(outcome.name(), fileId)
                .update();
    }

    /** Forgets unmapped words of a source that its vocabulary now maps. */
    void forgetMappedWords(String sourceId, java.util.function.Predicate<String> nowMapped) {
        for (String word : jdbc.sql("SELECT word FROM unmapped_word WHERE source_id = ?")
                .param(sourceId)
                .query(String.class)
                .list()) {
            if (nowMapped.test(word)) {
                jdbc.sql("DELETE FROM unmapped_word WHERE source_id = ? AND word = ?")
                        .params(sourceId, word)
                        .update();
            }
        }
    }

    /** An error report Lujing wrote beside a quarantined file, and the SHA-256 of the text it wrote. */
    public record ErrorReportEntry(
            long id,
            Long fileId,
            String sourceId,
            String fileName,
            String outcome,
            String storedPath,
            String reportPath,
            String reportSha256,
            Timestamp writtenAt) {}

    void recordErrorReport(
            Long fileId,
            String sourceId,
            String fileName,
            String outcome,
            String storedPath,
            String reportPath,
            String sha256) {
        jdbc.sql("""
                        INSERT INTO error_report (file_id, source_id, file_name, outcome, stored_path, report_path,
                          report_sha256, written_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        fileId,
                        sourceId,
                        fileName,
                        outcome,
                        storedPath,
                        reportPath,
                        sha256,
                        Timestamp.from(Instant.now()))
                .update();
    }

    /** Every error report Lujing wrote, newest first. */
    public List<ErrorReportEntry> errorReports() {
        return jdbc.sql(SELECT_REPORT + " ORDER BY id DESC")
                .query(ErrorReportEntry.class)
                .list();
    }

    /**
     * Error reports newest first, read {@code page} at a time as they are iterated (by the key's index, on from the
     * last id): every broken file a partner drops is quarantined with one, so there can be any number.
     */
    public Iterable<ErrorReportEntry> errorReportsNewestFirst(int page) {
        return () -> java.util.stream.Stream.iterate(
                        reportsBefore(Long.MAX_VALUE, page),
                        rows -> !rows.isEmpty(),
                        rows -> rows.size() < page
                                ? List.of()
                                : reportsBefore(rows.get(rows.size() - 1).id(), page))
                .flatMap(List::stream)
                .iterator();
    }

    private List<ErrorReportEntry> reportsBefore(long id, int page) {
        return jdbc.sql(SELECT_REPORT + " WHERE id < ? ORDER BY id DESC FETCH FIRST " + page + " ROWS ONLY")
                .param(id)
                .query(ErrorReportEntry.class)
                .list();
    }

    public Optional<ErrorReportEntry> errorReport(long id) {
        return jdbc.sql(SELECT_REPORT + " WHERE id = ?")
                .param(id)
                .query(ErrorReportEntry.class)
                .optional();
    }

    /**
     * The error report of this record when it is still where Lujing wrote it and holds exactly what Lujing wrote;
     * empty for an unknown id, a report gone, or one changed since (never served, whatever its name).
     */
    public Optional<java.nio.file.Path> intactErrorReport(long id) {
        return errorReport(id).flatMap(r -> {
            java.nio.file.Path report = java.nio.file.Path.of(r.reportPath());
            try {
                return java.nio.file.Files.isRegularFile(report, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                && FileInspectionTasklet.sha256(report).equals(r.reportSha256())
                        ? Optional.of(report)
                        : Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
    }

    private static final String SELECT_REPORT = """
            SELECT id, file_id, source_id, file_name, outcome, stored_path, report_path, report_sha256, written_at
            FROM error_report""";

    /**
     * A row of {@link #SELECT_FILE} as a file, column by column: the reflective mapper it replaced took most of the
     * time of walking 150,000 files (five passes of the quality report).
     */
    private static final org.springframework.jdbc.core.RowMapper<IngestedFile> FILE = (rs, i) -> new IngestedFile(
            rs.getLong("id"),
            rs.getString("source_id"),
            rs.getString("file_name"),
            rs.getString("stored_path"),
            rs.getString("sha256"),
            rs.getLong("size_bytes"),
            rs.getString("format"),
            rs.getTimestamp("received_at"),
            rs.getTimestamp("finished_at"),
            rs.getString("outcome"),
            rs.getInt("rows_read"),
            rs.getInt("accepted"),
            rs.getInt("merged"),
            rs.getInt("rejected"),
            rs.getInt("skipped"),
            rs.getInt("sheets_read"),
            longOrNull(rs, "duplicate_of"),
            longOrNull(rs, "job_execution_id"),
            rs.getString("message"));

    private static Long longOrNull(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static final String SELECT_FILE = """
            SELECT id, source_id, file_name, stored_path, sha256, size_bytes, format, received_at, finished_at, outcome,
              rows_read, accepted, merged, rejected, skipped, sheets_read, duplicate_of, job_execution_id, message
            FROM ingest_file""";
}
