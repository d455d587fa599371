package org.lujing.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The merged cells of one sheet, given to its rows as they stream past in ascending order: every cell a merge covers
 * takes the value of the merge's top-left cell, as the clerk sees it in Excel (a person's 姓名 and 身份证号 merged
 * down over that person's activity rows, a group session's 日期 merged over its participants, one value merged
 * across several columns of a data row).
 *
 * <p>Memory: four ints a region (16 bytes; 200,000 regions are 3.2 MB), sorted once by first row, plus the regions
 * covering the current row (at most one per column, since merges never overlap). A sheet declaring more than
 * {@value #MAX_REGIONS} regions is refused as too large rather than held.
 *
 * <p>A row whose own cells are all blank is left blank even inside a merge, so it is still skipped as a blank row:
 * a merge drawn one row too far must not turn an empty line into a rejected record.
 */
final class MergedRegions {

    /** 32 MB of region bounds at most: far above any ledger kept by hand, far below a 256 MB heap. */
    static final int MAX_REGIONS = 2_000_000;

    /** Columns a merge fills beyond the row's own cells: a sheet-wide crafted merge costs at most this per row. */
    static final int FILL_WIDTH = 256;

    static final MergedRegions NONE = new Builder("", "").build();

    private final int[] firstRow;
    private final int[] lastRow;
    private final int[] firstCol;
    private final int[] lastCol;
    private final int count;
    private int next;
    private int[] active = new int[8];
    private Cell[] activeValue = new Cell[8];
    private int activeCount;
    private int filledRows;

    private MergedRegions(int[] firstRow, int[] lastRow, int[] firstCol, int[] lastCol, int count) {
        this.firstRow = firstRow;
        this.lastRow = lastRow;
        this.firstCol = firstCol;
        this.lastCol = lastCol;
        this.count = count;
    }

    int size() {
        return count;
    }

    /** Rows handed out so far in which at least one cell took its value from a merge. */
    int filledRows() {
        return filledRows;
    }

    /**
     * The row with every cell covered by a merge set to the merge's top-left value. Rows must come in ascending
     * order of their number (1-based, as the partner sees it); cells are 0-based columns.
     */
    List<Cell> fill(int rowNumber, List<Cell> cells) {
        if (count == 0) {
            return cells;
        }
        while (next < count && firstRow[next] <= rowNumber) {
            if (lastRow[next] >= rowNumber) {
                // the top-left cell is in this row, or its row was never written (blank): then so is the value
                Cell value = firstRow[next] == rowNumber ? at(cells, firstCol[next]) : Cell.BLANK;
                activate(next, value);
            }
            next++;
        }
        if (activeCount == 0) {
            return cells;
        }
        boolean own = false;
        for (Cell c : cells) {
            if (!c.isBlank()) {
                own = true;
                break;
            }
        }
        List<Cell> out = cells;
        boolean filled = false;
        int kept = 0;
        for (int i = 0; i < activeCount; i++) {
            int m = active[i];
            if (lastRow[m] < rowNumber) {
                continue; // ended above this row: dropped
            }
            active[kept] = m;
            activeValue[kept] = activeValue[i];
            kept++;
            Cell value = activeValue[i];
            if (!own || value.isBlank()) {
                continue;
            }
            int limit = Math.min(lastCol[m], Math.max(cells.size(), FILL_WIDTH) - 1);
            for (int col = firstCol[m]; col <= limit; col++) {
                if (col == firstCol[m] && rowNumber == firstRow[m]) {
                    continue; // the top-left cell holds the value already
                }
                if (out == cells) {
                    out = new ArrayList<>(cells);
                }
                while (out.size() <= col) {
                    out.add(Cell.BLANK);
                }
                out.set(col, value);
                filled = true;
            }
        }
        for (int i = kept; i < activeCount; i++) {
            activeValue[i] = null;
        }
        activeCount = kept;
        if (filled) {
            filledRows++;
        }
        return out;
    }

    private void activate(int region, Cell value) {
        if (activeCount == active.length) {
            active = Arrays.copyOf(active, activeCount * 2);
            activeValue = Arrays.copyOf(activeValue, activeCount * 2);
        }
        active[activeCount] = region;
        activeValue[activeCount] = value;
        activeCount++;
    }

    private static Cell at(List<Cell> cells, int col) {
        return col < cells.size() ? cells.get(col) : Cell.BLANK;
    }

    /** Collects a sheet's regions as the file lists them, in any order; refuses a sheet with too many. */
    static final class Builder {

        private final String fileName;
        private final String sheetName;
        private int[] firstRow = new int[16];
        private int[] lastRow = new int[16];
        private int[] firstCol = new int[16];
        private int[] lastCol = new int[16];
        private int count;

        Builder(String fileName, String sheetName) {
            this.fileName = fileName;
            this.sheetName = sheetName;
        }

        /** A region by 1-based rows and 0-based columns; single cells and reversed bounds are put right or ignored. */
        void add(int rowFrom, int rowTo, int colFrom, int colTo) {
            int r1 = Math.min(rowFrom, rowTo);
            int r2 = Math.max(rowFrom, rowTo);
            int c1 = Math.min(colFrom, colTo);
            int c2 = Math.max(colFrom, colTo);
            if (r1 < 1 || c1 < 0 || (r1 == r2 && c1 == c2)) {
                return;
            }
            if (count == MAX_REGIONS) {
                throw new UnreadableFileException(
                        FileOutcome.FILE_TOO_LARGE,
                        fileName + "：工作表「" + sheetName + "」的合并单元格超过 " + MAX_REGIONS
                                + " 处，无法读取；请取消多余的合并后再提交 / sheet '" + sheetName + "' has more than "
                                + MAX_REGIONS + " merged regions: unmerge what is not needed and send it again");
            }
            if (count == firstRow.length) {
                int size = Math.min(MAX_REGIONS, count * 2);
                firstRow = Arrays.copyOf(firstRow, size);
                lastRow = Arrays.copyOf(lastRow, size);
                firstCol = Arrays.copyOf(firstCol, size);
                lastCol = Arrays.copyOf(lastCol, size);
            }
            firstRow[count] = r1;
            lastRow[count] = r2;
            firstCol[count] = c1;
            lastCol[count] = c2;
            count++;
        }

        /** Adds a region written as in OOXML, {@code B3:D7}; a single cell reference or a malformed one adds nothing. */
        void add(String ref) {
            if (ref == null) {
                return;
            }
            int colon = ref.indexOf(':');
            if (colon < 0) {
                return;
            }
            int[] from = cellRef(ref.substring(0, colon).strip());
            int[] to = cellRef(ref.substring(colon + 1).strip());
            if (from != null && to != null) {
                add(from[0], to[0], from[1], to[1]);
            }
        }

        /** {row (1-based), column (0-based)} of {@code $B$3}, or null when it is not a cell reference. */
        private static int[] cellRef(String ref) {
            int i = 0;
            int col = 0;
            if (i < ref.length() && ref.charAt(i) == '$') {
                i++;
            }
            int letters = 0;
            while (i < ref.length() && Character.isLetter(ref.charAt(i)) && ref.charAt(i) < 128) {
                col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
                if (++letters > 3) {
                    return null;
                }
                i++;
            }
            if (letters == 0 || col > 16_384) {
                return null;
            }
            if (i < ref.length() && ref.charAt(i) == '$') {
                i++;
            }
            int row = 0;
            int digits = 0;
            while (i < ref.length() && ref.charAt(i) >= '0' && ref.charAt(i) <= '9') {
                row = row * 10 + (ref.charAt(i) - '0');
                if (++digits > 7) {
                    return null;
                }
                i++;
            }
            if (digits == 0 || i != ref.length() || row < 1 || row > 1_048_576) {
                return null;
            }
            return new int[] {row, col - 1};
        }

        MergedRegions build() {
            // sorted by first row through (firstRow << 32 | index): one long a region, dropped once sorted
            long[] order = new long[count];
            for (int i = 0; i < count; i++) {
                order[i] = ((long) firstRow[i] << 32) | i;
            }
            Arrays.sort(order);
            int[] fr = new int[count];
            int[] lr = new int[count];
            int[] fc = new int[count];
            int[] lc = new int[count];
            for (int i = 0; i < count; i++) {
                int k = (int) order[i];
                fr[i] = firstRow[k];
                lr[i] = lastRow[k];
                fc[i] = firstCol[k];
                lc[i] = lastCol[k];
            }
            return new MergedRegions(fr, lr, fc, lc, count);
        }
    }
}
