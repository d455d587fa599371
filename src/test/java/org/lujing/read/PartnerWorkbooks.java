package org.lujing.read;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Small partner workbooks as clerks keep them, written with POI's usermodel in .xlsx or .xls (by the file's
 * extension) from one description: sheets of rows (null is an empty cell, a LocalDate a date cell), merged regions in
 * A1 notation. Used by the reader and ingest tests; independent of the product's readers.
 */
public final class PartnerWorkbooks {

    private final List<SheetSpec> sheets = new ArrayList<>();

    public static PartnerWorkbooks book() {
        return new PartnerWorkbooks();
    }

    public PartnerWorkbooks sheet(String name, Consumer<SheetSpec> rows) {
        SheetSpec s = new SheetSpec(name);
        rows.accept(s);
        sheets.add(s);
        return this;
    }

    /** Writes the workbook; .xls gives a BIFF8 workbook, anything else an .xlsx. */
    public Path write(Path file) {
        try (Workbook wb = file.toString().endsWith(".xls") ? new HSSFWorkbook() : new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle monthDay = wb.createCellStyle();
            monthDay.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("m\"月\"d\"日\""));
            for (SheetSpec spec : sheets) {
                Sheet sheet = wb.createSheet(spec.name);
                for (int r = 0; r < spec.rows.size(); r++) {
                    Object[] values = spec.rows.get(r);
                    if (values == null) {
                        continue; // a row never written: blank
                    }
                    Row row = sheet.createRow(r);
                    for (int c = 0; c < values.length; c++) {
                        Object v = values[c];
                        if (v instanceof String s) {
                            row.createCell(c).setCellValue(s);
                        } else if (v instanceof Number n) {
                            row.createCell(c).setCellValue(n.doubleValue());
                        } else if (v instanceof Yearless y) {
                            org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
                            cell.setCellValue(y.typedAs());
                            cell.setCellStyle(monthDay);
                        } else if (v instanceof LocalDate d) {
                            org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        }
                    }
                }
                for (String merge : spec.merges) {
                    sheet.addMergedRegion(CellRangeAddress.valueOf(merge));
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A date cell formatted without a year ({@code m"月"d"日"}), as Excel stores "12月26日" typed into a cell: the
     * serial holds the year it was typed in, {@code typedAs}'s.
     */
    public record Yearless(LocalDate typedAs) {}

    /** One sheet: its rows top to bottom (row 1 first) and its merged regions. */
    public static final class SheetSpec {
        private final String name;
        private final List<Object[]> rows = new ArrayList<>();
        private final List<String> merges = new ArrayList<>();

        SheetSpec(String name) {
            this.name = name;
        }

        public SheetSpec row(Object... cells) {
            rows.add(cells);
            return this;
        }

        /** A row the file does not hold at all. */
        public SheetSpec missingRow() {
            rows.add(null);
            return this;
        }

        public SheetSpec merge(String range) {
            merges.add(range);
            return this;
        }
    }

    /** A valid 18-character ID number (GB 11643 check character) from its first 17 digits. */
    public static String id(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
