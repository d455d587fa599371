package org.lujing.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.read.ReadingNote;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reading decisions the normaliser took on a file's rows (a year-less date given its sheet's year, a category
 * taken from a sheet's name), counted per sheet and decision with the first and last row affected. Kept in the step's
 * context with every chunk's commit, so a resumed staging goes on counting where the committed rows left off.
 */
class ReadingNotes implements ItemStream {

    private static final String KEY = "reading.notes";
    /** Distinct (sheet, decision) pairs a file keeps: a sheet has a handful, a workbook a few hundred sheets. */
    static final int MAX = 500;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, ReadingNote> notes = new LinkedHashMap<>();

    /** Counts one row under a decision. */
    void add(String sheet, String kind, String message, int row) {
        String key = sheet + '\u0000' + kind + '\u0000' + message;
        ReadingNote n = notes.get(key);
        if (n == null) {
            if (notes.size() < MAX) {
                notes.put(key, new ReadingNote(sheet, kind, message, 1, row, row));
            }
            return;
        }
        notes.put(
                key,
                new ReadingNote(
                        sheet, kind, message, n.rows() + 1, Math.min(n.firstRow(), row), Math.max(n.lastRow(), row)));
    }

    List<ReadingNote> notes() {
        return new ArrayList<>(notes.values());
    }

    @Override
    public void open(ExecutionContext context) {
        notes.clear();
        if (context.containsKey(KEY)) {
            List<ReadingNote> saved = JSON.readValue(context.getString(KEY), new TypeReference<List<ReadingNote>>() {});
            for (ReadingNote n : saved) {
                notes.put(n.sheet() + '\u0000' + n.kind() + '\u0000' + n.message(), n);
            }
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(KEY, JSON.writeValueAsString(notes()));
    }
}
