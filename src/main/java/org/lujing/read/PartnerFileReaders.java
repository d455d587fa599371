package org.lujing.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.lujing.ledger.FileOutcome;

/** Opens a partner file with the reader its format needs, or refuses it with a typed outcome. */
public final class PartnerFileReaders {

    static {
        // Deliberate zip-bomb limits for every .xlsx opened in this JVM: an entry may expand at most 100 times
        // its compressed size (POI's default is 100x too; stated here so nobody lowers it by accident), and no
        // single entry may exceed 512 MiB unpacked, enough for a sheet of several million rows.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(512L * 1024 * 1024);
    }

    private PartnerFileReaders() {}

    /** The format a file will be read as, from its extension: csv, xlsx, json, or what the name says. */
    public static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "csv", "tsv", "txt" -> "csv";
            case "xlsx", "xlsm" -> "xlsx";
            case "json", "ndjson", "jsonl" -> "json";
            default -> ext;
        };
    }

    public static TableReader open(Path file, ReadSettings settings) throws IOException {
        String format = format(file);
        String name = file.getFileName().toString();
        return switch (format) {
            case "csv" -> new SheetTableReader(new CsvRawSheets(file, settings.encoding(), settings.delimiter()), settings);
            case "xlsx" -> {
                checkZipMagic(file);
                yield new SheetTableReader(new XlsxRawSheets(file.toFile()), settings);
            }
            case "json" -> new JsonTableReader(file, settings);
            default -> throw new UnreadableFileException(FileOutcome.FILE_UNSUPPORTED,
                    name + ": the format '" + (format.isEmpty() ? "(no extension)" : format)
                            + "' is not read by Lujing; save it as .xlsx (Excel: 文件 → 另存为 → Excel 工作簿) or export CSV/JSON");
        };
    }

    private static void checkZipMagic(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        String name = file.getFileName().toString();
        if (head.length == 0) {
            throw new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " is empty");
        }
        if (head.length >= 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            throw new UnreadableFileException(FileOutcome.FILE_ENCRYPTED, name
                    + " is an OLE2 container, not a plain .xlsx: it is password-protected (or an old .xls renamed); save it without a password as .xlsx");
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K') {
            throw new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " is not a workbook (.xlsx files are zip archives)");
        }
    }
}
