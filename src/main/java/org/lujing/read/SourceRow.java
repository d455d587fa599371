package org.lujing.read;

import java.util.List;
import java.util.Map;

/**
 * A data row below a detected header: where it is (sheet, row number as the partner sees it), its cells by
 * field, all its cells (to recognise blank, total and sign-off rows), and what its sheet says beyond the cells.
 */
public record SourceRow(
        String sheet,
        int rowNumber,
        Map<Field, Cell> fields,
        List<Cell> cells,
        boolean date1904,
        Map<Field, String> headers,
        SheetContext context) {

    public SourceRow(
            String sheet,
            int rowNumber,
            Map<Field, Cell> fields,
            List<Cell> cells,
            boolean date1904,
            Map<Field, String> headers) {
        this(sheet, rowNumber, fields, cells, date1904, headers, SheetContext.NONE);
    }

    /** The header as the partner wrote it for a field, for error reports; the field's key if unknown. */
    public String header(Field field) {
        return headers.getOrDefault(field, field.key());
    }

    public Cell cell(Field field) {
        return fields.getOrDefault(field, Cell.BLANK);
    }

    public boolean has(Field field) {
        return !cell(field).isBlank();
    }
}
