package org.lujing.read;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns raw sheets into data rows: looks for the header within each sheet's first 20 rows, passes over sheets
 * with none (instruction sheets), and maps every row below the header to fields.
 */
final class SheetTableReader implements TableReader {

    private final RawSheets sheets;
    private final HeaderDetector detector;
    private RawSheets.RawSheet sheet;
    private Map<Field, Integer> columns;
    private Map<Field, String> headers;
    private int sheetsRead;

    SheetTableReader(RawSheets sheets, ReadSettings settings) {
        this.sheets = sheets;
        this.detector = new HeaderDetector(settings);
    }

    @Override
    public SourceRow next() throws IOException {
        while (true) {
            if (sheet == null) {
                sheet = sheets.nextSheet();
                if (sheet == null) {
                    return null;
                }
                columns = findHeader();
                if (columns == null) {
                    sheet = null;
                    continue;
                }
                sheetsRead++;
            }
            RawSheets.RawRow row = sheet.nextRow();
            if (row == null) {
                sheet = null;
                continue;
            }
            return new SourceRow(
                    sheet.name(),
                    row.number(),
                    HeaderDetector.map(columns, row.cells()),
                    row.cells(),
                    sheets.date1904(),
                    headers);
        }
    }

    /** Reads up to the first 20 rows; title rows above the header are passed over. */
    private Map<Field, Integer> findHeader() throws IOException {
        RawSheets.RawRow previous = null;
        for (int i = 0; i < ReadSettings.HEADER_SEARCH_ROWS; i++) {
            RawSheets.RawRow row = sheet.nextRow();
            if (row == null) {
                return null;
            }
            Optional<Map<Field, Integer>> header = detector.detect(row.cells());
            List<Cell> headerCells = row.cells();
            if (header.isEmpty() && previous != null && previous.number() == row.number() - 1) {
                header = detector.detectTwoRows(previous.cells(), row.cells());
                headerCells = detector.combine(previous.cells(), row.cells());
            }
            if (header.isPresent()) {
                List<Cell> named = headerCells;
                headers = new java.util.EnumMap<>(Field.class);
                header.get()
                        .forEach((field, col) ->
                                headers.put(field, named.get(col).text().strip()));
                return header.get();
            }
            previous = row;
        }
        return null;
    }

    @Override
    public int sheetsRead() {
        return sheetsRead;
    }

    @Override
    public void close() throws IOException {
        sheets.close();
    }
}
