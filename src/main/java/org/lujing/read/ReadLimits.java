package org.lujing.read;

/**
 * What one line, one cell and one file may take before a reader refuses the file as {@code FILE_UNSAFE}: no partner
 * file, however it is made, may take the process down. The bounds are generous for tables (Excel itself stops at
 * 32,767 characters a cell, 16,384 columns and 1,048,576 rows a sheet) and small against a 256 MiB heap.
 */
public record ReadLimits(int maxCellChars, int maxRecordChars, int maxCells, long maxRows) {

    /** The words every refusal for a bound carries, so an error report can name the cause (not a zip bomb). */
    public static final String MARK = "read limit";

    public static final ReadLimits DEFAULT = new ReadLimits(65_536, 1_048_576, 16_384, 5_000_000);

    /** A cell longer than {@link #maxCellChars}, from {@code row} on. */
    UnreadableFileException cellTooLong(long row) {
        return exceeded("一个单元格的长度（字符）", "one cell's length in characters", maxCellChars, row);
    }

    /** A row of more than {@link #maxCells} cells, from {@code row} on. */
    UnreadableFileException tooManyCells(long row) {
        return exceeded("一行的单元格数", "the number of cells in one row", maxCells, row);
    }

    /** The refusal for one bound, in Chinese with English after it, the bound's name and figure included. */
    UnreadableFileException exceeded(String zhWhat, String enWhat, long limit, long row) {
        return new UnreadableFileException(
                org.lujing.read.FileOutcome.FILE_UNSAFE,
                "第 " + row + " 行起" + zhWhat + "超过读取上限 " + limit + "，已拒收 / from row " + row + " on, " + enWhat
                        + " is beyond the " + MARK + " of " + limit);
    }
}
