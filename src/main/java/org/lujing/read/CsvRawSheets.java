package org.lujing.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as one sheet. The encoding is the source's declaration, else a byte-order mark, else UTF-16 when its
 * zero bytes say so, else UTF-8 if the first 64 KiB decode as UTF-8 (but for a few rows pasted from elsewhere),
 * else GB18030 (a superset of GBK); the delimiter likewise is declared or
 * the most frequent of comma, tab and semicolon outside quotes in the first line.
 */
final class CsvRawSheets implements RawSheets {

    private static final int SNIFF_BYTES = 64 * 1024;
    static final Charset GB18030 = Charset.forName("GB18030");

    private final Path file;
    private final String declaredEncoding;
    private final String declaredDelimiter;
    private final ReadLimits limits;
    private boolean served;
    private CSVParser parser;

    CsvRawSheets(Path file, String declaredEncoding, String declaredDelimiter) {
        this(file, declaredEncoding, declaredDelimiter, ReadLimits.DEFAULT);
    }

    CsvRawSheets(Path file, String declaredEncoding, String declaredDelimiter, ReadLimits limits) {
        this.limits = limits;
        this.file = file;
        this.declaredEncoding = declaredEncoding;
        this.declaredDelimiter = declaredDelimiter;
    }

    @Override
    public RawSheet nextSheet() throws IOException {
        if (served) {
            return null;
        }
        served = true;
        byte[] head = readHead(file);
        Charset charset = declaredEncoding != null ? Charset.forName(declaredEncoding) : detectCharset(head);
        int bom = bomLength(head, charset);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(bom);
        char delimiter = declaredDelimiter != null ? unescape(declaredDelimiter) : detectDelimiter(head, bom, charset);
        // bounded before the parser sees a character: a line without end would otherwise become one token in memory
        Reader reader = new BoundedCsvReader(
                new BufferedReader(new InputStreamReader(
                        in,
                        charset.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE))),
                delimiter,
                limits);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setTrim(false)
                .get();
        parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        Iterator<CSVRecord> records = parser.iterator();
        return new RawSheet() {
            private int number;

            @Override
            public String name() {
                return "";
            }

            @Override
            public RawRow nextRow() throws IOException {
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    CSVRecord r = records.next();
                    number++;
                    List<Cell> cells = new ArrayList<>(r.size());
                    for (String v : r) {
                        cells.add(Cell.text(v));
                    }
                    return new RawRow(number, cells);
                } catch (java.io.UncheckedIOException e) {
                    throw new UnreadableFileException(
                            FileOutcome.FILE_CORRUPT,
                            unparsable(number, e.getCause().getMessage()),
                            e);
                } catch (IllegalStateException e) {
                    throw new UnreadableFileException(FileOutcome.FILE_CORRUPT, unparsable(number, e.getMessage()), e);
                }
            }
        };
    }

    /** Why the file could not be parsed, after which record, in both languages; the parser's words kept in English. */
    private String unparsable(int record, String why) {
        String name = file.getFileName().toString();
        return name + " 无法按 CSV 解析（第 " + record + " 条记录之后，多为引号未配对或文件被截断）；请用 Excel 打开核对后另存为 .xlsx 或 UTF-8 CSV" + " / "
                + name + " cannot be parsed as CSV after record " + record + ": " + why;
    }

    static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    static Charset detectCharset(byte[] head) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        Charset wide = utf16WithoutMark(head);
        if (wide != null) {
            return wide;
        }
        return mostlyUtf8(head) ? StandardCharsets.UTF_8 : GB18030;
    }

    /**
     * UTF-16 saved without its byte-order mark: a CSV's delimiters, digits and line ends are ASCII, one zero byte
     * each, all on the same side of their pairs. Null when the zero bytes do not say so (UTF-8 and GBK text has none).
     */
    private static Charset utf16WithoutMark(byte[] head) {
        if (head.length < 16) {
            return null;
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                if (i % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        if (even + odd < head.length / 5) {
            return null;
        }
        return odd >= 4 * even ? StandardCharsets.UTF_16LE : even >= 4 * odd ? StandardCharsets.UTF_16BE : null;
    }

    /**
     * Whether the sniffed bytes are UTF-8 text, allowing a few stretches that are not: a UTF-8 file into which a row
     * was pasted from a GBK system is read as UTF-8, and the bytes that do not decode reject their rows
     * ({@code VALUE_INVALID}, "save the whole file as UTF-8"); before, a single such row among the first 64 KiB made
     * the whole file read as GB18030, every Chinese header garbled, and the file refused as having no table. GBK text
     * read as UTF-8 forms a valid multi-byte character only by chance (about one in sixty of its characters), so a
     * file is UTF-8 when its valid multi-byte characters outnumber the bytes that fail by four to one.
     */
    private static boolean mostlyUtf8(byte[] head) {
        if (isUtf8(head)) {
            return true;
        }
        int valid = 0;
        int invalid = 0;
        int n = trimPartialUtf8(head);
        for (int i = 0; i < n; ) {
            int v = head[i] & 0xFF;
            int need = v < 0x80
                    ? 0
                    : v >= 0xC2 && v <= 0xDF ? 1 : v >= 0xE0 && v <= 0xEF ? 2 : v >= 0xF0 && v <= 0xF4 ? 3 : -1;
            if (need == 0) {
                i++;
                continue;
            }
            boolean ok = need > 0 && i + need < n + 1;
            for (int k = 1; ok && k <= need; k++) {
                ok = i + k < n && (head[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                valid++;
                i += need + 1;
            } else {
                invalid++;
                i++;
            }
        }
        return valid >= 8 && valid >= 4 * invalid;
    }

    static int bomLength(byte[] head, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8) && startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return 3;
        }
        if ((charset.equals(StandardCharsets.UTF_16LE) && startsWith(head, 0xFF, 0xFE))
                || (charset.equals(StandardCharsets.UTF_16BE) && startsWith(head, 0xFE, 0xFF))) {
            return 2;
        }
        return 0;
    }

    private static boolean isUtf8(byte[] head) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, trimPartialUtf8(head)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The sniffed block may end inside a multi-byte character; do not hold that against UTF-8. */
    private static int trimPartialUtf8(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= 3 && n - back >= 0; back++) {
            int v = b[n - back] & 0xFF;
            if ((v & 0xC0) == 0xC0) {
                int need = (v & 0xE0) == 0xC0 ? 2 : (v & 0xF0) == 0xE0 ? 3 : 4;
                return need > back ? n - back : n;
            }
            if ((v & 0x80) == 0) {
                return n;
            }
        }
        return n;
    }

    static char detectDelimiter(byte[] head, int bom, Charset charset) {
        String text = new String(head, bom, head.length - bom, charset);
        int[] counts = new int[3];
        char[] candidates = {',', '\t', ';'};
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (Arrays.stream(counts).sum() > 0) {
                    break;
                }
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private static char unescape(String declared) {
        return switch (declared) {
            case "\\t", "tab", "TAB" -> '\t';
            default -> declared.charAt(0);
        };
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

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
