package org.lujing.read;

import java.util.List;

/**
 * A sheet's header row as the partner wrote it: every cell's text left to right, in the same positions as the cells
 * of the sheet's rows ({@link SourceRow#cells()}), and the row it stands on (the lower row of a two-row header).
 */
public record SheetHeader(String sheet, int rowNumber, List<String> cells) {

    public SheetHeader {
        cells = List.copyOf(cells);
    }
}
