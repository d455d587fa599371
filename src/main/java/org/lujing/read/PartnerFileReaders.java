package org.lujing.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/** Opens a partner file with the reader its format needs, or refuses it with a typed outcome. */
public final class PartnerFileReaders {

    /** The most parts a workbook may hold. */
    static final long MAX_ZIP_ENTRIES = 10_000;

    static {
        // Deliberate zip-bomb limits for every .xlsx opened in this JVM: an entry may expand at most 100 times
        // its compressed size (POI's default is 100x too; stated here so nobody lowers it by accident), and no
        // single entry may exceed 512 MiB unpacked, enough for a sheet of several million rows.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(512L * 1024 * 1024);
        // POI allows 1,000 entries: a workbook with a sheet a day (each with its relations part) passes that within
        // two years; 10,000 entries is a ten-year workbook of daily sheets, and the zip's directory stays under 1 MB
        ZipSecureFile.setMaxFileCount(MAX_ZIP_ENTRIES);
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

    /**
     * A reader for the file, chosen by its extension and confirmed by its first bytes: spreadsheets are read by what
     * they are (an OLE2 file named .xlsx is an .xls or a password-protected .xlsx; a zip named .xls is an .xlsx).
     * Anything that cannot be read throws {@link UnreadableFileException} with the outcome and a message that says
     * what to do.
     */
    public static TableReader open(Path file, ReadSettings settings) throws IOException {
        return open(file, file.getFileName().toString(), settings);
    }

    /**
     * As {@link #open(Path, ReadSettings)}, for a file kept under another name than the partner gave it (the
     * archive's copy): {@code name} is the partner's, where a year-less date may find its year.
     */
    public static TableReader open(Path file, String name, ReadSettings settings) throws IOException {
        String format = format(file);
        if (Files.size(file) == 0) {
            // of any format: "no header in the first 20 rows" or "corrupt" would send the partner looking for a cause
            throw new UnreadableFileException(
                    FileOutcome.NO_TABLE_FOUND,
                    name + " 是空文件（0 字节），没有可读取的内容；请重新导出或保存后再发送 / " + name
                            + " is empty (0 bytes): export or save it again and send it again");
        }
        return switch (format) {
            case "csv" ->
                new SheetTableReader(new CsvRawSheets(file, settings.encoding(), settings.delimiter()), settings, name);
            case "xlsx", "xls" -> new SheetTableReader(spreadsheet(file, format), settings, name);
            case "xlsb" ->
                throw new UnreadableFileException(
                        FileOutcome.FILE_UNSUPPORTED,
                        name
                                + "：Excel 二进制工作簿 (.xlsb) 无法读取，请用 Excel 另存为 .xlsx（文件 → 另存为 → Excel 工作簿）"
                                + " / binary workbooks (.xlsb) are not read: save it as .xlsx");
            case "ods" ->
                throw new UnreadableFileException(
                        FileOutcome.FILE_UNSUPPORTED,
                        name
                                + "：OpenDocument 表格 (.ods) 无法读取，请用 WPS 或 Excel 另存为 .xlsx"
                                + " / OpenDocument spreadsheets (.ods) are not read: save it as .xlsx");
            case "json" -> new JsonTableReader(file, name, settings);
            default ->
                throw new UnreadableFileException(
                        FileOutcome.FILE_UNSUPPORTED,
                        name + "：麓景不读取" + (format.isEmpty() ? "没有扩展名的文件" : " ." + format + " 格式")
                                + "；请另存为 .xlsx（Excel：文件 → 另存为 → Excel 工作簿），或导出 CSV/JSON / " + name
                                + ": the format '" + (format.isEmpty() ? "(no extension)" : format)
                                + "' is not read by Lujing; save it as .xlsx or export CSV/JSON");
        };
    }

    /** The raw-sheet reader a workbook's magic bytes call for, whatever its extension says. */
    private static RawSheets spreadsheet(Path file, String format) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        String name = file.getFileName().toString();
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            // an .xls, or an .xlsx wrapped in OLE2 by password protection: XlsRawSheets tells them apart
            return new XlsRawSheets(file.toFile());
        }
        if (startsWith(head, 'P', 'K')) {
            try {
                return new XlsxRawSheets(file.toFile());
            } catch (UnreadableFileException refused) {
                // only a zip the reader refuses is looked into again: an .xlsb renamed says what it is
                if (isBinaryWorkbook(file)) {
                    throw new UnreadableFileException(
                            FileOutcome.FILE_UNSUPPORTED,
                            name + " 其实是 Excel 二进制工作簿 (.xlsb)，只是扩展名为 ." + format
                                    + "；请用 Excel 另存为 .xlsx（文件 → 另存为 → Excel 工作簿） / is a binary workbook (.xlsb)"
                                    + " with an ." + format + " name: save it as .xlsx",
                            refused);
                }
                throw refused;
            }
        }
        if (head.length >= 2
                && head[0] == 0x09
                && (head[1] == 0x00 || head[1] == 0x02 || head[1] == 0x04 || head[1] == 0x08)) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    name + " 是 Excel 2.x–4.x 的老格式，请用 Excel 另存为 .xlsx / is an Excel 2–4 worksheet: save it as .xlsx");
        }
        byte[] start = CsvRawSheets.readHead(file);
        if (looksLikeMarkup(start)) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    name
                            + " 其实是网页或 XML 表格，只是扩展名为 ." + format + "；请用 Excel 打开后另存为 .xlsx"
                            + " / is a web page or XML spreadsheet with a workbook's name: open it in Excel and save it as .xlsx");
        }
        if (looksLikeText(start)) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    // the format it was named for is one its source accepts (the inspection checked): saving as a
                    // workbook always fits, renaming to .csv only where the source takes CSV too
                    name + " 其实是文本文件（如 CSV），只是扩展名为 ." + format + "；请用 Excel 打开后另存为 .xlsx 再重新放入"
                            + "（该来源也接受 CSV 时，把扩展名改为 .csv 亦可）"
                            + " / is a text file (such as CSV) with an ." + format
                            + " name: open it in Excel and save it as .xlsx (or, where its source takes CSV too, rename"
                            + " it to .csv)");
        }
        throw new UnreadableFileException(
                FileOutcome.FILE_CORRUPT,
                name
                        + " 不是 Excel 工作簿（文件头不符），可能已损坏 / is not a workbook: its first bytes are neither an .xlsx (zip) nor an .xls (OLE2)");
    }

    /** A zip holding {@code xl/workbook.bin}: an .xlsb renamed; a zip that cannot be opened is left to the reader. */
    private static boolean isBinaryWorkbook(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.getEntry("xl/workbook.bin") != null;
        } catch (IOException | RuntimeException damaged) {
            return false;
        }
    }

    /** Text in the encoding CSV reading would take: no NUL byte, hardly a control character, in its first bytes. */
    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        String text = new String(head, CsvRawSheets.detectCharset(head));
        long control = text.chars()
                .filter(c -> (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') || c == 0xFFFD)
                .count();
        return !text.isBlank() && control * 50 < text.length();
    }

    /** Web systems often "export to Excel" as HTML or SpreadsheetML with an .xls name. */
    private static boolean looksLikeMarkup(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 1024), CsvRawSheets.detectCharset(head)).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        return text.startsWith("<");
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
